import { computeLights, describeLightReason } from '../../../src/domain/race/computeLights';
import { DEFAULT_RACE_RULES } from '../../../src/domain/race/raceRules';
import type { ColumnMapping, ColumnRef, ProjectRow, RowProgress } from '../../../src/domain/ledger/types';
import { row, type RowSpec } from '../summarize/rowBuilder';

const col = (index: number): ColumnRef => ({ index, letter: String.fromCharCode(65 + index), header: '' });
/** Every optional column present. */
const ALL: ColumnMapping = {
  plannedStartDate: col(10),
  actualStartDate: col(11),
  plannedCompletionDate: col(12),
  annualPlanInvestment: col(13),
  yearInvested: col(14),
};
const NO_PROGRESS: RowProgress = { signDate: null, plannedStartDate: null, actualStartDate: null, plannedCompletionDate: null, annualPlanWan: null, yearInvestedWan: null };

function project(spec: RowSpec, progress: Partial<RowProgress>): ProjectRow {
  return { ...row(spec), progress: { ...NO_PROGRESS, ...progress } };
}

function describeReason(reason: Parameters<typeof describeLightReason>[0] | undefined): string | undefined {
  return reason === undefined ? undefined : describeLightReason(reason)['zh-CN'];
}

function lightOf(p: ProjectRow, asOf: string, columns: ColumnMapping = ALL) {
  const result = computeLights({ rows: [p], columns }, asOf);
  return { light: (['red', 'yellow', 'green', 'unknown'] as const).find((l) => result.counts[l] === 1), result };
}

describe('computeLights', () => {
  describe('start rule', () => {
    it.each([
      // planned 2025-06, as of June → late 0
      ['2025-06-30', 'green', 0],
      ['2025-07-31', 'yellow', 1],
      ['2025-08-31', 'yellow', 2],
      ['2025-09-30', 'red', 3],
    ] as const)('as of %s a project planned for 2025-06 and not started is %s (late %d)', (asOf, light, _late) => {
      expect(lightOf(project({ stage: 'signed' }, { plannedStartDate: '2025-06' }), asOf).light).toBe(light);
    });

    it('counts months across a year end: planned 2024-11, as of 2025-01-31 is 2 months late', () => {
      const { light, result } = lightOf(project({ stage: 'preparation' }, { plannedStartDate: '2024-11-20' }), '2025-01-31');
      expect(light).toBe('yellow');
      expect(describeReason(result.projects[0]?.reasons[0])).toBe('计划2024年11月开工，已滞后2个月未开工');
    });

    it('words the reason as the issue does, in both languages', () => {
      const { result } = lightOf(project({ stage: 'planning', name: '甲' }, { plannedStartDate: '2025-05' }), '2025-09-30');
      expect(result.projects).toEqual([
        expect.objectContaining({
          name: '甲',
          light: 'red',
          reasons: [{ rule: 'start', planned: '2025-05', late: 4 }],
        }),
      ]);
      expect(describeLightReason({ rule: 'start', planned: '2025-05', late: 4 })).toEqual({
        'zh-CN': '计划2025年5月开工，已滞后4个月未开工',
        'en-US': 'Planned to start in May 2025; not started, 4 months late',
      });
    });

    it('does not apply to a project with an 实际开工时间 or in construction', () => {
      expect(lightOf(project({ stage: 'signed' }, { plannedStartDate: '2024-01', actualStartDate: '2024-02' }), '2025-09-30').light).toBe('unknown');
      expect(lightOf(project({ stage: 'construction' }, { plannedStartDate: '2024-01' }), '2025-09-30').light).toBe('unknown');
    });

    it('reads the 开工时间 column when there is no 计划开工时间 column, and says so', () => {
      const p = { ...row({ stage: 'signed', startDate: '2025-01' }) };
      const { light, result } = lightOf(p, '2025-09-30', { startDate: col(9) });
      expect(light).toBe('red');
      expect(result.notes.find((n) => n.rule === 'start')?.message['zh-CN']).toContain('按“开工时间”列判定');
    });
  });

  describe('progress rule (as of 2025-12-31: 序时进度 100%)', () => {
    it.each([
      [90.01, 'green', '9.99'],
      [90, 'yellow', '10'],
      [70, 'yellow', '30'],
      [69.99, 'red', '30.01'],
    ] as const)('本年完成投资 %d of a plan of 100 is %s (gap %s points)', (done, light, _gap) => {
      expect(lightOf(project({ stage: 'construction' }, { annualPlanWan: 100, yearInvestedWan: done }), '2025-12-31').light).toBe(light);
    });

    it('uses asOf month / 12 as 序时进度 and words the reason with one decimal', () => {
      const { light, result } = lightOf(project({ stage: 'construction' }, { annualPlanWan: 1000, yearInvestedWan: 320 }), '2025-09-30');
      expect(light).toBe('red');
      expect(describeReason(result.projects[0]?.reasons[0])).toBe('本年完成投资完成率32.0%，低于序时进度75.0%共43.0个百分点');
    });

    it('gap 10 at September (75% − 65%) is yellow although 18.85 / 29 is 65.00000000000001% in floating point', () => {
      expect(lightOf(project({ stage: 'construction' }, { annualPlanWan: 29, yearInvestedWan: 18.85 }), '2025-09-30').light).toBe('yellow');
    });

    it('does not apply without a plan > 0 or without a reported 本年完成投资', () => {
      expect(lightOf(project({ stage: 'construction' }, { annualPlanWan: 0, yearInvestedWan: 0 }), '2025-12-31').light).toBe('unknown');
      expect(lightOf(project({ stage: 'construction' }, { annualPlanWan: 100, yearInvestedWan: null }), '2025-12-31').light).toBe('unknown');
    });

    it('applies to a project with an 实际开工时间 even when its stage lags', () => {
      expect(lightOf(project({ stage: 'preparation' }, { actualStartDate: '2025-02', annualPlanWan: 100, yearInvestedWan: 10 }), '2025-12-31').light).toBe('red');
    });
  });

  describe('completion rule', () => {
    it.each([
      ['2025-06-30', 'green'],
      ['2025-07-31', 'yellow'],
      ['2025-08-31', 'yellow'],
      ['2025-09-30', 'red'],
    ] as const)('as of %s a project to complete in 2025-06 and not completed is %s', (asOf, light) => {
      expect(lightOf(project({ stage: 'construction' }, { plannedCompletionDate: '2025-06' }), asOf).light).toBe(light);
    });

    it('does not apply to a completed project', () => {
      expect(lightOf(project({ stage: 'completed' }, { plannedCompletionDate: '2020-01' }), '2025-09-30').light).toBe('unknown');
    });
  });

  it('takes the worst light and lists each reason', () => {
    const p = project({ stage: 'construction' }, { plannedCompletionDate: '2025-08', annualPlanWan: 100, yearInvestedWan: 10 });
    const { light, result } = lightOf(p, '2025-09-30');
    expect(light).toBe('red');
    expect(result.projects[0]?.reasons.map((r) => describeLightReason(r)['zh-CN'])).toEqual(['本年完成投资完成率10.0%，低于序时进度75.0%共65.0个百分点', '计划2025年8月竣工，已滞后1个月未竣工']);
  });

  it.each([
    ['start and completion', project({ stage: 'signed' }, { plannedStartDate: '2025-01', plannedCompletionDate: '2025-07' }), ['计划2025年1月开工，已滞后8个月未开工', '计划2025年7月竣工，已滞后2个月未竣工']],
    ['completion alone', project({ stage: 'construction' }, { plannedCompletionDate: '2025-07' }), ['计划2025年7月竣工，已滞后2个月未竣工']],
    ['progress alone', project({ stage: 'construction' }, { annualPlanWan: 100, yearInvestedWan: 40 }), ['本年完成投资完成率40.0%，低于序时进度75.0%共35.0个百分点']],
  ])('lists the reasons of %s in rule order', (_label, p, reasons) => {
    const result = computeLights({ rows: [p, p], columns: ALL }, '2025-09-30');
    expect(result.projects.map((f) => f.reasons.map((r) => describeLightReason(r)['zh-CN']))).toEqual([reasons, reasons]);
  });

  it('counts a project no rule applies to as 未判定, apart from green', () => {
    const result = computeLights({ rows: [row({ stage: 'construction' })], columns: {} }, '2025-09-30');
    expect(result.counts).toEqual({ red: 0, yellow: 0, green: 0, unknown: 1 });
    expect(result.notes.map((n) => n.rule)).toEqual(['start', 'progress', 'completion']);
  });

  it('counts per district (aliases to canonical names) and lists red before yellow', () => {
    const rows = [
      project({ stage: 'signed', district: '金州区', name: 'y' }, { plannedStartDate: '2025-08' }),
      project({ stage: 'signed', district: '金普新区', name: 'r' }, { plannedStartDate: '2025-01' }),
      project({ stage: 'signed', district: '中山区', name: 'g' }, { plannedStartDate: '2025-12' }),
    ];
    const result = computeLights({ rows, columns: ALL }, '2025-09-30');
    expect(result.byDistrict).toEqual([
      { district: '金普新区', red: 1, yellow: 1, green: 0, unknown: 0 },
      { district: '中山区', red: 0, yellow: 0, green: 1, unknown: 0 },
    ]);
    expect(result.projects.map((p) => p.name)).toEqual(['r', 'y']);
  });

  it('follows edited thresholds', () => {
    const rules = { ...DEFAULT_RACE_RULES, lights: { ...DEFAULT_RACE_RULES.lights, startRedMonths: 6 } };
    const result = computeLights({ rows: [project({ stage: 'signed' }, { plannedStartDate: '2025-05' })], columns: ALL }, '2025-09-30', rules);
    expect(result.counts.yellow).toBe(1);
  });

  it('refuses an as-of date that is not YYYY-MM-DD', () => {
    expect(() => computeLights({ rows: [], columns: {} }, '2025-13-01')).toThrow(RangeError);
  });
});
