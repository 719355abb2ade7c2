import { draftBrief, type BriefOptions } from '../../../src/domain/brief/draftBrief';
import type { ProjectRow } from '../../../src/domain/ledger/types';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import { toSummaryJson } from '../../../src/domain/summarize/toSummaryJson';
import { projectRow } from '../diff/rows';

const HUANENG = '中国华能集团有限公司';
const CMG = '招商局集团有限公司';
const CCCC = '中国交通建设集团有限公司';
const SPIC = '国家电力投资集团有限公司';

type RowPatch = Partial<Pick<ProjectRow, 'category' | 'sector' | 'stage' | 'totalWan' | 'investedWan'>>;
const row = (sheetRow: number, soes: readonly string[], patch: RowPatch): ProjectRow => ({
  ...projectRow(sheetRow, `项目${sheetRow}`, soes, patch.stage ?? 'construction', patch.totalWan ?? 0, patch.investedWan ?? 0),
  ...patch,
});

/** Seven projects in two categories; amounts in 万元. */
const ROWS: readonly ProjectRow[] = [
  row(3, [HUANENG], { category: '省重点', sector: '能源', stage: 'construction', totalWan: 1_523_000, investedWan: 400_000 }),
  row(4, [CMG], { category: '省重点', sector: '仓储物流', stage: 'completed', totalWan: 120_000, investedWan: 120_000 }),
  row(5, [CCCC, CMG], { category: '省重点', sector: '交通', stage: 'preparation', totalWan: 2_000_000 }),
  row(6, [SPIC], { category: '市谋划', sector: '能源', stage: 'construction', totalWan: 350_000, investedWan: 47_000 }),
  row(7, [SPIC], { category: '市谋划', sector: '工业', stage: 'completed', totalWan: 80_000, investedWan: 80_000 }),
  row(8, [HUANENG], { category: '市谋划', sector: '服务', stage: 'planning', totalWan: 60_000 }),
  row(9, [CCCC], { category: '市谋划', sector: '交通', stage: 'signed', totalWan: 15_000 }),
];

const brief = (rows: readonly ProjectRow[], options: Partial<BriefOptions> = {}): string =>
  draftBrief(summarizeRows(rows), { lang: 'zh-CN', rows, ...options });

/** The numbers of a text, in order, without the fixed 10亿元 / 1 billion threshold of the size clause. */
const numbersOf = (text: string): string[] =>
  text
    .replace(/10亿元以上/g, '亿元以上')
    .replace(/1 billion yuan/g, 'billion yuan')
    .match(/\d+(?:\.\d+)?/g) ?? [];

/**
 * Whether an English and a Chinese brief write the same counts in the same order and the same amounts within the
 * English rounding (billions at the same decimals: ±0.05 billion = ±0.5 亿元, plus the Chinese rounding).
 */
function sameFigures(en: string, zh: string): boolean {
  const enAmounts = [...en.matchAll(/(\d+(?:\.\d+)?) (billion|million) yuan/g)]
    .filter((m) => m[0] !== '1 billion yuan')
    .map((m) => Number(m[1]) * (m[2] === 'billion' ? 10 : 0.01));
  const zhAmounts = [...zh.replace(/10亿元以上/g, '').matchAll(/(\d+(?:\.\d+)?)亿元/g)].map((m) => Number(m[1]));
  const counts = (text: string): string[] => numbersOf(text.replace(/(\d+(?:\.\d+)?)(亿元| billion yuan| million yuan)/g, ''));
  return (
    enAmounts.length === zhAmounts.length &&
    enAmounts.every((a, i) => Math.abs(a - (zhAmounts[i] ?? NaN)) <= 0.5 + 0.05 + 1e-9) &&
    JSON.stringify(counts(en)) === JSON.stringify(counts(zh))
  );
}

/**
 * The figures the brief must write, in order, read from the summary JSON alone (and from each
 * category's sub-summary JSON for sectors and large projects), amounts at `decimals`.
 */
function figuresFromJson(rows: readonly ProjectRow[], decimals: number): string[] {
  const json = toSummaryJson(summarizeRows(rows));
  const amount = (yi: number): string => yi.toFixed(decimals);
  const t = json.totals;
  const out = [String(t.projects), String(t.soes), amount(t.totalInvestment)];
  for (const line of json.byCategory) {
    const sub = toSummaryJson(summarizeRows(rows.filter((r) => r.category === line.key)));
    const big = sub.bySizeBand.filter((l) => l.key === '100+' || l.key === '10-100').reduce((n, l) => n + l.projects, 0);
    out.push(String(line.projects), String(line.soes), String(sub.bySector.length), amount(line.totalInvestment));
    if (big > 0) out.push(String(big));
    out.push(String(line.started), amount(line.investedToDate));
    if (line.completed > 0) out.push(String(line.completed));
  }
  out.push(String(t.started));
  if (t.completed > 0) out.push(String(t.completed));
  out.push(amount(t.investedToDate));
  return out;
}

describe('draftBrief', () => {
  it('writes the whole, one sentence per category, then the stage picture, with exact figures', () => {
    expect(brief(ROWS)).toBe(
      '目前共有央地合作项目7个，合作覆盖4家央企，投资总额414.8亿元。' +
        '省重点项目3个，涉及央企3家，涵盖交通、能源、仓储物流共3个领域，投资总额364.3亿元，其中3个项目投资规模10亿元以上；已开工项目2个，完成投资52.0亿元，其中已竣工项目1个。' +
        '市谋划项目4个，涉及央企3家，涵盖能源、工业、服务、交通共4个领域，投资总额50.5亿元，其中1个项目投资规模10亿元以上；已开工项目2个，完成投资12.7亿元，其中已竣工项目1个。' +
        '全部项目中，已开工4个，其中已竣工2个，累计完成投资64.7亿元。',
    );
  });

  it('writes the same figures in English, amounts in billion or million yuan', () => {
    const en = draftBrief(summarizeRows(ROWS), { lang: 'en-US', rows: ROWS });
    expect(en.startsWith('The ledger lists 7 central–local cooperation projects with 4 central SOEs')).toBe(true);
    // 414.8 亿元 = 41.48 billion yuan; 5.2 亿元 = 520 million yuan would be below a billion.
    expect(en).toContain('a total investment of 41.5 billion yuan');
    expect(sameFigures(en, brief(ROWS))).toBe(true);
  });

  it('writes an amount under one billion yuan in million yuan', () => {
    const en = draftBrief(summarizeRows([row(3, [HUANENG], { totalWan: 52_000, investedWan: 1_200 })]), { lang: 'en-US' });
    // 52,000 万元 = 520 million yuan; 1,200 万元 = 12 million yuan.
    expect(en).toContain('a total investment of 520.0 million yuan');
    expect(en).toContain('and 12.0 million yuan has been invested to date');
  });

  it('opens with the data date when it is known, in either language', () => {
    expect(brief(ROWS, { dataDate: '2025-09-30' }).startsWith('截至2025年9月30日，共有央地合作项目7个，')).toBe(true);
    expect(brief([], { dataDate: '2025-10-31' })).toBe('截至2025年10月31日，台账中没有可统计的项目。');
    const en = draftBrief(summarizeRows(ROWS), { lang: 'en-US', rows: ROWS, dataDate: '2025-09-30' });
    expect(en.startsWith('As of 30 Sep 2025, the ledger lists 7 central–local cooperation projects')).toBe(true);
    expect(brief(ROWS, { dataDate: null })).toBe(brief(ROWS));
  });

  it.each([0, 1, 2])('takes every figure, in order, from a field of the summary JSON (%p decimals)', (decimals) => {
    expect(numbersOf(brief(ROWS, { decimals }))).toEqual(figuresFromJson(ROWS, decimals));
  });

  it('changes exactly the affected numbers when one row changes', () => {
    const before = numbersOf(brief(ROWS));
    // Row 6 (市谋划, 能源): invested to date 47,000 → 57,000 万元.
    const after = numbersOf(brief(ROWS.map((r) => (r.sheetRow === 6 ? { ...r, investedWan: 57_000 } : r))));
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((n, i) => (after[i] === n ? [] : [[n, after[i]]]));
    expect(changed).toEqual([
      ['12.7', '13.7'], // 市谋划 invested
      ['64.7', '65.7'], // overall invested
    ]);
  });

  it('changes only the started counts when a project starts', () => {
    const before = numbersOf(brief(ROWS));
    const after = numbersOf(brief(ROWS.map((r) => (r.sheetRow === 9 ? { ...r, stage: 'construction' as const } : r))));
    const changed = before.flatMap((n, i) => (after[i] === n ? [] : [[i, n, after[i]]]));
    // 市谋划 started 2 → 3; overall started 4 → 5.
    expect(changed.map(([, n, m]) => [n, m])).toEqual([
      ['2', '3'],
      ['4', '5'],
    ]);
  });

  describe('rounded style', () => {
    it('writes 近 and 约 for planned totals and trims the decimals of actual amounts', () => {
      const text = brief(ROWS, { style: 'rounded' });
      expect(text).toContain('投资总额约414.8亿元'); // 414.8 is 5.7% below 440
      expect(text).toContain('投资总额约364.3亿元');
      expect(text).toContain('投资总额近51亿元'); // 50.5 is 0.98% below 51
      expect(text).toContain('完成投资52亿元');
      expect(text).toContain('累计完成投资64.7亿元');
      const near = brief([row(3, [HUANENG], { totalWan: 49_527_000, investedWan: 1_120_000 })], { style: 'rounded' });
      expect(near).toContain('投资总额近5000亿元');
      expect(near).toContain('累计完成投资112亿元');
      // 4952.7 亿元 = 495.27 billion yuan: 0.95% below 500.
      const en = draftBrief(summarizeRows([row(3, [HUANENG], { totalWan: 49_527_000 })]), { lang: 'en-US', style: 'rounded' });
      expect(en).toContain('a total investment of nearly 500 billion yuan');
      expect(en).toContain('and 0 million yuan has been invested to date');
    });
  });

  it('writes amounts in the display unit at the display decimals', () => {
    const text = brief(ROWS, { displayUnit: 'wan', decimals: 0 });
    expect(text).toContain('投资总额4148000万元');
    expect(brief(ROWS, { decimals: 2 })).toContain('投资总额414.80亿元');
  });

  it('names sectors and large projects in the first sentence when there is no category column', () => {
    const rows = ROWS.map((r) => ({ ...r, category: null }));
    expect(brief(rows)).toBe(
      '目前共有央地合作项目7个，合作覆盖4家央企，涵盖交通、能源、仓储物流、工业、服务共5个领域，投资总额414.8亿元，其中4个项目投资规模10亿元以上。' +
        '全部项目中，已开工4个，其中已竣工2个，累计完成投资64.7亿元。',
    );
  });

  it('lists five sectors, then says 等 with the number of all sectors', () => {
    const sectors = ['能源', '交通', '工业', '服务', '仓储物流', '信息', '农业'];
    const rows = sectors.map((sector, i) => row(3 + i, [HUANENG], { sector, totalWan: 70_000 - i * 1_000 }));
    expect(brief(rows)).toContain('涵盖能源、交通、工业、服务、仓储物流等7个领域');
  });

  it('omits the category clauses it has no rows for', () => {
    const text = draftBrief(summarizeRows(ROWS), { lang: 'zh-CN' });
    expect(text).toContain('省重点项目3个，涉及央企3家，投资总额364.3亿元；已开工项目2个');
  });

  it('writes a sentence for projects without a category', () => {
    const rows = [...ROWS, row(10, [CMG], { category: null, sector: '能源', totalWan: 10_000 })];
    expect(brief(rows)).toContain('项目类别未填的项目1个，涉及央企1家，涵盖能源领域，投资总额1.0亿元');
  });

  it('keeps ledger text literal and plain: no control characters, no line breaks', () => {
    const rows = [row(3, [HUANENG], { category: '=HYPERLINK("http://x")\n省<b>重点', sector: '<script>能源\u0007' })];
    const text = brief(rows);
    expect(text).toContain('=HYPERLINK("http://x") 省<b>重点项目1个');
    expect(text).toContain('涵盖<script>能源领域');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(text.startsWith('目前')).toBe(true);
  });

  it('says there is nothing to count for an empty ledger', () => {
    expect(brief([])).toBe('目前台账中没有可统计的项目。');
    expect(draftBrief(summarizeRows([]), { lang: 'en-US' })).toBe('The ledger has no projects to count yet.');
  });

  it.each([Number.NaN, -3, 99])('clamps decimals %p into 0–6 (NaN: the default 1)', (decimals) => {
    expect(brief(ROWS, { decimals })).toMatch(/投资总额414\.8(0{5})?亿元|投资总额415亿元/);
  });
});
