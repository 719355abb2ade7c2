import { DEFAULT_RACE_RULES, parseRaceRules } from '../../../src/domain/race/raceRules';
import { isInYearToDate, lastCompleteMonthEnd, monthIndexOf, parseAsOf } from '../../../src/domain/race/asOfDate';

describe('parseRaceRules', () => {
  it('keeps the defaults where the input is silent', () => {
    const parsed = parseRaceRules({ weights: { signed: 25 }, lights: { progressRedGap: 40 } });
    expect(parsed).toEqual({
      ok: true,
      rules: {
        weights: { ...DEFAULT_RACE_RULES.weights, signed: 25 },
        groups: DEFAULT_RACE_RULES.groups,
        lights: { ...DEFAULT_RACE_RULES.lights, progressRedGap: 40 },
      },
    });
  });

  it('replaces the groups when given', () => {
    const parsed = parseRaceRules({ groups: [{ name: ' 主城区 ', districts: ['中山区', ' 金普新区', ''] }] });
    expect(parsed.ok && parsed.rules.groups).toEqual([{ name: '主城区', districts: ['中山区', '金普新区'] }]);
  });

  it.each([
    [[], 'rules must be a JSON object'],
    [{ weight: {} }, 'unknown key "weight"'],
    [{ weights: { signed: -1 } }, 'weights.signed must be a number ≥ 0'],
    [{ weights: { speed: 1 } }, 'unknown key "weights.speed" (known: signed, started, invested, rate)'],
    [{ lights: { startRedMonths: '3' } }, 'lights.startRedMonths must be a number ≥ 0'],
    [{ groups: [{ name: 'x', districts: 'a' }] }, 'groups[0].districts must be a list of texts'],
  ])('lists what is wrong with %j', (value, problem) => {
    expect(parseRaceRules(value)).toEqual({ ok: false, problems: [problem] });
  });

  it('defaults to the reference grouping: 5 主城区, 4 先导区, 4 北部地区, no 市本级', () => {
    expect(DEFAULT_RACE_RULES.groups.map((g) => g.districts.length)).toEqual([5, 4, 4]);
    expect(DEFAULT_RACE_RULES.groups.flatMap((g) => g.districts)).not.toContain('市本级/跨区域');
  });
});

describe('as-of dates', () => {
  it.each([
    ['2026-01-15', '2025-12-31'],
    ['2025-03-01', '2025-02-28'],
    ['2024-03-31', '2024-02-29'],
    ['2025-10-04', '2025-09-30'],
  ])('the last complete month before %s ends on %s', (today, end) => {
    const parts = parseAsOf(today);
    expect(parts).not.toBeNull();
    if (parts !== null) expect(lastCompleteMonthEnd(parts)).toBe(end);
  });

  it.each(['2025-02-29', '2025-13-01', '2025-9-30', 'x'])('refuses %j', (text) => {
    expect(parseAsOf(text)).toBeNull();
  });

  it('counts a year-only date as its December', () => {
    expect(monthIndexOf('2025')).toBe(2025 * 12 + 12);
    expect(monthIndexOf('2025-03-15')).toBe(2025 * 12 + 3);
  });

  it.each([
    ['2025', true],
    ['2025-09', true],
    ['2025-09-30', true],
    ['2025-10', false],
    ['2025-09-31', false],
    ['2024-12', false],
  ])('%s is in 2025 up to 2025-09-30: %s', (date, inside) => {
    expect(isInYearToDate(date, { year: 2025, month: 9, day: 30 })).toBe(inside);
  });
});
