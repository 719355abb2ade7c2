import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import { SummarizeInputError } from '../../../src/domain/summarize/SummarizeInputError';
import type { Figures } from '../../../src/domain/summarize/types';
import { row, SOE_NAMES } from './rowBuilder';

/**
 * Five projects, figures computed by hand (amounts in 万元):
 *
 * | | sector | stage | district | category | total | invested | SOEs |
 * |---|---|---|---|---|---|---|---|
 * | A | 交通 | construction | 金普新区 | 省重点项目 | 120,000 | 30,000 | 中国交建、中国中铁 |
 * | B | 能源 | completed | 庄河市 | 省重点项目 | 1,500,000 | 1,500,000 | 三峡集团 |
 * | C | 能源 | planning | (blank) | 市谋划项目 | 8,000 | 0 | 中国华能 |
 * | D | 工业 | preparation | 金普新区 | 市谋划项目 | 50,000 | 0 | 中国中铁 |
 * | E | 能源 | construction | 庄河市 | (blank) | 99,999.5 | 20,000.25 | 中国华能、三峡集团 |
 */
function smallLedger() {
  return [
    row({ name: 'A', sector: '交通', stage: 'construction', district: '金普新区', category: '省重点项目', totalWan: 120_000, investedWan: 30_000, soes: ['中国交建', '中国中铁'] }),
    row({ name: 'B', sector: '能源', stage: 'completed', district: '庄河市', category: '省重点项目', totalWan: 1_500_000, investedWan: 1_500_000, soes: ['三峡集团'] }),
    row({ name: 'C', sector: '能源', stage: 'planning', district: null, category: '市谋划项目', totalWan: 8_000, investedWan: 0, soes: ['中国华能'] }),
    row({ name: 'D', sector: '工业', stage: 'preparation', district: '金普新区', category: '市谋划项目', totalWan: 50_000, investedWan: 0, soes: ['中国中铁'] }),
    row({ name: 'E', sector: '能源', stage: 'construction', district: '庄河市', category: null, totalWan: 99_999.5, investedWan: 20_000.25, soes: ['中国华能', '三峡集团'] }),
  ];
}

const GRAND_TOTAL_WAN = 1_777_999.5;

/** The five counted figures of a line, for compact expectations. */
function counted(line: Figures): [number, number, number, number, number, number] {
  return [line.projects, line.soes, line.started, line.completed, line.totalWan, line.investedWan];
}

describe('summarizeRows', () => {
  const summary = summarizeRows(smallLedger());

  it('computes the grand total, counting a joint project once', () => {
    expect(counted(summary.totals)).toEqual([5, 4, 3, 1, GRAND_TOTAL_WAN, 1_550_000.25]);
    expect(summary.totals.investedShare).toBe(1_550_000.25 / GRAND_TOTAL_WAN);
    expect(summary.totals.shareOfTotal).toBe(1);
  });

  it('breaks down by sector, largest total first', () => {
    expect(summary.bySector.map((line) => [line.key, ...counted(line)])).toEqual([
      ['能源', 3, 2, 2, 1, 1_607_999.5, 1_520_000.25],
      ['交通', 1, 2, 1, 0, 120_000, 30_000],
      ['工业', 1, 1, 0, 0, 50_000, 0],
    ]);
    expect(summary.bySector[1]?.shareOfTotal).toBe(120_000 / GRAND_TOTAL_WAN);
    expect(summary.bySector[1]?.investedShare).toBe(0.25);
  });

  it('lists all five stages in lifecycle order, empty ones included', () => {
    expect(summary.byStage.map((line) => [line.key, ...counted(line)])).toEqual([
      ['planning', 1, 1, 0, 0, 8_000, 0],
      ['signed', 0, 0, 0, 0, 0, 0],
      ['preparation', 1, 1, 0, 0, 50_000, 0],
      ['construction', 2, 4, 2, 0, 219_999.5, 50_000.25],
      ['completed', 1, 1, 1, 1, 1_500_000, 1_500_000],
    ]);
    expect(summary.byStage[1]?.investedShare).toBeNull();
    expect(summary.byStage[1]?.shareOfTotal).toBe(0);
  });

  it('puts rows with a blank district on a last line with key null', () => {
    expect(summary.byDistrict?.map((line) => [line.key, ...counted(line)])).toEqual([
      ['庄河市', 2, 2, 2, 1, 1_599_999.5, 1_520_000.25],
      ['金普新区', 2, 2, 1, 0, 170_000, 30_000],
      [null, 1, 1, 0, 0, 8_000, 0],
    ]);
  });

  it('breaks down by category with a blank line', () => {
    expect(summary.byCategory?.map((line) => [line.key, ...counted(line)])).toEqual([
      ['省重点项目', 2, 3, 2, 1, 1_620_000, 1_530_000],
      ['市谋划项目', 2, 2, 0, 0, 58_000, 0],
      [null, 1, 2, 1, 0, 99_999.5, 20_000.25],
    ]);
  });

  it('breaks down by half-open size bands, 100+ first', () => {
    expect(summary.bySizeBand.map((line) => [line.key, ...counted(line)])).toEqual([
      ['100+', 1, 1, 1, 1, 1_500_000, 1_500_000],
      ['10-100', 1, 2, 1, 0, 120_000, 30_000],
      ['1-10', 2, 3, 1, 0, 149_999.5, 20_000.25],
      ['0-1', 1, 1, 0, 0, 8_000, 0],
    ]);
  });

  it('credits every partner of a joint project in full by default', () => {
    expect(summary.soeAttribution).toBe('full');
    expect(summary.bySoe.map((line) => [line.shortName, ...counted(line)])).toEqual([
      ['三峡集团', 2, 1, 2, 1, 1_599_999.5, 1_520_000.25],
      ['中国中铁', 2, 1, 1, 0, 170_000, 30_000],
      ['中国交建', 1, 1, 1, 0, 120_000, 30_000],
      ['中国华能', 2, 1, 1, 0, 107_999.5, 20_000.25],
    ]);
    expect(summary.bySoe[0]).toMatchObject({ key: SOE_NAMES['三峡集团'], isKnown: true });
  });

  it('notes the joint projects and by how much the SOE table exceeds the grand total', () => {
    expect(summary.jointProjects).toEqual({
      attribution: 'full',
      count: 2,
      projectsExcess: 2,
      totalWanExcess: 219_999.5,
      investedWanExcess: 50_000.25,
    });
  });

  it('splits joint projects 1/n in count and amount with split attribution', () => {
    const split = summarizeRows(smallLedger(), { soeAttribution: 'split' });
    expect(split.bySoe.map((line) => [line.shortName, ...counted(line)])).toEqual([
      ['三峡集团', 1.5, 1, 1.5, 1, 1_549_999.75, 1_510_000.125],
      ['中国中铁', 1.5, 1, 0.5, 0, 110_000, 15_000],
      ['中国交建', 0.5, 1, 0.5, 0, 60_000, 15_000],
      ['中国华能', 1.5, 1, 0.5, 0, 57_999.75, 10_000.125],
    ]);
    expect(split.jointProjects).toEqual({
      attribution: 'split',
      count: 2,
      projectsExcess: 0,
      totalWanExcess: 0,
      investedWanExcess: 0,
    });
    expect(split.totals).toEqual(summary.totals);
  });

  it('gives the indivisible yuan of a split to the first-named partners', () => {
    const split = summarizeRows([row({ totalWan: 0.0003, soes: ['中国华能', '三峡集团'] })], { soeAttribution: 'split' });
    expect(split.bySoe.map((line) => [line.shortName, line.totalWan])).toEqual([
      ['中国华能', 0.0002],
      ['三峡集团', 0.0001],
    ]);
  });

  it('builds the sector × stage cross-tab in bySector order', () => {
    expect(summary.crossTab).toEqual({
      sectors: ['能源', '交通', '工业'],
      stages: ['planning', 'signed', 'preparation', 'construction', 'completed'],
      projects: [
        [1, 0, 0, 1, 1],
        [0, 0, 0, 1, 0],
        [0, 0, 1, 0, 0],
      ],
      totalWan: [
        [8_000, 0, 0, 99_999.5, 1_500_000],
        [0, 0, 0, 120_000, 0],
        [0, 0, 50_000, 0, 0],
      ],
    });
  });

  it('reconciles every breakdown with the grand total', () => {
    expect(summary.reconciliation.map((check) => [check.dimension, check.ok])).toEqual([
      ['bySector', true],
      ['byStage', true],
      ['byDistrict', true],
      ['byCategory', true],
      ['bySizeBand', true],
      ['crossTab', true],
    ]);
  });

  it('leaves byDistrict and byCategory null when no row has a value', () => {
    const bare = summarizeRows([row(), row()]);
    expect(bare.byDistrict).toBeNull();
    expect(bare.byCategory).toBeNull();
    expect(bare.reconciliation.map((check) => check.dimension)).toEqual(['bySector', 'byStage', 'bySizeBand', 'crossTab']);
  });

  it('keeps a blank-only line when the caller says the column exists', () => {
    const mapped = summarizeRows([row(), row()], { hasDistrict: true, hasCategory: true });
    expect(mapped.byDistrict?.map((line) => [line.key, line.projects])).toEqual([[null, 2]]);
    expect(mapped.byCategory?.map((line) => [line.key, line.projects])).toEqual([[null, 2]]);
  });

  it('breaks ties on total by key in code-unit order', () => {
    const tied = summarizeRows([
      row({ sector: '能源', totalWan: 5 }),
      row({ sector: 'b', totalWan: 5 }),
      row({ sector: 'B', totalWan: 5 }),
      row({ sector: '交通', totalWan: 5 }),
    ]);
    expect(tied.bySector.map((line) => line.key)).toEqual(['B', 'b', '交通', '能源']);
  });

  it('counts an SOE named twice in one row once', () => {
    const twice = summarizeRows([row({ soes: ['中国华能', '中国华能'] })]);
    expect(twice.bySoe.map((line) => line.projects)).toEqual([1]);
    expect(twice.jointProjects.count).toBe(0);
  });

  it('keeps the smallest short name of an SOE seen under several, whatever the row order', () => {
    const rows = [
      row({ soes: ['华能'] }),
      { ...row(), soes: [{ raw: '中国华能', canonical: '华能', shortName: '中国华能', isKnown: true }] },
    ];
    const names = [summarizeRows(rows), summarizeRows([...rows].reverse())].map((s) => s.bySoe.map((line) => [line.shortName, line.isKnown]));
    expect(names).toEqual([[['中国华能', true]], [['中国华能', true]]]);
  });

  it('counts a row naming no SOE everywhere but in bySoe, and says so in the note', () => {
    const none = summarizeRows([row({ soes: [] }), row({ soes: ['中国华能'], totalWan: 3 })]);
    expect(none.totals.projects).toBe(2);
    expect(none.totals.soes).toBe(1);
    expect(none.bySoe.map((line) => line.projects)).toEqual([1]);
    expect(none.jointProjects).toMatchObject({ count: 0, projectsExcess: -1, totalWanExcess: -10_000 });
  });

  it('takes amounts to whole yuan before summing', () => {
    const converted = summarizeRows([row({ totalWan: 0.57 * 10_000 }), row({ totalWan: 0.1 }), row({ totalWan: 0.2 })]);
    expect(0.57 * 10_000).toBe(5_699.999999999999);
    expect(converted.totals.totalWan).toBe(5_700.3);
  });

  it('sums amounts beyond 2^53 yuan exactly', () => {
    const huge = summarizeRows([row({ totalWan: 2 ** 60 }), row({ totalWan: 1 }), row({ totalWan: -(2 ** 60) })]);
    expect(huge.totals.totalWan).toBe(1);
    expect(huge.byStage[3]?.totalWan).toBe(1);
    expect(huge.bySector[0]?.totalWan).toBe(1);
  });

  it('uses a neutral source and no issues when none are given', () => {
    expect(summary.source).toEqual({
      sheet: '',
      headerRows: 0,
      dataRows: 5,
      unit: null,
      counts: { dataRows: 5, validRows: 5, warningRows: 0, errorRows: 0, skippedRows: 0 },
    });
    expect(summary.issues).toEqual([]);
  });

  it.each([
    ['an empty ledger', [], { projects: 0, soes: 0, totalWan: 0, investedShare: null, shareOfTotal: null }],
    ['only zero amounts', [row({ totalWan: 0 })], { projects: 1, soes: 1, totalWan: 0, investedShare: null, shareOfTotal: null }],
    ['a negative amount', [row({ totalWan: -5 })], { projects: 1, soes: 1, totalWan: -5, investedShare: -0, shareOfTotal: 1 }],
  ])('summarises %s', (_name, rows, totals) => {
    const edge = summarizeRows(rows);
    expect(edge.totals).toMatchObject(totals);
    expect(edge.byStage).toHaveLength(5);
    expect(edge.bySizeBand.map((line) => line.key)).toEqual(['100+', '10-100', '1-10', '0-1']);
    expect(edge.reconciliation.every((check) => check.ok)).toBe(true);
  });

  it.each([
    ['an unknown attribution', [row()], { soeAttribution: 'half' }, 'invalid_option'],
    ['an unknown stage', [row({ stage: 'done' as never })], {}, 'invalid_stage'],
    ['a NaN total', [row({ totalWan: Number.NaN })], {}, 'invalid_amount'],
    ['an infinite invested amount', [row({ investedWan: Infinity })], {}, 'invalid_amount'],
  ])('throws SummarizeInputError for %s', (_name, rows, options, code) => {
    const call = (): unknown => summarizeRows(rows, options as never);
    expect(call).toThrow(SummarizeInputError);
    expect(call).toThrow(expect.objectContaining({ code }) as Error);
  });
});
