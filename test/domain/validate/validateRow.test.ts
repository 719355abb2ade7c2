import { findHeader } from '../../../src/domain/ledger/findHeader';
import { FORMULA_NOT_CALCULATED } from '../../../src/domain/ledger/types';
import type { CellValue } from '../../../src/domain/ledger/types';
import { validateRow } from '../../../src/domain/validate/validateRow';
import type { RowContext } from '../../../src/domain/validate/validateRow';

const header = findHeader([['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '累计完成投资（亿元）', '开工时间', '竣工时间', '所属地区', '项目类别']]);
const ctx: RowContext = { columns: header?.columns ?? {}, totalUnit: 'yi', investedUnit: 'yi', allowedSectors: null, allowedDistricts: null };

describe('validateRow', () => {
  it('builds a project row in 万元 with normalised values', () => {
    const cells: CellValue[] = ['华能庄河Ⅳ2项目', '中国华能集团有限公司', '能源', '建成投产', '６５．８', 60, '2022', 2024.12, '庄河', '产业'];
    const { row, issues } = validateRow(cells, 7, ctx);
    expect(issues).toEqual([]);
    expect(row).toEqual({
      sheetRow: 7,
      name: '华能庄河Ⅳ2项目',
      nameKey: '华能庄河iv2项目',
      soes: [{ raw: '中国华能集团有限公司', canonical: '中国华能集团有限公司', shortName: '中国华能', isKnown: true }],
      sector: '能源',
      stage: 'completed',
      stageRaw: '建成投产',
      category: '产业',
      district: '庄河市',
      totalWan: 658_000,
      investedWan: 600_000,
      startDate: '2022',
      completionDate: '2024-12',
      isApproximate: false,
    });
  });

  it('returns no row and one error per bad required cell', () => {
    const { row, issues } = validateRow([null, '华能', '能源', '竣公', '840–931'], 3, ctx);
    expect(row).toBeNull();
    expect(issues.map((i) => [i.code, i.column?.letter])).toEqual([
      ['required_missing', 'A'],
      ['stage_unknown', 'D'],
      ['amount_range', 'E'],
    ]);
  });

  it('takes the completion date from a 建设起止年限 range when there is none', () => {
    const { row } = validateRow(['甲', '华能', '能源', '在建', 1, 0.5, '2023-2025'], 3, ctx);
    expect(row).toMatchObject({ startDate: '2023', completionDate: '2025' });
  });

  it('does not run the cross checks on a row with an error', () => {
    const { issues } = validateRow(['甲', '华能', '能源', '在建', 'abc', 5], 3, ctx);
    expect(issues.map((i) => i.code)).toEqual(['amount_invalid']);
  });
});

describe('validateRow with a formula that was never calculated', () => {
  it('does not count the row and says the formula is not calculated, never that the cell is empty', () => {
    const cells: CellValue[] = ['长海大桥', '中国交建', '交通', '在建', FORMULA_NOT_CALCULATED, FORMULA_NOT_CALCULATED];
    const { row, issues } = validateRow(cells, 9, ctx);
    expect(row).toBeNull();
    expect(issues.map((i) => [i.code, i.severity, i.column?.letter])).toEqual([
      ['formula_not_calculated', 'error', 'E'],
      ['formula_not_calculated', 'error', 'F'],
    ]);
    expect(issues[0]?.message['zh-CN']).toContain('公式未计算');
    expect(issues[0]?.suggestion?.['zh-CN']).toBe('公式未计算，请在 Excel 中打开并保存后再试');
  });

  it('ignores one in a column the ledger does not use', () => {
    const cells: CellValue[] = ['长海大桥', '中国交建', '交通', '在建', 12, 1, null, null, null, null, FORMULA_NOT_CALCULATED];
    expect(validateRow(cells, 9, ctx).row).not.toBeNull();
  });
});
