import { parseRulesSheet, RULES_SHEET_NAME } from '../domain';
import type { CellValue, RaceRules } from '../domain';
import { PortError } from '../workflows/workbookPort';
import { detectInputFormat } from '../xlsx/detectInputFormat';
import { openXlsxReadPort } from '../xlsx/xlsxReadPort';
import { inputError } from './CliError';

/**
 * The rules of the workbook's own 赛马规则 sheet (`parseRulesSheet`), or `null` when the file is a CSV or has no
 * such sheet (the defaults apply). The sheet is only read.
 * @throws CliError (exit 2) when the sheet has rows the rules cannot take, naming them.
 */
export async function readRulesSheet(path: string): Promise<RaceRules | null> {
  if ((await detectInputFormat(path)) !== 'xlsx') return null;
  const port = await openXlsxReadPort(path);
  const grid: CellValue[][] = [];
  try {
    await port.streamRows(
      { kind: 'sheet', name: RULES_SHEET_NAME },
      {
        onSource: () => undefined,
        onRow: (rowIndex, cells) => {
          while (grid.length < rowIndex) grid.push([]);
          grid[rowIndex] = [...cells];
        },
      },
    );
  } catch (error) {
    if (error instanceof PortError && error.code === 'source_not_found') return null;
    throw error;
  } finally {
    await port.close();
  }
  const parsed = parseRulesSheet(grid);
  if (!parsed.ok) {
    const detail = parsed.problems.join('; ');
    throw inputError({ 'zh-CN': `“${RULES_SHEET_NAME}”工作表有误：${detail}`, 'en-US': `The ${RULES_SHEET_NAME} sheet is invalid: ${detail}` });
  }
  return parsed.rules;
}
