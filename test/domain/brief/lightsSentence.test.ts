import { draftBrief } from '../../../src/domain/brief/draftBrief';
import { lightsSentence } from '../../../src/domain/brief/lightsSentence';
import type { ColumnMapping, ColumnRef, ProjectRow, RowProgress } from '../../../src/domain/ledger/types';
import { computeLights } from '../../../src/domain/race/computeLights';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import { row } from '../summarize/rowBuilder';

const col = (index: number): ColumnRef => ({ index, letter: 'A', header: '' });
const COLUMNS: ColumnMapping = { plannedStartDate: col(9), plannedCompletionDate: col(10), annualPlanInvestment: col(11), yearInvested: col(12) };
const NO_PROGRESS: RowProgress = { signDate: null, plannedStartDate: null, actualStartDate: null, plannedCompletionDate: null, annualPlanWan: null, yearInvestedWan: null };
const project = (stage: ProjectRow['stage'], progress: Partial<RowProgress>): ProjectRow => ({ ...row({ stage }), progress: { ...NO_PROGRESS, ...progress } });

// As of 2025-09-30: two late starts (red, yellow), one late completion that is also behind on investment (red).
const ROWS = [
  project('signed', { plannedStartDate: '2025-01' }),
  project('preparation', { plannedStartDate: '2025-08' }),
  project('construction', { plannedCompletionDate: '2025-05', annualPlanWan: 100, yearInvestedWan: 10 }),
  project('construction', { annualPlanWan: 100, yearInvestedWan: 80 }),
];
const LIGHTS = computeLights({ rows: ROWS, columns: COLUMNS }, '2025-09-30');

describe('lightsSentence', () => {
  it('counts red and yellow projects and names the rules that flagged them, most first', () => {
    expect(LIGHTS.counts).toEqual({ red: 2, yellow: 1, green: 1, unknown: 0 });
    expect(lightsSentence(LIGHTS, 'zh-CN')).toBe('红灯项目2个、黄灯项目1个，主要为开工滞后（2个）、投资进度滞后（1个）、竣工滞后（1个）。');
    expect(lightsSentence(LIGHTS, 'en-US')).toBe(
      '2 projects are flagged red and 1 yellow, mostly for a late start (2), investment behind schedule (1) and late completion (1).',
    );
  });

  it('says so when nothing is red or yellow', () => {
    expect(lightsSentence({ counts: { red: 0, yellow: 0, green: 3, unknown: 1 }, projects: [] }, 'zh-CN')).toBe('暂无红灯、黄灯项目。');
  });
});

describe('draftBrief with lights', () => {
  const summary = summarizeRows(ROWS);

  it('ends with the lights sentence only when lights are given', () => {
    const without = draftBrief(summary, { lang: 'zh-CN' });
    const withLights = draftBrief(summary, { lang: 'zh-CN', lights: LIGHTS });
    expect(without).not.toContain('红灯');
    expect(withLights).toBe(`${without}红灯项目2个、黄灯项目1个，主要为开工滞后（2个）、投资进度滞后（1个）、竣工滞后（1个）。`);
    expect(draftBrief(summary, { lang: 'en-US', lights: LIGHTS })).toMatch(/has been invested to date\. 2 projects are flagged red and 1 yellow/);
  });
});
