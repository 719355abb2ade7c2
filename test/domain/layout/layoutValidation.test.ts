import { layoutValidation } from '../../../src/domain/layout/layoutValidation';
import type { LedgerIssue } from '../../../src/domain/validate/types';
import { readOf, row } from '../summarize/rowBuilder';
import { cell, rowOf, rowValues } from './planCells';

const message = (zh: string, en: string): LedgerIssue['message'] => ({ 'zh-CN': zh, 'en-US': en });

const issues: LedgerIssue[] = [
  { code: 'missing_column', severity: 'warning', sheetRow: null, column: null, raw: null, message: message('缺少“所属地区”列', 'No district column') },
  { code: 'skipped_total_row', severity: 'info', sheetRow: 9, column: null, raw: '合计', message: message('跳过合计行', 'Total row skipped') },
  {
    code: 'amount_unreadable',
    severity: 'error',
    sheetRow: 12,
    column: { letter: 'F', header: '总投资' },
    raw: '=HYPERLINK("http://x","点我")',
    message: message('总投资无法识别', 'Total investment unreadable'),
    suggestion: message('填写数字，如 12.5', 'Enter a number such as 12.5'),
  },
  { code: 'amount_approximate', severity: 'warning', sheetRow: 4, column: { letter: 'F', header: '总投资' }, raw: '约20', message: message('金额为约数', 'Approximate amount') },
  { code: 'stage_unknown', severity: 'error', sheetRow: 15, column: { letter: 'D', header: '项目阶段' }, raw: 3, message: message('阶段无法识别', 'Unknown stage') },
];

describe('layoutValidation', () => {
  const read = { ...readOf([row(), row()], { issues }), counts: { dataRows: 4, validRows: 1, warningRows: 1, errorRows: 2, skippedRows: 1 } };
  const plan = layoutValidation(read, { lang: 'zh-CN', sourceSheet: '台账' });

  it('plans the validation sheet by role, named 校验结果 in Chinese and Validation in English', () => {
    expect(plan).toMatchObject({ role: 'validation', name: '校验结果', charts: [] });
    expect(layoutValidation(read, { lang: 'en-US', sourceSheet: '台账' }).name).toBe('Validation');
  });

  it('counts issues by severity and rows at the top', () => {
    expect(cell(plan, 'A1')).toBe('校验结果');
    expect(cell(plan, 'A2')).toBe('数据来源：台账');
    expect([3, 4, 5].map((r) => rowValues(plan, r))).toEqual([
      ['错误', 2, '条'],
      ['警告', 2, '条'],
      ['提示', 1, '条'],
    ]);
    expect([6, 7, 8].map((r) => rowValues(plan, r))).toEqual([
      ['有效行', 1, '行'],
      ['警告行', 1, '行'],
      ['错误行（未计入）', 2, '行'],
    ]);
  });

  it('lists errors first, then warnings, then info, in read order within each', () => {
    const header = rowOf(plan, '严重程度');
    expect(rowValues(plan, header)).toEqual(['严重程度', '问题', '行', '列', '原值', '说明', '建议', '定位', '代码']);
    // Column I keeps the code for filtering; column B shows its title (a code this version does not know as is).
    expect([1, 2, 3, 4, 5].map((i) => cell(plan, `I${header + i}`))).toEqual([
      'amount_unreadable',
      'stage_unknown',
      'missing_column',
      'amount_approximate',
      'skipped_total_row',
    ]);
    expect([1, 2, 3, 4, 5].map((i) => cell(plan, `B${header + i}`))).toEqual(['amount_unreadable', '项目阶段无法识别', '缺少必需列', '金额为约数', 'skipped_total_row']);
    const en = layoutValidation(read, { lang: 'en-US', sourceSheet: '台账' });
    expect(cell(en, `B${rowOf(en, 'Severity') + 2}`)).toBe('Unknown stage');
    expect(plan.freeze).toEqual({ rows: header, cols: 0 });
  });

  it('writes row, "letter header" column, raw value, message, suggestion and a link to the source cell', () => {
    const header = rowOf(plan, '严重程度');
    expect(rowValues(plan, header + 1)).toEqual([
      '错误',
      'amount_unreadable',
      12,
      'F 总投资',
      '=HYPERLINK("http://x","点我")',
      '总投资无法识别',
      '填写数字，如 12.5',
      { link: { sheet: '台账', address: 'F12' }, text: 'F12' },
      'amount_unreadable',
    ]);
    expect(rowValues(plan, header + 3)).toEqual(['警告', '缺少必需列', null, null, null, '缺少“所属地区”列', null, null, 'missing_column']);
    expect(cell(plan, `H${header + 5}`)).toEqual({ link: { sheet: '台账', address: 'A9' }, text: 'A9' });
  });

  it('shows the raw value of a date cell as its date, not its serial', () => {
    const dated: LedgerIssue = { code: 'dates_reversed', severity: 'warning', sheetRow: 20, column: { letter: 'K', header: '竣工时间' }, raw: 44866, message: message('竣工早于开工', 'Completion before start') };
    const withDate = layoutValidation({ ...read, issues: [dated] }, { lang: 'zh-CN', sourceSheet: '台账' });
    // Serial 44866 is 2022-11-01 (1900 date system: day 25569 is 1970-01-01, and 44866 − 25569 = 19297 days later).
    expect(cell(withDate, `E${rowOf(withDate, '严重程度') + 1}`)).toBe('2022-11-01');
    // A number that is not a date cell's stays a number.
    expect(cell(plan, `E${rowOf(plan, '严重程度') + 2}`)).toBe(3);
  });

  it('keeps a formula-like raw value as a plain string, never a formula', () => {
    const header = rowOf(plan, '严重程度');
    expect(typeof cell(plan, `E${header + 1}`)).toBe('string');
    expect(plan.blocks.flatMap((block) => block.values.flat()).some((value) => typeof value === 'object' && value !== null && 'formula' in value)).toBe(false);
  });

  it('colours the severity column by group', () => {
    const header = rowOf(plan, '严重程度');
    const coloured = plan.formats.filter((f) => f.style.fontColor !== undefined);
    expect(coloured.map((f) => [f.range.row + 1, f.range.rows, f.range.cols, f.style.fontColor])).toEqual([
      [header + 1, 2, 1, '#C00000'],
      [header + 3, 2, 1, '#9C5700'],
      [header + 5, 1, 1, '#595959'],
    ]);
  });

  it('sizes each column to its widest text, CJK counted as two, between its bounds; the code column stays narrow', () => {
    // A: 错误行（未计入） 16 + 2; B: amount_unreadable 17 + 2; C: the minimum 6 (行, 12: 2 + 2); D: D 项目阶段 10 + 2;
    // E: the raw formula text (29 + 2) capped at 24; F: the minimum 20 (总投资无法识别 14 + 2); G: 填写数字，如 12.5 17 + 2;
    // H: the minimum 8 (F12); I: the code column's 8.
    expect(plan.columnWidths).toEqual([18, 19, 6, 12, 24, 20, 19, 8, 8]);
  });

  it('right-aligns the 行 header over the row numbers, and only that header', () => {
    const header = rowOf(plan, '严重程度') - 1;
    const aligned = plan.formats.filter((f) => f.style.horizontalAlignment === 'right');
    expect(aligned.map((f) => f.range)).toEqual([{ row: header, col: 2, rows: 1, cols: 1 }]);
  });

  it('writes messages in English in English', () => {
    const en = layoutValidation(read, { lang: 'en-US', sourceSheet: 'Ledger' });
    const header = rowOf(en, 'Severity');
    expect(rowValues(en, header + 1).slice(0, 2)).toEqual(['Error', 'amount_unreadable']);
    expect(cell(en, `F${header + 1}`)).toBe('Total investment unreadable');
  });

  it('prints its issue list with the header row on every page, and the data date in the page header', () => {
    const header = rowOf(plan, '严重程度') - 1;
    expect(plan.pageSetup).toMatchObject({ orientation: 'landscape', fitToPagesWide: 1, titleRows: { first: header, last: header }, rowBreaks: [] });
    expect(plan.pageSetup?.header).toEqual({ left: '校验结果' });
    const dated = layoutValidation(read, { lang: 'zh-CN', sourceSheet: '台账', dataDate: '2025-10-31' });
    expect(dated.pageSetup?.header).toEqual({ left: '校验结果', right: '截至：2025年10月31日' });
    expect(layoutValidation(read, { lang: 'zh-CN', sourceSheet: '台账', dataDate: null }).pageSetup?.header.right).toBe('截至日期：未注明');
  });

  it('says so when there is no issue', () => {
    const clean = layoutValidation(readOf([row()]), { lang: 'zh-CN', sourceSheet: '台账' });
    expect(rowOf(clean, '未发现问题 ✓')).toBe(10);
    expect(rowOf(clean, '严重程度')).toBe(0);
    expect(clean.freeze).toBeUndefined();
  });
});
