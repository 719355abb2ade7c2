import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';
import { parseAsOfSetting, resolveDataDate } from '../../src/workflows/dataDate';

describe('resolveDataDate', () => {
  const read = { dataDate: { date: '2025-09-30', text: '截至2025年9月30日', sheetRow: 2 } };

  it('takes the asOf setting over the ledger, and the ledger over nothing', () => {
    expect(resolveDataDate({ asOf: '2025-06-30' }, read)).toEqual({ date: '2025-06-30', source: 'setting' });
    expect(resolveDataDate(DEFAULT_SETTINGS, read)).toEqual({ date: '2025-09-30', source: 'ledger' });
    expect(resolveDataDate({}, {})).toEqual({ date: null, source: null });
    expect(resolveDataDate({ asOf: null }, null)).toEqual({ date: null, source: null });
  });
});

describe('parseAsOfSetting', () => {
  it.each<[unknown, string | null]>([
    ['2025-09-30', '2025-09-30'],
    ['2025-02-30', null],
    ['2025/09/30', null],
    [20250930, null],
    [undefined, null],
  ])('keeps %p as %p', (value, expected) => {
    expect(parseAsOfSetting(value)).toBe(expected);
  });
});
