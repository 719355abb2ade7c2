import { summarize } from '../../../src/domain/summarize/summarize';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import { toSummaryJson } from '../../../src/domain/summarize/toSummaryJson';
import type { SummaryJson } from '../../../src/domain/summarize/types';
import type { LedgerIssue } from '../../../src/domain/validate/types';
import { seed000Rows } from '../../fixtures/seed000';
import { summarySchemaErrors } from '../../helpers/summarySchema';
import { readOf, row } from './rowBuilder';


const issues: LedgerIssue[] = [
  { code: 'missing_column', severity: 'error', sheetRow: null, column: null, raw: null, message: { 'zh-CN': '缺少列', 'en-US': 'Missing column' } },
  {
    code: 'amount_placeholder',
    severity: 'warning',
    sheetRow: 12,
    column: { letter: 'F', header: '总投资' },
    raw: '待定',
    message: { 'zh-CN': '金额为占位符', 'en-US': 'Amount is a placeholder' },
  },
];

function seedJson(lang?: 'zh-CN' | 'en-US'): SummaryJson {
  const read = readOf(seed000Rows(), { extraColumns: ['category', 'district', 'investedToDate'], issues });
  return toSummaryJson(summarize(read), lang === undefined ? {} : { lang });
}

type JsonObject = Record<string, unknown>;

/** A deep copy of the JSON as plain, mutable data. */
const mutable = (json: SummaryJson): JsonObject => JSON.parse(JSON.stringify(json)) as JsonObject;

/** The object at `path` inside `value`. */
const at = (value: JsonObject, ...path: (string | number)[]): JsonObject =>
  path.reduce<unknown>((inner, key) => (inner as Record<string | number, unknown>)[key], value) as JsonObject;

describe('toSummaryJson', () => {
  it('has exactly the documented top-level fields', () => {
    expect(Object.keys(seedJson())).toEqual([
      'source',
      'totals',
      'bySector',
      'byStage',
      'bySoe',
      'byRegion',
      'byCategory',
      'bySizeBand',
      'issues',
      'jointProjects',
      'crossTab',
      'reconciliation',
    ]);
  });

  it('gives amounts in 亿元, unrounded', () => {
    const json = seedJson();
    expect(json.totals).toEqual({ projects: 70, soes: 34, started: 31, completed: 6, totalInvestment: 4952.7, investedToDate: 123.9 });
    expect(json.byCategory.map((line) => [line.key, line.totalInvestment])).toEqual([
      ['省重点项目', 3940.5],
      ['市谋划项目', 1012.2],
    ]);
    expect(toSummaryJson(summarizeRows([row({ totalWan: 1.2345 })])).totals.totalInvestment).toBe(0.00012345);
  });

  it('keys the stages and size bands by code, and SOE lines by canonical name with the short name', () => {
    const json = seedJson();
    expect(json.byStage.map((line) => line.key)).toEqual(['planning', 'signed', 'preparation', 'construction', 'completed']);
    expect(json.bySizeBand.map((line) => line.key)).toEqual(['100+', '10-100', '1-10', '0-1']);
    expect(json.bySoe[0]).toEqual({
      key: '中国石油天然气集团有限公司',
      shortName: '中国石油',
      projects: 4,
      soes: 1,
      started: 1,
      completed: 1,
      totalInvestment: 1350 + 6.9 + 1.2 + 274.9,
      investedToDate: 1.2,
    });
  });

  it('writes issues with a "letter header" column and the message in the language asked for', () => {
    expect(seedJson().issues).toEqual([
      { sheetRow: null, column: null, code: 'missing_column', severity: 'error', message: '缺少列' },
      { sheetRow: 12, column: 'F 总投资', code: 'amount_placeholder', severity: 'warning', message: '金额为占位符' },
    ]);
    expect(seedJson('en-US').issues.map((issue) => issue.message)).toEqual(['Missing column', 'Amount is a placeholder']);
  });

  it('gives empty byRegion and byCategory when the ledger lacks the columns', () => {
    const json = toSummaryJson(summarizeRows([row()]));
    expect([json.byRegion, json.byCategory]).toEqual([[], []]);
    expect(json.reconciliation.map((check) => check.dimension)).toEqual(['bySector', 'byStage', 'bySizeBand', 'crossTab']);
  });

  it('converts the joint-project note, the cross-tab and the checks to 亿元', () => {
    const json = seedJson();
    expect(json.jointProjects).toEqual({
      attribution: 'full',
      count: 4,
      projectsExcess: 4,
      totalInvestmentExcess: 263 + 6.8 + 560 + 15,
      investedToDateExcess: 6.5 + 2.1 + 1.8,
    });
    expect(json.crossTab.sectors).toEqual(json.bySector.map((line) => line.key));
    expect(json.crossTab.totalInvestment[0]?.reduce((a, b) => a + b, 0)).toBeCloseTo(json.bySector[0]?.totalInvestment ?? Number.NaN, 9);
    expect(json.reconciliation.every((check) => check.ok && check.totalInvestmentDiff === 0)).toBe(true);
  });

  it('is deterministic: the same ledger gives the same text', () => {
    expect(JSON.stringify(seedJson())).toBe(JSON.stringify(seedJson()));
    expect(JSON.stringify(seedJson())).not.toMatch(/generatedAt|"\d{4}-\d\d-\d\dT/u);
  });
});

describe('toSummaryJson against docs/summary.schema.json', () => {
  it('conforms for the seed ledger, split attribution and an empty ledger', () => {
    expect(summarySchemaErrors(seedJson())).toEqual([]);
    const split = summarize(readOf(seed000Rows()), { soeAttribution: 'split' });
    expect(summarySchemaErrors(toSummaryJson(split))).toEqual([]);
    expect(summarySchemaErrors(toSummaryJson(summarizeRows([])))).toEqual([]);
  });

  it.each([
    ['a missing top-level field', (json: JsonObject) => delete json.totals, "/ must have required property 'totals'"],
    ['a missing line field', (json: JsonObject) => delete at(json, 'bySector', 0).soes, "/bySector/0 must have required property 'soes'"],
    ['an undocumented field', (json: JsonObject) => (json.generatedAt = '2025-09-30'), '/ must NOT have additional properties'],
    ['an unknown stage code', (json: JsonObject) => (at(json, 'byStage', 0).key = '谋划'), '/byStage/0/key must be equal to one of the allowed values'],
    ['a text amount', (json: JsonObject) => (at(json, 'totals').totalInvestment = '4952.7'), '/totals/totalInvestment must be number'],
    ['a fractional project count', (json: JsonObject) => (at(json, 'totals').projects = 1.5), '/totals/projects must be integer'],
  ])('fails the schema check with %s', (_name, spoil, expected) => {
    const json = mutable(seedJson());
    spoil(json);
    const errors = summarySchemaErrors(json);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });
});
