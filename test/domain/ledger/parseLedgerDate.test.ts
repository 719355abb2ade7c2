import { compareLedgerDates, parseLedgerDate } from '../../../src/domain/ledger/parseLedgerDate';
import type { CellValue } from '../../../src/domain/ledger/types';

describe('parseLedgerDate', () => {
  it.each<[CellValue, string, string | undefined]>([
    [45366, '2024-03-15', undefined],
    [45292, '2024-01-01', undefined],
    [45292.75, '2024-01-01', undefined],
    [2024, '2024', undefined],
    [2024.03, '2024-03', undefined],
    [2024.12, '2024-12', undefined],
    [20240315, '2024-03-15', undefined],
    ['2024.3', '2024-03', undefined],
    ['2024.03', '2024-03', undefined],
    ['2024.10', '2024-10', undefined],
    ['2024.1', '2024-01', undefined],
    ['2024年3月', '2024-03', undefined],
    ['２０２４年３月', '2024-03', undefined],
    ['2〇24年', '2024', undefined],
    ['2024-03', '2024-03', undefined],
    ['2024/3/15', '2024-03-15', undefined],
    ['2024.3.15', '2024-03-15', undefined],
    ['2024年3月15日', '2024-03-15', undefined],
    ['2024-03-15 00:00:00', '2024-03-15', undefined],
    ['2024年', '2024', undefined],
    ['20240315', '2024-03-15', undefined],
    ['2023-2025', '2023', '2025'],
    ['2023 - 2025', '2023', '2025'],
    ['2023年至2025年', '2023', '2025'],
    ['2023.3-2025.12', '2023-03', '2025-12'],
    ['2024.3-12', '2024-03', '2024-12'],
  ])('reads %j as %s', (value, start, end) => {
    expect(parseLedgerDate(value)).toEqual({ kind: 'ok', start, ...(end === undefined ? {} : { end }), isAmbiguous: false });
  });

  it('reads the number 2024.1 as January and flags that it may be October', () => {
    expect(parseLedgerDate(2024.1)).toEqual({ kind: 'ok', start: '2024-01', isAmbiguous: true });
  });

  it.each<CellValue>([null, undefined, '', ' ', '—', '待定', '无'])('treats %j as missing', (value) => {
    expect(parseLedgerDate(value)).toEqual({ kind: 'missing' });
  });

  it.each<CellValue>(['一季度', '年底', '2024.13', 2024.13, 2024.123, 1899, 5000, -1, Number.NaN, Number.POSITIVE_INFINITY, '2024-02-30', true, 'abc'])(
    'rejects %j',
    (value) => {
      expect(parseLedgerDate(value)).toEqual({ kind: 'invalid' });
    },
  );
});

describe('compareLedgerDates', () => {
  it.each<[string, string, number]>([
    ['2023-12', '2024-05', -1],
    ['2024', '2024-05', 0],
    ['2024-06-01', '2024-05', 1],
    ['2024-05-01', '2024-05-01', 0],
  ])('compares %s with %s at their common precision', (a, b, sign) => {
    expect(Math.sign(compareLedgerDates(a, b))).toBe(sign);
  });
});
