import { readLedger } from '../../../src/domain/ledger/readLedger';
import type { Grid } from '../../../src/domain/ledger/types';
import { mergeLedgers } from '../../../src/domain/merge/mergeLedgers';
import type { MergeSource } from '../../../src/domain/merge/types';
import { summarize } from '../../../src/domain/summarize/summarize';
import { CITY_UNITS, DISTRICT_FILES, GANJINGZI, JINPU, MERGED_EXPECTED } from './districtLedgers';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

function source(file: string, grid: Grid, extra: Partial<MergeSource> = {}): MergeSource {
  return { file, read: readLedger(grid, { sheetName: '台账' }), ...extra };
}

const sources = (): MergeSource[] => DISTRICT_FILES.map((f) => source(f.file, f.grid));

describe('mergeLedgers', () => {
  describe('on the three district fixtures', () => {
    const result = mergeLedgers(sources());

    it('reads every fixture without an error', () => {
      for (const s of sources()) expect(s.read.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(sum(sources().map((s) => summarize(s.read).totals.totalWan))).toBeCloseTo(MERGED_EXPECTED.inputTotalWan, 6);
    });

    it('lists each project once, with the hand-computed totals', () => {
      expect(result.projects).toHaveLength(MERGED_EXPECTED.projects);
      expect(sum(result.projects.map((p) => p.row.totalWan))).toBeCloseTo(MERGED_EXPECTED.totalWan, 6);
      expect(sum(result.projects.map((p) => p.row.investedWan))).toBeCloseTo(MERGED_EXPECTED.investedWan, 6);
    });

    it('keeps the first file’s row of a duplicate and records both sources', () => {
      const tunnel = result.projects.find((p) => p.row.name === '大连湾海底隧道配套工程');
      expect(tunnel?.row.totalWan).toBe(350_000);
      expect(tunnel?.sources).toEqual([
        { fileIndex: 0, file: GANJINGZI.file, sheet: '台账', sheetRow: 4 },
        { fileIndex: 2, file: CITY_UNITS.file, sheet: '台账', sheetRow: 2 },
      ]);
      expect(result.duplicates.map((d) => [d.name, d.match, d.conflicts])).toEqual([
        ['大连湾海底隧道配套工程', 'name_soes', ['totalInvestment']],
        ['金普氢能产业园', 'name_soes', []],
      ]);
    });

    it('reports the conflicting total at both sources, in both languages', () => {
      const conflicts = result.issues.filter((i) => i.code.startsWith('conflict_'));
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        code: 'conflict_total',
        severity: 'warning',
        sources: [
          { file: GANJINGZI.file, sheetRow: 4 },
          { file: CITY_UNITS.file, sheetRow: 2 },
        ],
      });
      expect(conflicts[0]?.message['zh-CN']).toContain('350,000 万元与 360,000 万元');
      expect(conflicts[0]?.message['zh-CN']).toContain(`${GANJINGZI.file} › 台账 › 第 4 行`);
      expect(conflicts[0]?.message['en-US']).toContain(`${CITY_UNITS.file} › 台账 › row 2`);
    });

    it('warns about the near-duplicate and keeps both rows', () => {
      const near = result.issues.filter((i) => i.code === 'near_duplicate');
      expect(near.map((i) => i.sources.map((s) => [s.file, s.sheetRow]))).toEqual([
        [
          [GANJINGZI.file, 6],
          [JINPU.file, 5],
        ],
      ]);
      expect(result.projects.filter((p) => p.row.name.startsWith('LNG冷能利用'))).toHaveLength(2);
    });

    it('warns about the row of another district in a district’s file', () => {
      expect(result.fileDistricts).toEqual(['甘井子区', '金普新区', null]);
      const mismatches = result.issues.filter((i) => i.code === 'district_mismatch');
      expect(mismatches.map((i) => [i.sources[0]?.file, i.sources[0]?.sheetRow])).toEqual([[GANJINGZI.file, 7]]);
      expect(mismatches[0]?.message['en-US']).toBe(
        `Project '金州数据中心' is in 金普新区 but the file is 甘井子区's (${GANJINGZI.file} › 台账 › row 7)`,
      );
    });
  });

  it('fills what the kept row leaves blank from the later row, never replacing a value', () => {
    // 市直 first: its rows win, but it has no invested column, and no category.
    const cityFirst = [CITY_UNITS, GANJINGZI, JINPU].map((f) => source(f.file, f.grid));
    const result = mergeLedgers(cityFirst);
    const tunnel = result.projects.find((p) => p.row.name === '大连湾海底隧道配套工程');
    expect(tunnel?.row).toMatchObject({ totalWan: 360_000, investedWan: 120_000, sheetRow: 2 });
    expect(sum(result.projects.map((p) => p.row.investedWan))).toBeCloseTo(MERGED_EXPECTED.investedWan, 6);
    expect(sum(result.projects.map((p) => p.row.totalWan))).toBeCloseTo(1_040_000, 6);
    const later = source('B.xlsx', [
      ['项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '项目类别', '总投资（亿元）', '累计完成投资（亿元）'],
      ['大连湾海底隧道配套工程', '中国交建', '交通', '在建', '旅顺口区', '基础设施', 35, 1],
    ]);
    const filled = mergeLedgers([source('A.xlsx', GANJINGZI.grid), later]).projects[0]?.row;
    expect(filled).toMatchObject({ district: '甘井子区', category: '基础设施', investedWan: 120_000, totalWan: 350_000 });
  });

  it('merges rows with the same project code even when their names differ', () => {
    const a = source('A.xlsx', GANJINGZI.grid, { codes: new Map([[5, '2101-000123']]) });
    const b = source('B.xlsx', JINPU.grid, { codes: new Map([[6, ' 2101-000123 ']]) });
    const result = mergeLedgers([a, b]);
    const merged = result.duplicates.find((d) => d.match === 'code');
    expect(merged?.name).toBe('甘井子光伏发电项目');
    expect(merged?.sources.map((s) => [s.file, s.sheetRow])).toEqual([
      ['A.xlsx', 5],
      ['B.xlsx', 6],
    ]);
    // Stage 已签约 on both; 8 亿 vs 10 亿.
    expect(merged?.conflicts).toEqual(['totalInvestment', 'district']);
    expect(result.projects).toHaveLength(a.read.rows.length + b.read.rows.length - 1);
  });

  it('reports a different stage and district of a duplicate', () => {
    const first = source('A.xlsx', [
      ['项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '总投资（亿元）'],
      ['港口改造', '中国交建', '交通', '在建', '甘井子区', 3],
    ]);
    const later = source('B.xlsx', [
      ['项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '总投资（万元）'],
      ['港口 改造', '中国交通建设集团有限公司', '交通', '已竣工', '旅顺', 30000],
    ]);
    const result = mergeLedgers([first, later]);
    expect(result.projects).toHaveLength(1);
    expect(result.issues.map((i) => i.code)).toEqual(['duplicate_across_files', 'conflict_stage', 'conflict_district']);
    expect(result.issues[2]?.message['zh-CN']).toContain('甘井子区与旅顺口区');
  });

  it('lists a field that differs in several later files once', () => {
    const file = (total: number): Grid => [
      ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）'],
      ['港口改造', '中国交建', '交通', '在建', total],
    ];
    const result = mergeLedgers([source('A.xlsx', file(3)), source('B.xlsx', file(4)), source('C.xlsx', file(5))]);
    expect(result.duplicates).toEqual([expect.objectContaining({ conflicts: ['totalInvestment'] })]);
    expect(result.duplicates[0]?.sources.map((s) => s.file)).toEqual(['A.xlsx', 'B.xlsx', 'C.xlsx']);
    expect(result.issues.filter((i) => i.code === 'conflict_total').map((i) => i.sources.map((s) => s.file))).toEqual([
      ['A.xlsx', 'B.xlsx'],
      ['A.xlsx', 'C.xlsx'],
    ]);
  });

  it('does not merge rows of one file, nor rows with other SOEs', () => {
    const grid: Grid = [
      ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资'],
      ['风电场', '中国华能', '能源', '在建', 100],
      ['风电场', '中国大唐', '能源', '在建', 100],
    ];
    const result = mergeLedgers([source('A.xlsx', grid), source('B.xlsx', grid.slice(0, 2))]);
    expect(result.projects.map((p) => p.sources.map((s) => s.file))).toEqual([['A.xlsx', 'B.xlsx'], ['A.xlsx']]);
  });

  it('gives an empty ledger for no files', () => {
    expect(mergeLedgers([])).toEqual({ projects: [], duplicates: [], issues: [], fileDistricts: [] });
  });

  it('throws a TypeError for input that is not an array', () => {
    expect(() => mergeLedgers(null as unknown as MergeSource[])).toThrow(TypeError);
  });
});
