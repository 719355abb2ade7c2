import fc from 'fast-check';
import { FIELDS } from '../../../src/domain/ledger/types';
import {
  describeIssueCode,
  formatAmountEn,
  formatAmountZh,
  formatDecimal,
  formatWan,
  ISSUE_CODES,
  ISSUE_SEVERITY,
  isIssueCode,
  issueMessage,
} from '../../../src/domain/validate/issueMessages';
import type { IssueCode, IssueParams } from '../../../src/domain/validate/issueMessages';

/** One set of arguments per code, each with a value that must show up in the message. */
const SAMPLES: { readonly [C in IssueCode]: IssueParams[C] } = {
  header_not_found: { rowsSearched: 40 },
  missing_column: { field: 'totalInvestment' },
  mapping_invalid: { field: 'stage', value: 'Z列' },
  unit_assumed: { field: 'totalInvestment', header: '总投资X' },
  row_blank: { firstRow: 7, lastRow: 9 },
  row_heading: { text: '一、省重点项目' },
  row_subtotal: { text: '合计：28 个' },
  row_footnote: { text: '注：单位亿元' },
  required_missing: { field: 'name', header: '项目名称X', raw: '待定' },
  formula_not_calculated: { header: '总投资X' },
  amount_invalid: { header: '总投资X', raw: '见附件' },
  amount_range: { header: '总投资X', raw: '840–931' },
  amount_foreign_currency: { header: '总投资X', raw: '12亿美元' },
  amount_negative: { header: '总投资X', raw: '-5' },
  stage_unknown: { raw: '竣公', suggestion: { term: '竣工', stage: 'completed' } },
  amount_approximate: { header: '总投资X', raw: '约50', wan: 500_000, unit: 'yi' },
  invested_unreadable: { header: '累计X', raw: '见附件' },
  invested_exceeds_total: { investedWan: 150_000, totalWan: 120_000, investedUnit: 'yi', totalUnit: 'wan' },
  dates_reversed: { start: '2024-05', completion: '2023-12' },
  completed_without_date: { stageRaw: '已竣工X' },
  invested_before_start: { stageRaw: '谋划X', investedWan: 10, unit: 'wan' },
  construction_without_investment: { stageRaw: '在建X' },
  soe_unknown: { name: '大连城投', reason: 'unknown', candidates: ['中国华能'] },
  soe_not_sasac: { name: '中国绿发', fullName: '中国绿发投资集团有限公司' },
  amount_outlier: { header: '总投资X', wan: 500_000_000, medianWan: 5000, unit: 'wan' },
  sector_not_allowed: { value: '文旅X' },
  district_not_allowed: { value: '营口市' },
  date_invalid: { header: '开工X', raw: '一季度' },
  date_ambiguous: { header: '开工X', raw: '2024.1', read: '2024-01', alternative: '2024-10' },
  duplicate_project: { name: '数谷X', firstRow: 7 },
};

/** The text each sample's message must contain in both languages. */
const MUST_CONTAIN: Record<IssueCode, string> = {
  header_not_found: '40',
  missing_column: '',
  mapping_invalid: 'Z列',
  unit_assumed: '总投资X',
  row_blank: '9',
  row_heading: '一、省重点项目',
  row_subtotal: '合计：28 个',
  row_footnote: '注：单位亿元',
  required_missing: '待定',
  formula_not_calculated: '总投资X',
  amount_invalid: '见附件',
  amount_range: '840–931',
  amount_foreign_currency: '12亿美元',
  amount_negative: '-5',
  stage_unknown: '竣公',
  amount_approximate: '约50',
  invested_unreadable: '见附件',
  invested_exceeds_total: '',
  dates_reversed: '2023-12',
  completed_without_date: '已竣工X',
  invested_before_start: '谋划X',
  construction_without_investment: '在建X',
  soe_unknown: '大连城投',
  soe_not_sasac: '中国绿发',
  amount_outlier: '总投资X',
  sector_not_allowed: '文旅X',
  district_not_allowed: '营口市',
  date_invalid: '一季度',
  date_ambiguous: '2024-10',
  duplicate_project: '7',
};

describe('issueMessage', () => {
  it.each(ISSUE_CODES.map((c) => [c]))('builds both languages of %s from its arguments', (code) => {
    const { message } = issueMessage(code, SAMPLES[code] as never);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      expect(message[lang].length).toBeGreaterThan(3);
      expect(message[lang]).toContain(MUST_CONTAIN[code]);
    }
  });

  it('names the missing column in both languages', () => {
    const { message } = issueMessage('missing_column', { field: 'totalInvestment' });
    expect(message).toEqual({ 'zh-CN': "没有找到'总投资'列", 'en-US': "No 'total investment' column found" });
  });

  it.each<[IssueCode, string, string]>([
    ['amount_approximate', "'总投资X'为约数 '约50'，按 50 亿元计入", "'总投资X' is approximate '约50'; counted as 5 billion yuan"],
    ['invested_exceeds_total', '累计完成投资 15 亿元大于总投资 120,000 万元', 'Invested to date 1.5 billion yuan exceeds total investment 1.2 billion yuan'],
    ['invested_before_start', "阶段为 '谋划X'（未开工），但累计完成投资为 10 万元", "Stage is '谋划X' (not started) but 100,000 yuan is invested to date"],
    [
      'amount_outlier',
      "'总投资X' 500,000,000 万元超过该列中位数（5,000 万元）的一万倍",
      "'总投资X' 5,000 billion yuan is more than 10,000 times the column median (50 million yuan)",
    ],
  ])("states %s's amounts in the column's unit (Chinese) and in plain English", (code, zh, en) => {
    expect(issueMessage(code, SAMPLES[code] as never).message).toEqual({ 'zh-CN': zh, 'en-US': en });
  });

  it('suggests the nearest stage', () => {
    expect(issueMessage('stage_unknown', SAMPLES.stage_unknown).suggestion?.['en-US']).toBe("Did you mean '竣工' (completed)?");
  });

  it('has a field label for every field', () => {
    for (const field of FIELDS) expect(issueMessage('missing_column', { field }).message['zh-CN']).not.toContain('undefined');
  });
});

describe('ISSUE_SEVERITY', () => {
  it('gives every code one severity', () => {
    expect(Object.keys(ISSUE_SEVERITY).sort()).toEqual([...ISSUE_CODES].sort());
  });

  it.each<[IssueCode, string]>([
    ['missing_column', 'error'],
    ['amount_range', 'error'],
    ['stage_unknown', 'error'],
    ['duplicate_project', 'warning'],
    ['soe_unknown', 'warning'],
    ['row_subtotal', 'info'],
    ['unit_assumed', 'info'],
  ])('makes %s an %s', (code, severity) => {
    expect(ISSUE_SEVERITY[code]).toBe(severity);
  });
});

describe('describeIssueCode', () => {
  it('titles every code in both languages', () => {
    for (const code of ISSUE_CODES) {
      expect(describeIssueCode(code, 'zh-CN')).not.toBe(code);
      expect(describeIssueCode(code, 'en-US')).not.toBe(code);
    }
  });

  it('returns an unknown code as it is', () => {
    expect(describeIssueCode('future_code', 'en-US')).toBe('future_code');
    expect(isIssueCode('future_code')).toBe(false);
  });
});

describe('formatAmountZh', () => {
  it.each<[number, 'yi' | 'wan' | 'yuan', string]>([
    [2_360_000, 'yi', '236 亿元'],
    [32_000, 'yi', '3.2 亿元'],
    [5_700, 'yi', '0.57 亿元'],
    [0.0001, 'yi', '0.00000001 亿元'],
    [12_345.5, 'wan', '12,345.5 万元'],
    [1.2345, 'yuan', '12,345 元'],
  ])('writes %p 万元 in %s as %p', (wan, unit, text) => {
    expect(formatAmountZh(wan, unit)).toBe(text);
  });
});

describe('formatAmountEn', () => {
  it.each<[number, string]>([
    [2_360_000, '23.6 billion yuan'],
    [100_000, '1 billion yuan'],
    [99_999, '999.99 million yuan'],
    [100, '1 million yuan'],
    [99.5, '995,000 yuan'],
    [0, '0 yuan'],
  ])('writes %p 万元 as %p', (wan, text) => {
    expect(formatAmountEn(wan)).toBe(text);
  });
});

describe('formatWan', () => {
  it.each<[number, string]>([
    [0, '0'],
    [500, '500'],
    [1234.5, '1,234.5'],
    [12_345_000, '12,345,000'],
    [0.0012, '0.0012'],
    [-1500, '-1,500'],
  ])('formats %d as %s', (wan, text) => {
    expect(formatWan(wan)).toBe(text);
  });
});

describe('formatDecimal', () => {
  /** The first implementation, by regular expressions: the reference the faster one must equal. */
  const GROUPS = /\B(?=(\d{3})+(?!\d))/g;
  function reference(n: number, maxDecimals: number): string {
    if (!Number.isFinite(n)) return String(n);
    if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n).replace(GROUPS, ',');
    const sign = n < 0 ? '-' : '';
    const [int = '0', frac = ''] = Math.abs(n).toFixed(maxDecimals).split('.');
    const trimmed = frac.replace(/0+$/, '');
    return `${sign}${int.replace(GROUPS, ',')}${trimmed === '' ? '' : `.${trimmed}`}`;
  }

  it('gives the reference text for any number and any decimals a message uses', () => {
    const number = fc.oneof(
      fc.double(),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: 0, max: 1e7 }).map((n) => n / 10),
      fc.constantFrom(0, -0, 1e15, 1e21, -1e21, 123456789.5, 0.00001, 999.99995, 1e-7),
    );
    fc.assert(
      fc.property(number, fc.constantFrom(0, 4, 6, 8, 9), (n, decimals) => {
        expect(formatDecimal(n, decimals)).toBe(reference(n, decimals));
      }),
      { numRuns: 5000 },
    );
  });
});
