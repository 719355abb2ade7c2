import type { Grid } from '../../src/domain/ledger/types';
import { inspectSource } from '../../src/taskpane/inspectSource';
import { DEFAULT_SETTINGS, type SheetInfo } from '../../src/workflows/workbookPort';

const HEADER = ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '累计完成投资（亿元）'];
const LEDGER: Grid = [HEADER, [1, '大连湾海底隧道', '中交集团', '交通', '在建', 12.5, 3]];
const NO_TOTAL: Grid = [HEADER.slice(0, 5), [1, '大连湾海底隧道', '中交集团', '交通', '在建']];

const sheet = (name: string, preview: Grid, extra: Partial<SheetInfo> = {}): SheetInfo => ({
  name,
  ownedRole: null,
  rowCount: preview.length,
  columnCount: preview[0]?.length ?? 0,
  tables: [],
  preview,
  ...extra,
});

describe('inspectSource', () => {
  it('detects the ledger, its header columns and mapping; owned sheets are no option', () => {
    const found = inspectSource(
      [sheet('说明', [['填表说明']]), sheet('台账', LEDGER, { tables: ['项目表'] }), sheet('汇总', [['x']], { ownedRole: 'summary' })],
      DEFAULT_SETTINGS,
    );
    expect(found.options).toEqual([
      { kind: 'sheet', name: '说明' },
      { kind: 'sheet', name: '台账' },
      { kind: 'table', name: '项目表' },
    ]);
    expect(found.detected).toEqual({ kind: 'table', name: '项目表' });
    expect(found.sheet).toBe('台账');
    expect(found.columns.map((c) => `${c.letter}=${c.header}`)).toEqual([
      'A=序号',
      'B=项目名称',
      'C=合作央企',
      'D=所属领域',
      'E=项目阶段',
      'F=总投资（亿元）',
      'G=累计完成投资（亿元）',
    ]);
    expect(found.mapping.totalInvestment?.letter).toBe('F');
    expect(found.mapping.investedToDate?.letter).toBe('G');
    expect(found.sheetIssues).toEqual([]);
    expect(found.error).toBeNull();
  });

  it('applies a stored column correction', () => {
    const found = inspectSource([sheet('台账', LEDGER)], { ...DEFAULT_SETTINGS, mapping: { investedToDate: 'F' } });
    expect(found.mapping.investedToDate?.letter).toBe('F');
    expect(found.overrides).toEqual({ investedToDate: 'F' });
  });

  it('says exactly which required column is missing', () => {
    const found = inspectSource([sheet('台账', NO_TOTAL)], { ...DEFAULT_SETTINGS, source: { kind: 'sheet', name: '台账' } });
    expect(found.sheet).toBe('台账');
    expect(found.sheetIssues.map((i) => [i.code, i.message['zh-CN']])).toEqual([['missing_column', "没有找到'总投资'列"]]);
  });

  it('shows the closest sheet’s missing column when no sheet qualifies as a ledger', () => {
    const found = inspectSource([sheet('说明', [['填表说明']]), sheet('台账', NO_TOTAL)], DEFAULT_SETTINGS);
    expect(found.detected).toBeNull();
    expect(found.error?.code).toBe('ledger_not_found');
    expect(found.sheet).toBe('台账');
    expect(found.columns).toHaveLength(5);
    expect(found.sheetIssues.map((i) => i.message['zh-CN'])).toEqual(["没有找到'总投资'列"]);
  });

  it('reports a workbook without a ledger', () => {
    const found = inspectSource([sheet('说明', [['填表说明']])], DEFAULT_SETTINGS);
    expect(found.detected).toBeNull();
    expect(found.sheet).toBeNull();
    expect(found.error?.code).toBe('ledger_not_found');
  });

  it('reports a stored source that no longer exists', () => {
    const found = inspectSource([sheet('台账', LEDGER)], { ...DEFAULT_SETTINGS, source: { kind: 'sheet', name: '旧台账' } });
    expect(found.detected).toEqual({ kind: 'sheet', name: '台账' });
    expect(found.error?.code).toBe('source_not_found');
  });
});
