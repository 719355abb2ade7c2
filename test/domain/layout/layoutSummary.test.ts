import { layoutSummary, type LayoutOptions } from '../../../src/domain/layout/layoutSummary';
import type { ChartSpec, PlanRange, SheetPlan } from '../../../src/domain/layout/types';
import { summarize } from '../../../src/domain/summarize/summarize';
import { summarizeRows } from '../../../src/domain/summarize/summarizeRows';
import type { Summary } from '../../../src/domain/summarize/types';
import { seed000Rows } from '../../fixtures/seed000';
import { readOf, row } from '../summarize/rowBuilder';
import { cell, cellsOf, formatAt, rangeA1, rowOf, rowValues, textsOf } from './planCells';

const options: LayoutOptions = { lang: 'zh-CN', dataDate: '2025-09-30', generatedAt: '2025年10月8日 14:05', displayUnit: 'yi', decimals: 1 };

function seedSummary(soeAttribution: 'full' | 'split' = 'full'): Summary {
  return summarize(readOf(seed000Rows(), { extraColumns: ['category', 'district', 'investedToDate'] }), { soeAttribution });
}

/** The first row of the table titled `title` (its title row), and its header and data rows. */
function tableRows(plan: SheetPlan, title: string): { header: number; first: number } {
  const top = rowOf(plan, title);
  expect(top).toBeGreaterThan(0);
  return { header: top + 1, first: top + 2 };
}

const chart = (plan: SheetPlan, id: string): ChartSpec => {
  const found = plan.charts.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no chart ${id}`);
  return found;
};

const overlaps = (a: PlanRange, b: PlanRange): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

describe('layoutSummary', () => {
  const summary = seedSummary();
  const plan = layoutSummary(summary, options);

  it('plans the summary sheet by role, named 汇总 in Chinese and Summary in English', () => {
    expect(plan).toMatchObject({ role: 'summary', name: '汇总' });
    expect(layoutSummary(summary, { ...options, lang: 'en-US' }).name).toBe('Summary');
    expect(layoutSummary(summary, { ...options, sheetName: '汇总(2)' }).name).toBe('汇总(2)');
  });

  it('starts with a title merged across the table, the unit, the data date, the run time, the source and the row counts', () => {
    expect(cell(plan, 'A1')).toBe('央地合作项目统计汇总');
    expect(plan.merges).toContainEqual({ row: 0, col: 0, rows: 1, cols: 9 });
    expect(cell(plan, 'A2')).toBe('单位：金额亿元，项目个，央企家');
    expect(cell(plan, 'A3')).toBe('截至：2025年9月30日');
    expect(cell(plan, 'A4')).toBe('生成时间：2025年10月8日 14:05');
    expect(cell(plan, 'A5')).toBe('数据来源：台账（70 行数据）');
  });

  it('puts each row count on its own row: label, value and unit in their own cells', () => {
    expect([6, 7, 8].map((r) => rowValues(plan, r))).toEqual([
      ['有效行', 70, '行'],
      ['警告行', 0, '行'],
      ['错误行（未计入）', 0, '行'],
    ]);
    expect(rowValues(layoutSummary(summary, { ...options, lang: 'en-US' }), 7)).toEqual(['Rows with warnings', 0, 'rows']);
  });

  it('says the data date is not stated rather than show the run time when there is none', () => {
    const undated = layoutSummary(summary, { ...options, dataDate: null });
    expect(cell(undated, 'A3')).toBe('截至日期：未注明');
    expect(cell(layoutSummary(summary, { ...options, dataDate: null, lang: 'en-US' }), 'A3')).toBe('Data date: not stated');
    expect(cell(layoutSummary(summary, { ...options, lang: 'en-US' }), 'A3')).toBe('Data as of 30 Sep 2025');
  });

  it('right-aligns the headers over numbers, and only those', () => {
    /** The alignment a cell ends with: its block's style, then every format over it in order. */
    const alignment = (row1: number, col: number): string | undefined => {
      let align: string | undefined;
      for (const block of plan.blocks) {
        if (row1 - 1 >= block.row && row1 - 1 < block.row + block.values.length && col >= block.col && col < block.col + (block.values[0]?.length ?? 0)) align = block.style?.horizontalAlignment;
      }
      for (const f of plan.formats) {
        const r = f.range;
        if (row1 - 1 >= r.row && row1 - 1 < r.row + r.rows && col >= r.col && col < r.col + r.cols && f.style.horizontalAlignment !== undefined) align = f.style.horizontalAlignment;
      }
      return align;
    };
    const { header } = tableRows(plan, '按领域');
    expect(rowValues(plan, header).slice(0, 2)).toEqual(['领域', '项目数']);
    expect([0, 1, 5, 8, 9].map((c) => alignment(header, c))).toEqual([undefined, 'right', 'right', 'right', undefined]);
    const keyHeader = rowOf(plan, '主要指标') + 1;
    expect([0, 1, 2].map((c) => alignment(keyHeader, c))).toEqual([undefined, 'right', 'right']);
  });

  it('adds the status line when given', () => {
    expect(cell(layoutSummary(summary, { ...options, statusLine: '刷新用时 0.8 秒' }), 'A9')).toBe('刷新用时 0.8 秒');
  });

  it("lists the key figures in the briefings' order, amounts in 亿元 with one decimal", () => {
    const top = rowOf(plan, '主要指标');
    expect(rowValues(plan, top + 1)).toEqual(['指标', '数值', '比上次']);
    expect([1, 2, 3, 4, 5].map((i) => rowValues(plan, top + 1 + i))).toEqual([
      ['项目数（个）', 70, null],
      ['合作央企（家）', 34, null],
      ['总投资（亿元）', 4952.7, null],
      ['已开工项目（个）', 31, null],
      ['累计完成投资（亿元）', 123.9, null],
    ]);
    expect(formatAt(plan, `B${top + 4}`)).toBe('#,##0.0');
    expect(formatAt(plan, `B${top + 2}`)).toBe('#,##0');
  });

  it('shows the changes since last time with their sign', () => {
    const changes = { projects: 3, soes: -1, started: 2, completed: 0, totalWan: 125_000, investedWan: 0 };
    const withChanges = layoutSummary(summary, { ...options, changes });
    const top = rowOf(withChanges, '主要指标');
    expect([2, 3, 4, 5, 6].map((i) => cell(withChanges, `C${top + i}`))).toEqual([3, -1, 12.5, 2, 0]);
    expect(formatAt(withChanges, `C${top + 2}`)).toBe('+#,##0;-#,##0;0');
    expect(formatAt(withChanges, `C${top + 4}`)).toBe('+#,##0.0;-#,##0.0;#,##0.0');
  });

  it('follows the decimals setting and the 万元 display unit', () => {
    const wan = layoutSummary(summary, { ...options, displayUnit: 'wan', decimals: 2 });
    const top = rowOf(wan, '主要指标');
    expect(rowValues(wan, top + 4)).toEqual(['总投资（万元）', 49_527_000, null]);
    expect(formatAt(wan, `B${top + 4}`)).toBe('#,##0.00');
    expect(cell(wan, 'A2')).toBe('单位：金额万元，项目个，央企家');
  });

  it('shows 亿元 as billions on the English sheet (CNY bn, one decimal more), never as hundred millions', () => {
    const en = layoutSummary(summary, { ...options, lang: 'en-US' });
    const top = rowOf(en, 'Key figures');
    // 49,527,000 万元 = 4,952.7 亿元 = 495.27 bn, shown with 2 decimals for the setting's 1.
    expect(rowValues(en, top + 4)).toEqual(['Total investment (CNY bn)', 495.27, null]);
    expect(formatAt(en, `B${top + 4}`)).toBe('#,##0.00');
    expect(cell(en, 'A2')).toBe('Units: amounts in CNY bn; projects and SOEs as counts');
    const { header } = tableRows(en, 'By sector');
    expect(rowValues(en, header).slice(5, 7)).toEqual(['Total investment (CNY bn)', 'Invested to date (CNY bn)']);
    expect(textsOf(en).join('\n')).not.toMatch(/100 million|hundred million|亿/);
  });

  it('writes the brief as one merged, wrapped, top-aligned paragraph with a row height that fits its text', () => {
    const brief = '据悉，目前我市央地合作项目达70个，合作覆盖34家央企，投资总额近5000亿元。'.repeat(3);
    const withBrief = layoutSummary(summary, { ...options, brief });
    const at = rowOf(withBrief, brief);
    const block = withBrief.blocks.find((b) => b.row === at - 1);
    expect(block?.style?.wrapText).toBe(true);
    expect(block?.style?.verticalAlignment).toBe('top');
    expect(withBrief.merges).toContainEqual({ row: at - 1, col: 0, rows: 1, cols: 9 });
    // 3 × (35 CJK characters × 2 + 6 digits) = 228 characters of width over the A–I widths: at least ⌈228 / A–I⌉
    // lines of 15 pt, and one more at most (CJK characters are a little wider than two, lines break short).
    const lineWidth = withBrief.columnWidths.slice(0, 9).reduce((a, b) => a + b, 0);
    const atLeast = Math.ceil(228 / lineWidth);
    expect(withBrief.rowHeights).toHaveLength(1);
    expect(withBrief.rowHeights?.[0]?.row).toBe(at - 1);
    expect([15 * atLeast, 15 * (atLeast + 1)]).toContain(withBrief.rowHeights?.[0]?.height);
    expect(plan.rowHeights).toBeUndefined();
  });

  it('writes the sector table with exact 亿元 amounts, shares as fractions and an exact 合计 row', () => {
    const { header, first } = tableRows(plan, '按领域');
    expect(rowValues(plan, header)).toEqual(['领域', '项目数', '央企数', '已开工', '已竣工', '总投资（亿元）', '累计完成投资（亿元）', '完成率', '占比']);
    const energy = summary.bySector[0];
    expect(rowValues(plan, first)).toEqual([
      '能源',
      energy?.projects,
      energy?.soes,
      energy?.started,
      energy?.completed,
      (energy?.totalWan ?? 0) / 10_000,
      (energy?.investedWan ?? 0) / 10_000,
      energy?.investedShare,
      energy?.shareOfTotal,
    ]);
    expect([formatAt(plan, `F${first}`), formatAt(plan, `H${first}`), formatAt(plan, `I${first}`)]).toEqual(['#,##0.0', '0.0%', '0.0%']);
    const total = rowOf(plan, '合计', first);
    expect(total).toBe(first + summary.bySector.length);
    expect(rowValues(plan, total)).toEqual(['合计', 70, 34, 31, 6, 4952.7, 123.9, 1239 / 49527, 1]);
  });

  it('writes every stage and size band, with its label', () => {
    const stages = tableRows(plan, '按项目阶段');
    expect([0, 1, 2, 3, 4].map((i) => cell(plan, `A${stages.first + i}`))).toEqual(['谋划', '签约', '前期', '在建', '竣工']);
    const bands = tableRows(plan, '按投资规模');
    expect([0, 1, 2, 3].map((i) => cell(plan, `A${bands.first + i}`))).toEqual(['100亿元及以上', '10亿–100亿元', '1亿–10亿元', '1亿元以下']);
    expect(cell(plan, `B${bands.first + 1}`)).toBe(17);
  });

  it('writes the SOE table by short name with the full name beside, and the joint-project note', () => {
    const { header, first } = tableRows(plan, '按合作央企');
    expect(cell(plan, `K${header}`)).toBe('央企全称');
    expect([cell(plan, `A${first}`), cell(plan, `F${first}`), cell(plan, `K${first}`)]).toEqual(['中国石油', 1633, '中国石油天然气集团有限公司']);
    const total = first + summary.bySoe.length;
    expect(rowValues(plan, total).slice(0, 7)).toEqual(['合计', 74, 34, 34, 6, 5797.5, 134.3]);
    expect(cell(plan, `A${total + 1}`)).toBe('注：4 个项目由多家央企合作，每家央企全额计入，本表合计比总计多 4 个项目、总投资 844.8、累计完成投资 10.4（亿元）。');
  });

  it('keeps the SOE table\'s right-aligned 占比 apart from the full names by an empty, narrow column', () => {
    const { header, first } = tableRows(plan, '按合作央企');
    const total = first + summary.bySoe.length;
    for (let row = header; row <= total; row++) expect(cell(plan, `J${row}`)).toBeNull();
    expect(plan.columnWidths[9]).toBeLessThan(plan.columnWidths[8] ?? 0);
  });

  it('writes split SOE credit with fractional counts and says the table adds up', () => {
    const split = layoutSummary(seedSummary('split'), options);
    const { first } = tableRows(split, '按合作央企');
    const total = first + summary.bySoe.length;
    expect(rowValues(split, total).slice(0, 6)).toEqual(['合计', 70, 34, 31, 6, 4952.7]);
    expect(formatAt(split, `B${first}`)).toBe('#,##0.00');
    expect(cell(split, `A${total + 1}`)).toBe('注：4 个项目由多家央企合作，项目数和金额按合作央企家数均分计入，本表合计等于总计。');
  });

  it('writes district and category tables when the ledger has the columns, with the blank line as （未填）', () => {
    expect(tableRows(plan, '按项目类别').first).toBeGreaterThan(0);
    const bare = layoutSummary(summarizeRows([row({ district: '庄河市' }), row({ district: null })]), options);
    expect(rowOf(bare, '按项目类别')).toBe(0);
    const { first } = tableRows(bare, '按地区');
    expect([cell(bare, `A${first}`), cell(bare, `A${first + 1}`)]).toEqual(['庄河市', '（未填）']);
  });

  it('writes the sector × stage cross-tabs with row and column totals', () => {
    const projects = tableRows(plan, '领域 × 阶段：项目数（个）');
    expect(rowValues(plan, projects.header)).toEqual(['领域', '谋划', '签约', '前期', '在建', '竣工', '合计']);
    expect(rowValues(plan, projects.first)).toEqual(['能源', ...(summary.crossTab.projects[0] ?? []), 22]);
    expect(rowValues(plan, projects.first + summary.bySector.length)).toEqual(['合计', 22, 11, 6, 25, 6, 70]);
    const totals = tableRows(plan, '领域 × 阶段：总投资（亿元）');
    expect(cell(plan, `G${totals.first + summary.bySector.length}`)).toBe(4952.7);
  });

  it('ends with the reconciliation line', () => {
    expect(textsOf(plan).at(-1)).toBe('核对：各分类合计与总计一致 ✓');
  });

  it('lists the breakdowns that do not add up when a summary was tampered with', () => {
    const tampered: Summary = {
      ...summary,
      reconciliation: summary.reconciliation.map((check) =>
        check.dimension === 'bySector' ? { ...check, ok: false, projectsDiff: 1, totalWanDiff: 5_000 } : check,
      ),
    };
    const failed = layoutSummary(tampered, options);
    const at = rowOf(failed, '核对：以下分类合计与总计不一致 ✗');
    expect(at).toBeGreaterThan(0);
    expect(rowValues(failed, at + 2)).toEqual(['按领域', 1, 0, 0, 0.5, 0]);
  });

  it('charts total and invested by sector beside the sector table, referencing its cells', () => {
    const { first } = tableRows(plan, '按领域');
    const sector = chart(plan, 'summary-sector');
    expect(sector).toMatchObject({ type: 'columnClustered', title: '各领域总投资与累计完成投资', valueAxisTitle: '亿元', showDataLabels: true });
    expect(rangeA1(sector.categories)).toBe(`A${first}:A${first + summary.bySector.length - 1}`);
    expect(sector.series.map((s) => [s.name, rangeA1(s.values)])).toEqual([
      ['总投资', `F${first}:F${first + 8}`],
      ['累计完成投资', `G${first}:G${first + 8}`],
    ]);
    expect(sector.position).toMatchObject({ row: first - 3, col: 12 });
  });

  it('charts the top 10 SOEs as bars from the first 10 rows of the SOE table, by short name', () => {
    const { first } = tableRows(plan, '按合作央企');
    const soes = chart(plan, 'summary-soe-top');
    expect(soes).toMatchObject({ type: 'barClustered', title: '总投资前10位的合作央企', reverseCategories: true, showDataLabels: true });
    expect(rangeA1(soes.categories)).toBe(`A${first}:A${first + 9}`);
    expect(rangeA1(soes.series[0]?.values ?? soes.categories)).toBe(`F${first}:F${first + 9}`);
    expect(soes.position.col).toBe(12);
  });

  it('charts projects by stage and by size band with the count unit', () => {
    expect(chart(plan, 'summary-stage')).toMatchObject({ type: 'columnClustered', title: '各阶段项目数', valueAxisTitle: '个' });
    expect(chart(plan, 'summary-size-band')).toMatchObject({ title: '各投资规模项目数', valueAxisTitle: '个', showDataLabels: true });
  });

  it('labels charts in English in English', () => {
    const en = layoutSummary(summary, { ...options, lang: 'en-US' });
    expect(en.charts.map((c) => [c.title, c.valueAxisTitle])).toEqual([
      ['Total and invested by sector', 'CNY bn'],
      ['Projects by stage', 'Projects'],
      ['Top 10 SOEs by total investment', 'CNY bn'],
      ['Projects by size', 'Projects'],
    ]);
  });

  it('points every chart at written cells of its own sheet, and no chart covers another or a table', () => {
    const cells = cellsOf(plan);
    for (const spec of plan.charts) {
      for (const range of [spec.categories, ...spec.series.map((s) => s.values)]) {
        for (let r = 0; r < range.rows; r += 1) {
          const address = rangeA1({ row: range.row + r, col: range.col, rows: 1, cols: 1 });
          const value = cells.get(address)?.value;
          expect([address, range === spec.categories ? typeof value === 'string' : typeof value === 'number']).toEqual([address, true]);
        }
      }
    }
    plan.charts.forEach((a, i) => plan.charts.slice(i + 1).forEach((b) => expect(overlaps(a.position, b.position)).toBe(false)));
    for (const block of plan.blocks) {
      const area = { row: block.row, col: block.col, rows: block.values.length, cols: block.values[0]?.length ?? 0 };
      for (const spec of plan.charts) expect(overlaps(area, spec.position)).toBe(false);
    }
  });

  it('turns data labels off for a series of more than 12 points', () => {
    const many = summarizeRows(Array.from({ length: 13 }, (_, i) => row({ sector: `领域${i}` })));
    expect(chart(layoutSummary(many, options), 'summary-sector').showDataLabels).toBe(false);
  });

  it('labels sectors and SOEs in English on the English sheet, keeping names it has no label for', () => {
    const en = layoutSummary(summary, { ...options, lang: 'en-US' });
    const sectorHeader = rowOf(en, 'By sector') + 1;
    // Seed 000's biggest sector is 能源.
    expect(summary.bySector[0]?.key).toBe('能源');
    expect(cell(en, `A${sectorHeader + 1}`)).toBe('Energy');
    const soeTop = rowOf(en, 'By SOE') + 1;
    const firstSoe = summary.bySoe[0]!;
    expect(firstSoe.key).toBe('中国石油天然气集团有限公司');
    // The reference list's English name, its abbreviation in column A.
    expect([cell(en, `A${soeTop + 1}`), cell(en, `K${soeTop + 1}`)]).toEqual(['CNPC', 'China National Petroleum Corporation (CNPC)']);
    expect(cell(plan, `A${rowOf(plan, '按合作央企') + 2}`)).toBe('中国石油');
  });

  it('keeps the tables together: one blank row between tables, whatever the charts beside them', () => {
    const sectorTop = rowOf(plan, '按领域');
    const stageTop = rowOf(plan, '按项目阶段');
    // Title, header, 9 sectors, 合计, one blank row (seed 000 has 9 sectors).
    expect(summary.bySector).toHaveLength(9);
    expect(stageTop - sectorTop).toBe(13);
  });

  it('prints landscape A4, one page wide, with the title, the data date and page numbers, breaking only between tables', () => {
    const setup = plan.pageSetup;
    expect(setup).toMatchObject({ orientation: 'landscape', paperSize: 'A4', fitToPagesWide: 1, titleRows: { first: 0, last: 0 } });
    expect(setup?.header).toEqual({ left: '央地合作项目统计汇总', right: '截至：2025年9月30日' });
    expect(setup?.footer).toEqual({ center: '第 &P 页 共 &N 页' });
    expect(layoutSummary(summary, { ...options, lang: 'en-US', dataDate: null }).pageSetup?.footer).toEqual({ center: 'Page &P of &N' });
    expect(setup?.rowBreaks.length).toBeGreaterThan(0);
    // Every break is at the title row of a table (a section title in column A), never inside one.
    const titles = ['主要指标', '按领域', '按项目阶段', '按合作央企', '按地区', '按项目类别', '按投资规模', '领域 × 阶段：项目数（个）', '领域 × 阶段：总投资（亿元）'].map((t) => rowOf(plan, t) - 1);
    for (const row of setup?.rowBreaks ?? []) expect(titles).toContain(row);
    // No chart crosses a break.
    for (const c of plan.charts) for (const b of setup?.rowBreaks ?? []) expect(b <= c.position.row || b >= c.position.row + c.position.rows).toBe(true);
  });

  it('skips the charts of empty tables', () => {
    expect(layoutSummary(summarizeRows([]), options).charts.map((c) => c.id)).toEqual(['summary-stage', 'summary-size-band']);
  });

  it('writes ledger text literally, without control characters', () => {
    const hostile = layoutSummary(summarizeRows([row({ sector: '=HYPERLINK("http://x")\u0007能源' })]), options);
    expect(textsOf(hostile)).toContain('=HYPERLINK("http://x") 能源');
    expect(hostile.blocks.flatMap((b) => b.values.flat()).some((v) => typeof v === 'object' && v !== null)).toBe(false);
  });

  it('sizes each column to its widest text, CJK counted as two, so no header is clipped', () => {
    // A–K fitted (J the SOE table's gap), L a gap, M–T the chart band.
    expect(plan.columnWidths).toHaveLength(20);
    // 累计完成投资（亿元）: 10 CJK characters (full-width brackets included) = 20, plus 2 of padding.
    expect(plan.columnWidths[6]).toBeGreaterThanOrEqual(22);
    // 累计完成投资（亿元） is also the widest key-figure label in column A.
    expect(plan.columnWidths[0]).toBeGreaterThanOrEqual(22);
    const wan = layoutSummary(summary, { ...options, displayUnit: 'wan', decimals: 2 });
    // The 万元 total of the sector table's 合计 row, #,##0.00, plus 2.
    const total = `${Math.round(summary.totals.totalWan * 100) / 100}`.length;
    expect(wan.columnWidths[5]).toBeGreaterThanOrEqual(total + 2);
    expect(Math.max(...plan.columnWidths)).toBeLessThanOrEqual(40);
  });
});
