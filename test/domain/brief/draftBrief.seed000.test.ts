/**
 * Golden tests of the briefing on the seed 000 ledger (test/fixtures/seed000.ts), read from its
 * grid like a real sheet: the paragraph carries the seed's figures, in the seed's order.
 */
import { draftBrief } from '../../../src/domain/brief/draftBrief';
import { readLedger } from '../../../src/domain/ledger/readLedger';
import type { Grid } from '../../../src/domain/ledger/types';
import { summarize } from '../../../src/domain/summarize/summarize';
import { toSummaryJson } from '../../../src/domain/summarize/toSummaryJson';
import { SEED000_HEADER, seed000Grid } from '../../fixtures/seed000';

const briefOf = (grid: Grid, style: 'exact' | 'rounded' = 'exact', lang: 'zh-CN' | 'en-US' = 'zh-CN'): string => {
  const read = readLedger(grid);
  return draftBrief(summarize(read), { lang, style, displayUnit: 'yi', decimals: 1, rows: read.rows });
};
const numbersOf = (text: string): string[] => text.replace(/10亿元以上/g, '').replace(/1 billion yuan/g, '').match(/\d+(?:\.\d+)?/g) ?? [];

/** Positions of `needles` found one after another in `text` (−1 when one is missing). */
function positionsInOrder(text: string, needles: readonly string[]): number[] {
  let from = 0;
  return needles.map((needle) => {
    const at = text.indexOf(needle, from);
    if (at >= 0) from = at + needle.length;
    return at;
  });
}

/** The seed's figures in the order the seed paragraph gives them. */
const SEED_ORDER = ['70', '34', '4952.7', '37', '26', '3940.5', '17', '25', '112', '33', '19', '1012.2', '11', '6', '11.9', '3'];

describe('draftBrief on the seed 000 ledger', () => {
  it('contains every seed figure in the seed order (exact style)', () => {
    const text = briefOf(seed000Grid());
    const positions = positionsInOrder(text, SEED_ORDER);
    expect(positions).not.toContain(-1);
    for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]!);
    expect(text).toContain('目前共有央地合作项目70个，合作覆盖34家央企，投资总额4952.7亿元。');
    expect(text).toContain('省重点项目37个，涉及央企26家，涵盖能源、工业、交通、环保、仓储物流等7个领域，投资总额3940.5亿元，其中17个项目投资规模10亿元以上；已开工项目25个，完成投资112.0亿元');
    expect(text).toContain('市谋划项目33个，涉及央企19家，');
    expect(text).toContain('投资总额1012.2亿元，其中11个项目投资规模10亿元以上；已开工项目6个，完成投资11.9亿元，其中已竣工项目3个。');
  });

  it('writes the seed’s own wording of the amounts in rounded style', () => {
    const text = briefOf(seed000Grid(), 'rounded');
    expect(text).toContain('投资总额近5000亿元');
    expect(text).toContain('投资总额约3940.5亿元');
    expect(text).toContain('投资总额约1012.2亿元');
    expect(text).toContain('完成投资112亿元');
    expect(text).toContain('完成投资11.9亿元');
  });

  it('writes the same figures in English', () => {
    const en = briefOf(seed000Grid(), 'exact', 'en-US');
    // 4952.7 亿元 = 495.27 billion yuan.
    expect(en).toContain('a total investment of 495.3 billion yuan');
    const zh = briefOf(seed000Grid());
    const amounts = (text: string, pattern: RegExp, toYi: (m: RegExpMatchArray) => number): number[] => [...text.matchAll(pattern)].map(toYi);
    const enYi = amounts(en.replace(/(?<![\d.])1 billion yuan/g, ''), /(\d+(?:\.\d+)?) (billion|million) yuan/g, (m) => Number(m[1]) * (m[2] === 'billion' ? 10 : 0.01));
    const zhYi = amounts(zh.replace(/10亿元以上/g, ''), /(\d+(?:\.\d+)?)亿元/g, (m) => Number(m[1]));
    expect(enYi).toHaveLength(zhYi.length);
    enYi.forEach((yi, i) => expect(Math.abs(yi - (zhYi[i] ?? NaN))).toBeLessThanOrEqual(0.55 + 1e-9));
    const counts = (text: string): string[] => numbersOf(text.replace(/(\d+(?:\.\d+)?)(亿元| billion yuan| million yuan)/g, ''));
    expect(counts(en)).toEqual(counts(zh));
    // The seed figures with amounts in billion yuan: 4952.7 → 495.3, 3940.5 → 394.1 (394.05…), 112 → 11.2, 1012.2 → 101.2, 11.9 → 1.2.
    const positions = positionsInOrder(en, ['70', '34', '495.3', '37', '26', '394.1', '17', '25', '11.2', '33', '19', '101.2', '11', '6', '1.2', '3']);
    expect(positions).not.toContain(-1);
  });

  it('takes its figures from the summary JSON', () => {
    const json = toSummaryJson(summarize(readLedger(seed000Grid())));
    const [provincial, city] = json.byCategory;
    const text = briefOf(seed000Grid());
    expect(numbersOf(text).slice(0, 3)).toEqual([String(json.totals.projects), String(json.totals.soes), json.totals.totalInvestment.toFixed(1)]);
    expect(provincial?.key).toBe('省重点项目');
    expect(text).toContain(`${provincial?.key}${provincial?.projects}个，涉及央企${provincial?.soes}家`);
    expect(text).toContain(`完成投资${city?.investedToDate.toFixed(1)}亿元，其中已竣工项目${city?.completed}个`);
    expect(text).toContain(`已开工${json.totals.started}个，其中已竣工${json.totals.completed}个，累计完成投资${json.totals.investedToDate.toFixed(1)}亿元`);
  });

  it('changes exactly the affected numbers when one cell of the ledger changes', () => {
    const grid = seed000Grid();
    const investedCol = SEED000_HEADER.indexOf('累计完成投资（亿元）');
    const r = grid.findIndex((cells) => cells[0] === '国能大连燃煤机组灵活性改造项目'); // 市谋划项目, 在建, 2.6 亿元 invested
    const edited = grid.map((cells, i) => (i === r ? cells.map((c, j) => (j === investedCol ? 3.6 : c)) : cells));
    const before = numbersOf(briefOf(grid));
    const after = numbersOf(briefOf(edited));
    expect(after).toHaveLength(before.length);
    expect(before.flatMap((n, i) => (after[i] === n ? [] : [[n, after[i]]]))).toEqual([
      ['11.9', '12.9'], // 市谋划项目 invested to date
      ['123.9', '124.9'], // all projects, invested to date
    ]);
  });

  it('changes the totals and the count of projects of 10 亿元 or more when a project grows past 10 亿元', () => {
    const grid = seed000Grid();
    const totalCol = SEED000_HEADER.indexOf('总投资（亿元）');
    const r = grid.findIndex((cells) => cells[0] === '中粮大连北良港粮食物流扩容项目'); // 市谋划项目, 9.0 亿元
    const edited = grid.map((cells, i) => (i === r ? cells.map((c, j) => (j === totalCol ? 10.5 : c)) : cells));
    const before = numbersOf(briefOf(grid));
    const after = numbersOf(briefOf(edited));
    expect(before.flatMap((n, i) => (after[i] === n ? [] : [[n, after[i]]]))).toEqual([
      ['4952.7', '4954.2'],
      ['1012.2', '1013.7'],
      ['11', '12'],
    ]);
  });
});
