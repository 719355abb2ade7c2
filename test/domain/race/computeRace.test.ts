import fc from 'fast-check';
import { computeRace, raceRanks, withRankChanges } from '../../../src/domain/race/computeRace';
import { DEFAULT_RACE_RULES, type RaceRules } from '../../../src/domain/race/raceRules';
import type { ColumnMapping, ColumnRef, ProjectRow, RowProgress } from '../../../src/domain/ledger/types';
import { row, type RowSpec } from '../summarize/rowBuilder';

const col = (index: number): ColumnRef => ({ index, letter: String.fromCharCode(65 + index), header: '' });
const ALL: ColumnMapping = { signDate: col(9), actualStartDate: col(10), annualPlanInvestment: col(11), yearInvested: col(12) };
const NO_PROGRESS: RowProgress = { signDate: null, plannedStartDate: null, actualStartDate: null, plannedCompletionDate: null, annualPlanWan: null, yearInvestedWan: null };

function project(district: string, progress: Partial<RowProgress>, spec: RowSpec = {}): ProjectRow {
  return { ...row({ district, ...spec }), progress: { ...NO_PROGRESS, ...progress } };
}

/** Two groups: A (甲区, 乙区, 丙区) and an empty group B. */
const RULES: RaceRules = { ...DEFAULT_RACE_RULES, groups: [{ name: 'A', districts: ['中山区', '西岗区', '沙河口区'] }, { name: 'B', districts: [] }] };
const AS_OF = '2025-09-30';

describe('computeRace', () => {
  it('scores by weight × value / group maximum (hand-computed)', () => {
    const rows = [
      // 中山区: signed 2, started 1, invested 300 of plan 400 (75%)
      project('中山区', { signDate: '2025-03', actualStartDate: '2025-04', annualPlanWan: 200, yearInvestedWan: 200 }),
      project('中山区', { signDate: '2025-09-30', annualPlanWan: 200, yearInvestedWan: 100 }),
      // 西岗区: signed 1 (one signed after the data date and one last year do not count), started 2, invested 150 of 100 (150%)
      project('西岗区', { signDate: '2025-05', actualStartDate: '2025-01', annualPlanWan: 100, yearInvestedWan: 150 }),
      project('西岗区', { signDate: '2025-10', actualStartDate: '2025-09-15' }),
      project('西岗区', { signDate: '2024-12', actualStartDate: '2024-12' }),
    ];
    const race = computeRace({ rows, columns: ALL }, AS_OF, RULES);
    const a = race.groups[0]?.districts ?? [];
    const zs = a.find((d) => d.district === '中山区');
    const xg = a.find((d) => d.district === '西岗区');
    expect(zs?.values).toEqual({ signed: 2, started: 1, investedWan: 300, rate: 0.75 });
    expect(xg?.values).toEqual({ signed: 1, started: 2, investedWan: 150, rate: 1.5 });
    // 中山区: 20·2/2 + 30·1/2 + 30·300/300 + 20·0.75/1.5 = 20 + 15 + 30 + 10 = 75
    expect(zs?.score).toBeCloseTo(75, 9);
    // 西岗区: 20·1/2 + 30·2/2 + 30·150/300 + 20·1.5/1.5 = 10 + 30 + 15 + 20 = 75 → tie with 中山区
    expect(xg?.score).toBeCloseTo(75, 9);
    expect(a.map((d) => [d.district, d.rank])).toEqual([
      ['中山区', 1],
      ['西岗区', 1],
      ['沙河口区', 3],
    ]);
    expect(a[2]?.score).toBe(0);
  });

  it('shares a rank only for scores closer than 1e-9', () => {
    // Scores 100 and 100 − 1e-10: one rank; 100 and 99 apart.
    const rows = [project('中山区', { yearInvestedWan: 1 }), project('西岗区', { yearInvestedWan: 1 - 1e-12 }), project('沙河口区', { yearInvestedWan: 0.5 })];
    const race = computeRace({ rows, columns: { yearInvested: col(12) } }, AS_OF, RULES);
    expect(race.groups[0]?.districts.map((d) => d.rank)).toEqual([1, 1, 3]);
    const apart = computeRace({ rows: [project('中山区', { yearInvestedWan: 1 }), project('西岗区', { yearInvestedWan: 0.99 })], columns: { yearInvested: col(12) } }, AS_OF, RULES);
    expect(apart.groups[0]?.districts.map((d) => d.rank)).toEqual([1, 2, 3]);
  });

  it('drops an indicator whose column is missing and shares its weight in proportion, with a note', () => {
    // No 签约时间: 20 shared among 30/30/20 → 30·100/80 = 37.5, 37.5, 25.
    const rows = [project('中山区', { actualStartDate: '2025-02', annualPlanWan: 10, yearInvestedWan: 10 }), project('西岗区', { annualPlanWan: 10, yearInvestedWan: 5 })];
    const columns: ColumnMapping = { actualStartDate: col(10), annualPlanInvestment: col(11), yearInvested: col(12) };
    const race = computeRace({ rows, columns }, AS_OF, RULES);
    expect(race.dropped).toEqual(['signed']);
    expect(race.weights).toEqual({ signed: 0, started: 37.5, invested: 37.5, rate: 25 });
    expect(race.notes[0]?.['zh-CN']).toBe('未找到“签约时间”列，“签约”指标未计分，其权重20按比例分给其他指标');
    const [first, second] = race.groups[0]?.districts ?? [];
    expect(first?.score).toBeCloseTo(100, 9);
    // 西岗区: 0 + 37.5·5/10 + 25·0.5/1 = 18.75 + 12.5
    expect(second?.score).toBeCloseTo(31.25, 9);
  });

  it('counts 开工 by stage when there is no 实际开工时间 column, and says so', () => {
    const rows = [row({ district: '中山区', stage: 'construction' }), row({ district: '中山区', stage: 'completed' }), row({ district: '西岗区', stage: 'signed' })];
    const race = computeRace({ rows, columns: {} }, AS_OF, RULES);
    expect(race.groups[0]?.districts.map((d) => d.values.started)).toEqual([2, 0, 0]);
    expect(race.dropped).toEqual(['signed', 'invested', 'rate']);
    expect(race.weights.started).toBeCloseTo(100, 9);
    expect(race.notes.some((n) => n['zh-CN'].includes('按阶段为在建或竣工'))).toBe(true);
  });

  it('keeps an empty group as a table without districts', () => {
    const race = computeRace({ rows: [], columns: ALL }, AS_OF, RULES);
    expect(race.groups.map((g) => [g.group, g.districts.length])).toEqual([
      ['A', 3],
      ['B', 0],
    ]);
    expect(race.groups[0]?.districts.every((d) => d.score === 0 && d.rank === 1)).toBe(true);
  });

  it('counts 市本级/跨区域 and districts in no group apart', () => {
    const rows = [row({ district: '市本级' }), row({ district: '全市' }), row({ district: '长海县' }), row({ district: null }), row({ district: '中山' })];
    const race = computeRace({ rows, columns: ALL }, AS_OF, RULES);
    expect(race.outside).toEqual({
      cityLevel: 2,
      unassigned: [
        { district: '长海县', projects: 1 },
        { district: null, projects: 1 },
      ],
    });
    expect(race.groups[0]?.districts.find((d) => d.district === '中山区')?.projects).toBe(1);
  });

  it('uses the default groups of the reference data', () => {
    const race = computeRace({ rows: [], columns: ALL }, AS_OF);
    expect(race.groups.map((g) => [g.group, g.districts.length])).toEqual([
      ['主城区', 5],
      ['先导区', 4],
      ['北部地区', 4],
    ]);
  });

  it('gives the change in rank since a baseline (positive = up)', () => {
    const rows = [project('西岗区', { yearInvestedWan: 2 }), project('中山区', { yearInvestedWan: 1 })];
    const race = computeRace({ rows, columns: { yearInvested: col(12) } }, AS_OF, RULES, [
      { district: '中山区', rank: 1 },
      { district: '西岗', rank: 3 },
    ]);
    expect(race.groups[0]?.districts.map((d) => [d.district, d.rank, d.rankChange])).toEqual([
      ['西岗区', 1, 2],
      ['中山区', 2, -1],
      ['沙河口区', 3, null],
    ]);
  });

  it('compares a district only with its rank in the same group, and records the ranks to compare with later', () => {
    const rows = [project('西岗区', { yearInvestedWan: 2 }), project('中山区', { yearInvestedWan: 1 })];
    const race = computeRace({ rows, columns: { yearInvested: col(12) } }, AS_OF, RULES);
    expect(race.hasRankBaseline).toBe(false);
    expect(raceRanks(race)).toEqual([
      { district: '西岗区', group: 'A', rank: 1 },
      { district: '中山区', group: 'A', rank: 2 },
      { district: '沙河口区', group: 'A', rank: 3 },
    ]);
    // 西岗区 was 2nd in A (↑1); 中山区 was ranked in another group (new to A); 沙河口区 kept 3rd (0).
    const changed = withRankChanges(race, [
      { district: '西岗区', group: 'A', rank: 2 },
      { district: '中山区', group: '北部地区', rank: 1 },
      { district: '沙河口区', group: 'A', rank: 3 },
    ]);
    expect(changed.hasRankBaseline).toBe(true);
    expect(changed.groups[0]?.districts.map((d) => [d.district, d.rankChange])).toEqual([
      ['西岗区', 1],
      ['中山区', null],
      ['沙河口区', 0],
    ]);
    const none = withRankChanges(changed, null);
    expect(none.hasRankBaseline).toBe(false);
    expect(none.groups[0]?.districts.map((d) => d.rankChange)).toEqual([null, null, null]);
  });

  describe('properties', () => {
    const districts = ['中山区', '西岗区', '沙河口区'];
    const progress = fc.record({
      district: fc.constantFrom(...districts),
      signed: fc.boolean(),
      started: fc.boolean(),
      plan: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e6, noNaN: true })),
      done: fc.double({ min: 0, max: 1e6, noNaN: true }),
    });
    // Weights as a user types them: 0 to 100 with one decimal.
    const weight = fc.integer({ min: 0, max: 1000 }).map((n) => n / 10);
    const weights = fc.record({ signed: weight, started: weight, invested: weight, rate: weight });
    const columnSets = fc.subarray(['signDate', 'actualStartDate', 'annualPlanInvestment', 'yearInvested'] as const);
    const toRows = (specs: readonly { district: string; signed: boolean; started: boolean; plan: number; done: number }[]) =>
      specs.map((s) => project(s.district, { signDate: s.signed ? '2025-02' : null, actualStartDate: s.started ? '2025-03' : null, annualPlanWan: s.plan, yearInvestedWan: s.done }));

    it('gives every district a score between 0 and Σweights', () => {
      fc.assert(
        fc.property(fc.array(progress, { maxLength: 40 }), weights, columnSets, (specs, w, present) => {
          const columns: ColumnMapping = Object.fromEntries(present.map((f, i) => [f, col(i)]));
          const race = computeRace({ rows: toRows(specs), columns }, AS_OF, { ...RULES, weights: w });
          const total = w.signed + w.started + w.invested + w.rate;
          for (const d of race.groups.flatMap((g) => g.districts)) {
            expect(d.score).toBeGreaterThanOrEqual(0);
            expect(d.score).toBeLessThanOrEqual(total);
          }
        }),
      );
    });

    it('gives the leader on every indicator Σweights and rank 1', () => {
      fc.assert(
        fc.property(fc.array(progress, { maxLength: 30 }), weights, (specs, w) => {
          const others = toRows(specs.map((s) => ({ ...s, district: s.district === '中山区' ? '西岗区' : s.district })));
          // The leader has more of every count and amount than all others together, and the highest rate: another
          // district's Σplan is 0 or ≥ 1, so its rate is at most S = Σ of all others' amounts; the leader's is S + 1.
          const n = others.length + 1;
          const s = others.reduce((acc, r) => acc + (r.progress?.yearInvestedWan ?? 0), 0);
          const leader = Array.from({ length: n }, () => project('中山区', { signDate: '2025-01', actualStartDate: '2025-01', annualPlanWan: 1, yearInvestedWan: s + 1 }));
          const race = computeRace({ rows: [...others, ...leader], columns: ALL }, AS_OF, { ...RULES, weights: w });
          const top = race.groups[0]?.districts.find((d) => d.district === '中山区');
          const total = w.signed + w.started + w.invested + w.rate;
          expect(top?.score).toBeCloseTo(total, 6);
          expect(top?.rank).toBe(1);
        }),
      );
    });
  });
});
