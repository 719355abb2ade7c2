import fc from 'fast-check';
import { parseAmount } from '../../../src/domain/ledger/parseAmount';
import type { AmountUnit, CellValue } from '../../../src/domain/ledger/types';

describe('parseAmount', () => {
  it.each<[CellValue, AmountUnit, number, boolean]>([
    [12.5, 'yi', 125_000, false],
    [12.5, 'wan', 12.5, false],
    [12, 'yuan', 0.0012, false],
    ['1,234.5', 'wan', 1234.5, false],
    ['１２．５', 'yi', 125_000, false],
    ['１，２３４．５亿元', 'wan', 12_345_000, false],
    ['1,234.5万元', 'yi', 1234.5, false],
    ['1.29万亿', 'wan', 129_000_000, false],
    ['3000元', 'wan', 0.3, false],
    ['约50', 'yi', 500_000, true],
    ['约20亿元人民币', 'wan', 200_000, true],
    ['人民币约20亿元', 'wan', 200_000, true],
    ['5000万元左右', 'yi', 5000, true],
    ['20亿元以上', 'wan', 200_000, true],
    ['30余亿元', 'wan', 300_000, true],
    [' 3 ', 'wan', 3, false],
    ['-0', 'wan', 0, false],
    [-0, 'wan', 0, false],
    ['-5', 'wan', -5, false],
  ])('reads %j in a %s column as %d 万元', (value, unit, wan, isApproximate) => {
    const parsed = parseAmount(value, unit);
    expect(parsed).toEqual({ kind: 'ok', wan: expect.closeTo(wan, 10), isApproximate });
    if (parsed.kind === 'ok') expect(Object.is(parsed.wan, -0)).toBe(false);
  });

  it.each<CellValue>([null, undefined, '', '   ', '\u3000', '—', '——', '-', '--', '/', '无', '待定', '暂无', 'N/A'])(
    'treats %j as missing',
    (value) => {
      expect(parseAmount(value, 'wan')).toEqual({ kind: 'missing' });
    },
  );

  it.each<[CellValue, string]>([
    ['840–931', 'range'],
    ['约840–931万元', 'range'],
    ['840-931', 'range'],
    ['10至20亿元', 'range'],
    ['12亿美元', 'currency'],
    ['约12亿美元', 'currency'],
    ['US$5', 'currency'],
    ['5000万欧元', 'currency'],
    ['80%', 'percent'],
    [Number.NaN, 'not_finite'],
    [Number.POSITIVE_INFINITY, 'not_finite'],
    ['abc', 'text'],
    ['1,2345', 'text'],
    [true, 'text'],
  ])('rejects %j as %s', (value, reason) => {
    expect(parseAmount(value, 'wan')).toEqual({ kind: 'invalid', reason });
  });

  it('never averages a range or converts a currency', () => {
    expect(parseAmount('840–931', 'wan').kind).toBe('invalid');
    expect(parseAmount('12亿美元', 'wan').kind).toBe('invalid');
  });

  it('reads a number formatted with separators, full-width digits or a 亿元 suffix back to the same 万元 value', () => {
    const fullWidth = (s: string): string => s.replace(/[0-9.,]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const withSeparators = (s: string): string => {
      const [int = '', frac] = s.split('.');
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return frac === undefined ? grouped : `${grouped}.${frac}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 99 }), (int, cents) => {
        const n = int + cents / 100;
        const text = String(n);
        const asWan = n; // a 万元 column
        expect(parseAmount(withSeparators(text), 'wan')).toEqual({ kind: 'ok', wan: asWan, isApproximate: false });
        expect(parseAmount(fullWidth(withSeparators(text)), 'wan')).toEqual({ kind: 'ok', wan: asWan, isApproximate: false });
        expect(parseAmount(`${withSeparators(text)}亿元`, 'wan')).toEqual({ kind: 'ok', wan: n * 10_000, isApproximate: false });
        expect(parseAmount(text, 'yi')).toEqual({ kind: 'ok', wan: n * 10_000, isApproximate: false });
      }),
    );
  });
});
