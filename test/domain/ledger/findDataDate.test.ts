import fc from 'fast-check';
import { findDataDate, parseDataDatePhrase, readLedger } from '../../../src/domain';

describe('parseDataDatePhrase', () => {
  it.each([
    ['填报单位：大连市央地合作工作专班办公室　　截至2025年9月30日', undefined, '2025-09-30'],
    ['截至2025年10月底', undefined, '2025-10-31'],
    ['截止2024年2月末', undefined, '2024-02-29'],
    ['2025年1-9月央地合作项目台账', undefined, '2025-09-30'],
    ['２０２５年１—９月', undefined, '2025-09-30'],
    ['2025年1月至6月', undefined, '2025-06-30'],
    ['三季度央地合作项目台账', 2025, '2025-09-30'],
    ['2025年前三季度', undefined, '2025-09-30'],
    ['第一季度', 2024, '2024-03-31'],
    ['2025年上半年', undefined, '2025-06-30'],
    ['截止到2024.12.31', undefined, '2024-12-31'],
    ['截至2025-09-30', undefined, '2025-09-30'],
    ['截至9月底', 2025, '2025-09-30'],
    ['2025年9月', undefined, '2025-09-30'],
    ['2025年底', undefined, '2025-12-31'],
  ])('reads %s (context year %s) as %s', (text, year, expected) => {
    expect(parseDataDatePhrase(text, year)).toBe(expected);
  });

  it.each([
    ['央地合作项目台账', undefined],
    ['填报日期：2025年10月8日', undefined],
    ['2025年2月30日', undefined],
    ['三季度', undefined],
    ['项目1-9号', 2025],
    ['单位：亿元', 2025],
  ])('finds no data date in %s', (text, year) => {
    expect(parseDataDatePhrase(text, year)).toBeNull();
  });

  it('prefers the date after 截至 over a period and a period over a bare date', () => {
    expect(parseDataDatePhrase('2025年第一季度，截至2025年3月31日')).toBe('2025-03-31');
    expect(parseDataDatePhrase('2025年1-9月（2025年10月8日报）')).toBe('2025-09-30');
  });

  it('reads any day written after 截至 in full-width or half-width digits', () => {
    const day = fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true });
    const filler = fc.string({ maxLength: 8 }).filter((s) => !/[0-9０-９〇年月日号底末季度半Q至到截止—–~-]/.test(s));
    fc.assert(
      fc.property(day, filler, filler, fc.boolean(), (d, before, after, isFullWidth) => {
        const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        let phrase = `截至${y}年${m}月${dd}日`;
        if (isFullWidth) phrase = phrase.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
        expect(parseDataDatePhrase(`${before}${phrase}${after}`)).toBe(iso);
      }),
    );
  });

  it('returns a real calendar day or null for any text, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789年月日底末季度一二三上半截至-.'.split('')), maxLength: 20 }), fc.option(fc.integer({ min: 1990, max: 2099 }), { nil: undefined }), (text, year) => {
        const date = parseDataDatePhrase(text, year);
        if (date === null) return;
        expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const parsed = new Date(`${date}T00:00:00Z`);
        expect(parsed.toISOString().slice(0, 10)).toBe(date);
      }),
    );
  });
});

describe('findDataDate', () => {
  it('takes the year of a phrase without one from another title row', () => {
    expect(findDataDate([['2025年大连市央地合作项目台账'], [null, '单位：亿元　三季度']])).toEqual({ date: '2025-09-30', text: '单位:亿元三季度', sheetRow: 2 });
  });

  it('prefers a 截至 phrase in any cell over a period in the title', () => {
    expect(findDataDate([['2025年1-6月项目台账'], ['填报日期：2025年10月8日', '截至2025年9月30日']])?.date).toBe('2025-09-30');
  });

  it('returns null when no row names a date', () => {
    expect(findDataDate([['央地合作项目台账'], ['单位：亿元', 42]])).toBeNull();
  });
});

describe('readLedger data date', () => {
  const header = ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）'];
  const project = [1, '甲项目', '中国华能', '能源', '在建', 10];

  it('reads the date from the rows above the header, not from rows below it', () => {
    const read = readLedger([['央地合作项目台账'], ['填报单位：市发改委　截至2025年10月底'], header, project, ['注：截至2026年1月31日']]);
    expect(read.dataDate).toEqual({ date: '2025-10-31', text: '填报单位:市发改委截至2025年10月底', sheetRow: 2 });
  });

  it('leaves the data date out when the title names none', () => {
    expect(readLedger([['央地合作项目台账'], header, project]).dataDate).toBeUndefined();
  });
});
