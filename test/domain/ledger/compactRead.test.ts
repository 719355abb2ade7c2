import fc from 'fast-check';
import * as createIssueModule from '../../../src/domain/validate/createIssue';
import { readLedger } from '../../../src/domain/ledger/readLedger';
import { ProjectRowStore } from '../../../src/domain/ledger/projectRowStore';
import type { CellValue, ProjectRow } from '../../../src/domain/ledger/types';
import { countIssuesBySeverity, forEachIssueLocation, issueIndexesBySeverity, IssueStore } from '../../../src/domain/validate/issueStore';
import type { LedgerIssue } from '../../../src/domain/validate/types';
import { largeLedger } from '../../fixtures/largeLedger';
import { realisticLedgerGrid } from '../../fixtures/realisticLedger';

/** Every column the reader knows, the issue-17 ones included, so that every row rule runs. */
const HEADER: CellValue[] = [
  '序号', '项目名称', '合作央企', '所属领域', '项目阶段', '项目类别', '所属地区', '总投资（亿元）', '累计完成投资（万元）', '开工时间', '竣工时间',
  '签约时间', '计划开工时间', '实际开工时间', '计划竣工时间', '年度计划投资（万元）', '本年完成投资（万元）',
];

const name = fc.constantFrom('大连港扩建', '长兴岛石化', '旅顺风电', ' 金普 新区 数据中心 ', 'ABC 项目', '', '—', '合计', '小计');
const soe = fc.constantFrom('中国华能', '华能', '三峡集团、国家电投', '中铁十九局', '中储', '某某公司', '', null);
const sector = fc.constantFrom('能源', '交通', '新型基础设施', '能 源', '', '待定');
const stage = fc.constantFrom('谋划', '签约', '前期', '在建', '已竣工', '开工建设', '暂停', '', null);
const amount = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.integer({ min: -100, max: 1_000_000 }),
  fc.constantFrom('约50', '50左右', '１２．５', '1,234.5', '100-200', '5000美元', 'abc', '', null, 0, 1e9),
);
const date = fc.constantFrom(45366, 44197, 2024.1, '2024.10', '2023-2025', '2025年3月', 'soon', '', null, 20240315);
const text = fc.constantFrom('省重点', '市谋划', '中山区', '金州区', '西岗区', '', null);

const projectRow: fc.Arbitrary<CellValue[]> = fc.tuple(
  fc.integer({ min: 1, max: 999 }), name, soe, sector, stage, text, text, amount, amount, date, date, date, date, date, date, amount, amount,
);
const anyRow = fc.oneof(
  { weight: 8, arbitrary: projectRow },
  { weight: 1, arbitrary: fc.constant([] as CellValue[]) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue[]>([null, '一、能源项目'], ['合计', null, null, null, null, null, null, 100], ['注：单位为亿元']) },
);
/** A title, the header, then rows that repeat names (duplicates), leave cells blank, and carry every kind of problem. */
const ledger = fc.array(anyRow, { maxLength: 40 }).map((rows) => [['某市央企合作项目台账'], HEADER, ...rows]);

/** The whole read as JSON text: the same properties in the same order, not only equal values. */
function asText(value: unknown): string {
  return JSON.stringify(value);
}

describe('a compact read (ReadOptions.compact)', () => {
  it('gives the same read as the plain one, property for property and in the same order', () => {
    fc.assert(
      fc.property(ledger, (grid) => {
        const plain = readLedger(grid);
        const compact = readLedger(grid, { compact: true });
        expect(compact).toEqual(plain);
        expect(asText(compact)).toBe(asText(plain));
        expect(Array.isArray(compact.rows) && Array.isArray(compact.issues)).toBe(true);
        expect(countIssuesBySeverity(compact.issues)).toEqual(countIssuesBySeverity(plain.issues));
      }),
      { numRuns: 300 },
    );
  });

  it('is the same on the realistic ledger and on 3,000 rows of it, outliers and duplicates included', () => {
    for (const grid of [realisticLedgerGrid(), largeLedger(3000)]) {
      const plain = readLedger(grid);
      const compact = readLedger(grid, { compact: true });
      expect(plain.rows.length).toBeGreaterThan(10);
      expect(plain.issues.length).toBeGreaterThan(10);
      expect(asText(compact)).toBe(asText(plain));
    }
  });

  it('merges outliers found after the rows into row and column order', () => {
    const rows: CellValue[][] = Array.from({ length: 30 }, (_, i) => [i + 1, `项目${i}`, '中国华能', '能源', i % 2 === 0 ? '谋划' : '在建', null, null, i === 7 ? 1_000_000 : 10, i === 20 ? 900_000 : 5]);
    const grid = [HEADER, ...rows];
    const plain = readLedger(grid);
    expect(plain.issues.some((issue) => issue.code === 'amount_outlier')).toBe(true);
    expect(asText(readLedger(grid, { compact: true }))).toBe(asText(plain));
  });
});

describe('forEachIssueLocation', () => {
  it('visits a stored list without building any issue, in order, with the same locations', () => {
    const grid = largeLedger(500);
    const plain = readLedger(grid);
    const compact = readLedger(grid, { compact: true });
    const seen = (issues: readonly LedgerIssue[]): string[] => {
      const out: string[] = [];
      forEachIssueLocation(issues, (l) => out.push(`${l.severity} ${l.sheetRow} ${l.column?.letter ?? ''} ${l.column?.index ?? ''}`));
      return out;
    };
    const expected = seen(plain.issues);
    const built = jest.spyOn(createIssueModule, 'createIssue');
    try {
      expect(seen(compact.issues)).toEqual(expected);
      expect(built).not.toHaveBeenCalled();
      void compact.issues[compact.issues.length - 1];
      expect(built).toHaveBeenCalledTimes(1);
    } finally {
      built.mockRestore();
    }
    expect(expected.length).toBe(plain.issues.length);
  });

  it('reads any other list as it is', () => {
    const issues = readLedger(realisticLedgerGrid()).issues;
    const severities: string[] = [];
    forEachIssueLocation(issues, (l) => severities.push(l.severity));
    expect(severities).toEqual(issues.map((i) => i.severity));
  });
});

describe('ProjectRowStore', () => {
  const row = (i: number, progress: boolean): ProjectRow => ({
    sheetRow: i + 3,
    name: `项目 ${i}`,
    nameKey: i % 2 === 0 ? `项目${i}` : `项目 ${i}`,
    soes: [{ raw: '华能', canonical: '中国华能集团有限公司', shortName: '中国华能', isKnown: true }],
    sector: ['能源', '交通'][i % 2] as string,
    stage: (['planning', 'signed', 'preparation', 'construction', 'completed'] as const)[i % 5] as ProjectRow['stage'],
    stageRaw: '在建',
    category: i % 3 === 0 ? null : '省重点',
    district: i % 4 === 0 ? null : `区${i % 7}`,
    totalWan: i * 1.1,
    investedWan: i === 5 ? -0 : i / 3,
    startDate: i % 2 === 0 ? '2024-03' : null,
    completionDate: null,
    isApproximate: i % 5 === 0,
    ...(progress
      ? { progress: { signDate: '2023', plannedStartDate: null, actualStartDate: `2024-0${(i % 9) + 1}`, plannedCompletionDate: null, annualPlanWan: i % 2 === 0 ? null : i, yearInvestedWan: 0 } }
      : {}),
  });

  it('gives back every row pushed, past several growths, with and without the issue-17 columns', () => {
    const store = new ProjectRowStore(16);
    const pushed = Array.from({ length: 200 }, (_, i) => row(i, i >= 50));
    for (const r of pushed) store.push(r);
    expect(store.length).toBe(200);
    expect(asText(store.rows())).toBe(asText(pushed));
    expect(store.rows()).toEqual(pushed);
    expect(Object.is(store.row(5).investedWan, -0)).toBe(true);
  });

  it('keeps each distinct text once', () => {
    const store = new ProjectRowStore();
    const copies = ['能', '源'];
    for (let i = 0; i < 100; i++) store.push({ ...row(i, false), sector: copies.join('') });
    expect(store.row(0).sector).toBe('能源');
    expect(new Set(store.rows().map((r) => r.sector)).size).toBe(1);
  });
});

describe('IssueStore', () => {
  it('sorts a row by column keeping the order of equal ones, and merges later issues after equal entries', () => {
    const store = new IssueStore(16);
    const col = (index: number) => ({ index, letter: String.fromCharCode(65 + index), header: `h${index}` });
    const b = col(1);
    const a = col(0);
    store.add('date_invalid', { header: 'h1', raw: 'x' }, { sheetRow: 4, column: b, raw: 'x' });
    store.add('sector_not_allowed', { value: 's' }, { sheetRow: 4, column: a, raw: 's' });
    store.add('date_invalid', { header: 'h1', raw: 'y' }, { sheetRow: 4, column: b, raw: 'y' });
    store.sortFrom(0);
    expect(store.issues().map((i) => `${i.code}:${String(i.raw)}`)).toEqual(['sector_not_allowed:s', 'date_invalid:x', 'date_invalid:y']);
    const later = createIssueModule.createIssue('amount_outlier', { header: 'h1', wan: 9, medianWan: 1, unit: 'wan' }, { sheetRow: 4, column: b, raw: 9 });
    store.mergeSorted([later]);
    expect(store.issues().map((i) => `${i.code}:${String(i.raw)}`)).toEqual(['sector_not_allowed:s', 'date_invalid:x', 'date_invalid:y', 'amount_outlier:9']);
    expect(store.issues()[3]).toBe(later);
  });
});

describe('issueIndexesBySeverity', () => {
  it('gives each severity’s issue indexes in order, for a stored list as for a plain one', () => {
    const grid = largeLedger(500);
    const plain = readLedger(grid).issues;
    const expected = { error: [] as number[], warning: [] as number[], info: [] as number[] };
    plain.forEach((issue, i) => expected[issue.severity].push(i));
    expect(expected.warning.length).toBeGreaterThan(10);
    expect(issueIndexesBySeverity(plain)).toEqual(expected);
    expect(issueIndexesBySeverity(readLedger(grid, { compact: true }).issues)).toEqual(expected);
  });
});
