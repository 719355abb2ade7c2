import { DATE_1904_OFFSET_DAYS, dateCellIn1900, parseLedgerDate } from '../../../src/domain/ledger/parseLedgerDate';
import { readLedger } from '../../../src/domain/ledger/readLedger';

/** 1900-system serials (days since 1899-12-30) and the 1904-system serials (days since 1904-01-01) of the same days. */
const SERIAL_1900 = { '2021-01-01': 44197, '2020-01-01': 43831, '2019-07-01': 43647 } as const;
const in1904 = (serial: number): number => serial - DATE_1904_OFFSET_DAYS;

describe('dateCellIn1900', () => {
  it('moves a 1904 serial to the 1900 serial of the same day', () => {
    expect(DATE_1904_OFFSET_DAYS).toBe(1462);
    expect(dateCellIn1900(in1904(SERIAL_1900['2021-01-01']), 1904)).toBe(SERIAL_1900['2021-01-01']);
    expect(parseLedgerDate(dateCellIn1900(42735.5, 1904))).toEqual({ kind: 'ok', start: '2021-01-01', isAmbiguous: false });
  });

  it('leaves years, year.month numbers, yyyymmdd numbers, texts and every 1900-system value as they are', () => {
    for (const value of [2024, 2024.03, 2024.1, 20240315, '2024-03', '42735', null, true]) expect(dateCellIn1900(value, 1904)).toBe(value);
    expect(dateCellIn1900(42735, 1900)).toBe(42735);
  });
});

describe('readLedger with dateSystem 1904', () => {
  const HEADER = ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）', '开工时间', '竣工时间', '签约时间', '本年累计完成投资（万元）'];
  // Amounts chosen inside the serial range: were they moved, 30000 would become 31462.
  const row = (start: unknown, completion: unknown, name = '甲项目'): unknown[] => [name, '华能', '能源', '在建', 30_000, start, completion, in1904(SERIAL_1900['2019-07-01']), 25_000];
  const grid = [HEADER, row(in1904(SERIAL_1900['2020-01-01']), in1904(SERIAL_1900['2021-01-01'])), row(2019, '2022-06', '乙项目')] as never;

  it('reads the date fields as the dates a 1904-system workbook shows, and leaves amounts alone', () => {
    const read = readLedger(grid, { dateSystem: 1904 });
    expect(read.rows.map((r) => [r.startDate, r.completionDate, r.progress?.signDate])).toEqual([
      ['2020-01-01', '2021-01-01', '2019-07-01'],
      ['2019', '2022-06', '2019-07-01'],
    ]);
    expect(read.rows.map((r) => [r.totalWan, r.progress?.yearInvestedWan])).toEqual([
      [30_000, 25_000],
      [30_000, 25_000],
    ]);
    expect(read.issues.filter((i) => i.code.startsWith('date'))).toEqual([]);
  });

  it('reads the same grid as 1900 serials without the option, four years and a day early', () => {
    const read = readLedger(grid);
    expect(read.rows[0]?.startDate).toBe('2015-12-31');
    expect(read.rows[0]?.completionDate).toBe('2016-12-31');
    expect(readLedger(grid, { dateSystem: 1900 }).rows).toEqual(read.rows);
  });

  it('gives a date issue the 1900 serial of the cell, so the validation sheet shows the date the workbook shows', () => {
    const reversed = [HEADER, row(in1904(SERIAL_1900['2021-01-01']), in1904(SERIAL_1900['2020-01-01']))] as never;
    const issue = readLedger(reversed, { dateSystem: 1904 }).issues.find((i) => i.code === 'dates_reversed');
    expect(issue?.raw).toBe(SERIAL_1900['2020-01-01']);
  });
});
