import type { CellValue } from '../../src/domain';
import { chooseSource } from '../../src/workflows/chooseSource';
import { WorkflowError } from '../../src/workflows/runError';
import type { SheetInfo } from '../../src/workflows/workbookPort';

const ledgerRows = (totalHeader: string): CellValue[][] => [
  ['项目名称', '合作央企', '所属领域', '项目阶段', totalHeader],
  ['华能普兰店陆上风电Ⅰ项目', '华能', '能源', '竣工', 12.5],
  ['中粮油脂大连饲料蛋白加工项目', '中粮', '工业', '在建', 20],
];

const sheet = (name: string, preview: CellValue[][], extra: Partial<SheetInfo> = {}): SheetInfo => ({
  name,
  ownedRole: null,
  rowCount: preview.length,
  columnCount: 5,
  tables: [],
  preview,
  ...extra,
});

describe('chooseSource', () => {
  it('picks the sheet whose header has the required columns', () => {
    const notes = sheet('说明', [['本工作簿说明'], ['单位：亿元']]);
    expect(chooseSource([notes, sheet('台账', ledgerRows('总投资（亿元）'))])).toEqual({ kind: 'sheet', name: '台账' });
  });

  it('never picks a sheet the add-in owns', () => {
    const owned = sheet('汇总', ledgerRows('总投资'), { ownedRole: 'summary', rowCount: 500 });
    expect(chooseSource([owned, sheet('台账', ledgerRows('总投资'))])).toEqual({ kind: 'sheet', name: '台账' });
  });

  it('prefers a table, then the sheet with more rows', () => {
    const small = sheet('一月', ledgerRows('总投资'));
    const large = sheet('二月', ledgerRows('总投资'), { rowCount: 900 });
    expect(chooseSource([small, large])).toEqual({ kind: 'sheet', name: '二月' });
    const table = sheet('三月', ledgerRows('总投资'), { tables: ['项目表'] });
    expect(chooseSource([small, large, table])).toEqual({ kind: 'table', name: '项目表' });
  });

  it('finds a ledger once a column override names its total column', () => {
    const sheets = [sheet('台账', ledgerRows('投资额'))];
    expect(() => chooseSource(sheets)).toThrow(WorkflowError);
    expect(chooseSource(sheets, { totalInvestment: 'E' })).toEqual({ kind: 'sheet', name: '台账' });
  });

  it('throws ledger_not_found when no sheet looks like a ledger', () => {
    expect(() => chooseSource([sheet('说明', [['说明']])])).toThrow(expect.objectContaining({ code: 'ledger_not_found' }));
  });
});
