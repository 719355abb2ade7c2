import { PortError } from '../../src/workflows/workbookPort';
import { fakeWorkbook, normalisedSnapshot, sheetSnapshot, smallLedger, uninstallFakes } from './fakeWorkbook';
import { summaryPlan, validationPlan } from './plans';

afterEach(uninstallFakes);

const ledgerOnly = () => ({ sheets: { 台账: smallLedger(3) } });

describe('applySheetPlans', () => {
  it('writes values, number formats, styles, merges, widths and freeze panes', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    expect(await port.applySheetPlans([summaryPlan()])).toEqual({ summary: '汇总' });
    const sheet = sheetSnapshot(fake, '汇总');
    expect(sheet.values.slice(3, 8)).toEqual([
      ['领域', '项目数', '总投资（亿元）'],
      ['能源', 12, 1234.5],
      ['交通', 5, 400.25],
      ['=HYPERLINK("http://x","y")', 1, 2],
      ['', '', ''],
    ]);
    expect(sheet.numberFormats).toMatchObject({ B5: '0', C5: '#,##0.0', C7: '#,##0.0' });
    expect(sheet.numberFormats.A5).toBeUndefined();
    expect(sheet.fills).toMatchObject({ A4: '#DDEBF7', C4: '#DDEBF7' });
    expect(sheet.fonts.A1).toEqual({ bold: true, size: 14 });
    expect(sheet.mergedAreas).toEqual(['A1:C1']);
    expect(sheet.columnWidths).toEqual({ A: 129.75, B: 56.25, C: 87.75 });
    expect(sheet.frozenPanes).toEqual({ rows: 4, columns: 0 });
  });

  it('aligns a planned style vertically (RangeFormat.verticalAlignment)', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    const plan = { ...summaryPlan(), formats: [{ range: { row: 9, col: 0, rows: 1, cols: 2 }, style: { verticalAlignment: 'top', wrapText: true } as const }] };
    await port.applySheetPlans([plan]);
    const { alignment } = sheetSnapshot(fake, '汇总');
    expect(alignment.A10).toEqual({ vertical: 'Top', wrapText: true });
    expect(alignment.B10).toEqual({ vertical: 'Top', wrapText: true });
    expect(alignment.C10).toBeUndefined();
  });

  it('sets number formats before the values of a block, one per column run', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    fake.resetSyncStats();
    const block = { row: 0, col: 0, values: [[1, 2, 3], [4, 5, 6]], numberFormat: ['0.0', '0.0', null] };
    await port.applySheetPlans([validationPlan({ blocks: [block] })]);
    const operations = fake.syncLog.flatMap((s) => s.operations).filter((o) => o.startsWith('Range.'));
    expect(operations.slice(0, 2)).toEqual(['Range.numberFormat', 'Range.values']);
    expect(sheetSnapshot(fake, '校验').numberFormats).toEqual({ A1: '0.0', A2: '0.0', B1: '0.0', B2: '0.0' });
  });

  it('keeps a text that starts with = as text and writes formulas and links as formulas', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    await port.applySheetPlans([summaryPlan(), validationPlan()]);
    const summary = sheetSnapshot(fake, '汇总');
    expect(summary.quotePrefix).toHaveProperty('A7');
    expect(summary.formulas.A7).toBeUndefined();
    expect(summary.formulas).toMatchObject({ A9: `=HYPERLINK("#'校验'!A1","查看问题清单")`, B9: '=SUM(B5:B7)' });
    expect(summary.values[8]?.slice(0, 2)).toEqual(['查看问题清单', 18]);
    const validation = sheetSnapshot(fake, '校验');
    expect(validation.formulas.A2).toBe(`=HYPERLINK("#'台账'!F3","F3")`);
    expect(validation.values[1]).toEqual(['F3', '总投资不是数字', '=待定']);
  });

  it('creates the charts with an explicit seriesBy, their name, position, titles and labels', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    await port.applySheetPlans([summaryPlan()]);
    const [chart] = sheetSnapshot(fake, '汇总').charts;
    expect(chart).toMatchObject({
      name: 'sectorTotals',
      type: 'ColumnClustered',
      sourceAddress: '汇总!A5:B7',
      seriesBy: 'Columns',
      title: { text: '各领域总投资', visible: true },
      valueAxisTitle: { text: '亿元', visible: true },
      categoryAxisTitle: { text: '领域', visible: true },
      dataLabels: { showValue: true },
      position: { startCell: 'A11', endCell: 'F25' },
      series: [{ name: '总投资', values: '汇总!B5:B7', xValues: '汇总!A5:A7' }],
    });
  });

  it('draws a pie chart without axis titles', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    const plan = summaryPlan();
    await port.applySheetPlans([summaryPlan({ charts: plan.charts.map((c) => ({ ...c, type: 'pie' as const })) })]);
    expect(sheetSnapshot(fake, '汇总').charts[0]).toMatchObject({ type: 'Pie', valueAxisTitle: { text: '' } });
    expect(port.capabilityNotes()).toEqual([]);
  });

  it('keeps a user sheet that has the wanted name and names the summary 汇总 (2), links included', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2), 汇总: [['我的汇总']], 校验: [['我的校验']] } });
    expect(await port.applySheetPlans([summaryPlan(), validationPlan()])).toEqual({ summary: '汇总 (2)', validation: '校验 (2)' });
    expect(sheetSnapshot(fake, '汇总').values).toEqual([['我的汇总']]);
    expect(sheetSnapshot(fake, '汇总 (2)').formulas.A9).toBe(`=HYPERLINK("#'校验 (2)'!A1","查看问题清单")`);
    expect(await port.applySheetPlans([summaryPlan(), validationPlan()])).toEqual({ summary: '汇总 (2)', validation: '校验 (2)' });
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '汇总', '校验', '汇总 (2)', '校验 (2)']);
  });

  it('gives the same workbook when applied twice', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    await port.applySheetPlans([summaryPlan(), validationPlan()]);
    const once = normalisedSnapshot(fake);
    await port.applySheetPlans([summaryPlan(), validationPlan()]);
    expect(normalisedSnapshot(fake)).toEqual(once);
  });

  it('replaces an owned sheet the user renamed and moved, keeping its tab position', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    await port.applySheetPlans([summaryPlan()]);
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('汇总');
      sheet.name = '九月汇总';
      sheet.position = 0;
    });
    await port.applySheetPlans([summaryPlan()]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['汇总', '台账']);
  });

  it('leaves a copy of an owned sheet alone, although it carries the owner property', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.12', ...ledgerOnly() });
    await port.applySheetPlans([summaryPlan()]);
    // A user's copy: a new sheet with the same custom property (Move or Copy keeps it).
    const marker = sheetSnapshot(fake, '汇总').customProperties['ledgerStats.owner']!;
    await fake.run(async (context) => {
      const copy = context.workbook.worksheets.add('汇总 副本');
      copy.customProperties.add('ledgerStats.owner', marker);
    });
    fake.documentSettings?.remove('ledgerStats.ownedSheets'); // settings lost: the property is the only marker
    await port.applySheetPlans([summaryPlan()]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '汇总', '汇总 副本']);
  });

  it('deletes an owned sheet whose role is no longer planned', async () => {
    const { fake, port } = fakeWorkbook(ledgerOnly());
    await port.applySheetPlans([summaryPlan(), validationPlan()]);
    await port.applySheetPlans([summaryPlan()]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '汇总']);
  });

  it('takes two round trips once the sheets are owned, the chart formatting included', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.12', ...ledgerOnly() });
    await port.applySheetPlans([summaryPlan(), validationPlan()]);
    fake.resetSyncStats();
    await port.applySheetPlans([summaryPlan(), validationPlan()]);
    // Build the temporary sheets; replace the owned sheets' contents in place, charts formatted.
    expect(fake.syncCount).toBe(2);
  });

  it('turns events off while writing and restores them', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.8', ...ledgerOnly() });
    let changes = 0;
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('台账').onChanged.add(async () => {
        changes++;
      });
    });
    await port.applySheetPlans([summaryPlan()]);
    await fake.flushEvents();
    expect(fake.eventsEnabled).toBe(true);
    expect(fake.syncLog.some((s) => s.operations.includes('Runtime.enableEvents'))).toBe(true);
    expect(changes).toBe(0);
  });

  it('splits a large plan into requests that each fit the payload limit', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => [`第${i}行问题说明：总投资不是数字，请核对原始台账`, i, `=原值${i}`]);
    const { fake, port } = fakeWorkbook({ maxPayloadBytes: 600_000, ...ledgerOnly() });
    await port.applySheetPlans([validationPlan({ blocks: [{ row: 0, col: 0, values: rows }] })]);
    expect(sheetSnapshot(fake, '校验').values).toHaveLength(6_000);
    expect(fake.syncLog.filter((s) => s.error === undefined).every((s) => s.requestBytes <= 600_000)).toBe(true);
  });

  describe('on ExcelApi 1.1', () => {
    it('writes the sheets without merges, widths and freeze panes and says so', async () => {
      const { fake, port } = fakeWorkbook({ apiVersion: '1.1', ...ledgerOnly() });
      expect(await port.applySheetPlans([summaryPlan(), validationPlan()])).toEqual({ summary: '汇总', validation: '校验' });
      const sheet = sheetSnapshot(fake, '汇总');
      expect(sheet.values[4]?.slice(0, 3)).toEqual(['能源', 12, 1234.5]);
      // Without defined names (1.4) the sheet carries a content marker in BZ1.
      expect(sheet.values[0]?.[77]).toBe('ledger-stats:summary');
      expect(sheet.mergedAreas).toEqual([]);
      expect(sheet.frozenPanes).toBeNull();
      expect(sheet.charts).toHaveLength(1);
      expect(port.capabilityNotes().map((n) => n.code)).toEqual(['no_merge', 'no_column_widths', 'no_freeze_panes', 'no_defined_names']);
      expect(port.capabilityNotes()[0]?.message['zh-CN']).toContain('合并');
    });
  });

  describe('atomicity', () => {
    it('leaves the previous sheets and records intact whichever round trip fails', async () => {
      const probe = fakeWorkbook({ apiVersion: '1.12', ...ledgerOnly() });
      await probe.port.applySheetPlans([summaryPlan(), validationPlan()]);
      probe.fake.resetSyncStats();
      await probe.port.applySheetPlans([summaryPlan(), validationPlan()]);
      const trips = probe.fake.syncCount;
      expect(trips).toBe(2);

      for (let n = 1; n <= trips; n++) {
        const { fake, port } = fakeWorkbook({ apiVersion: '1.12', ...ledgerOnly() });
        await port.applySheetPlans([summaryPlan(), validationPlan()]);
        const before = fake.snapshot();
        fake.failAtSync(n);
        const error = await port.applySheetPlans([summaryPlan({ blocks: [] }), validationPlan()]).catch((e: unknown) => e);
        expect([n, error]).toEqual([n, expect.any(PortError)]);
        expect([n, fake.snapshot()]).toEqual([n, before]);
      }
    });

    it.each([
      ['rejects the whole request', 0],
      ['fails at the first chart formatting operation', 'first'],
    ] as const)('replaces in place, without the chart formatting and with a note, on a host that %s', async (_how, after) => {
      const probe = fakeWorkbook(ledgerOnly());
      await probe.port.applySheetPlans([summaryPlan()]);
      probe.fake.resetSyncStats();
      await probe.port.applySheetPlans([summaryPlan()]);
      const final = probe.fake.syncLog[1]?.operations ?? [];
      const afterOperations = after === 0 ? 0 : final.indexOf('ChartTitle.text');
      expect(afterOperations).toBeGreaterThanOrEqual(0);

      const { fake, port } = fakeWorkbook(ledgerOnly());
      await port.applySheetPlans([summaryPlan()]);
      fake.resetSyncStats();
      fake.failAtSync(2, 'InvalidArgument', { afterOperations });
      expect(await port.applySheetPlans([summaryPlan({ blocks: summaryPlan().blocks.slice(0, 1) })])).toEqual({ summary: '汇总' });
      // Round trip 1, the final one that fails, a read, the final one again without the formatting.
      expect(fake.syncCount).toBe(4);
      expect(sheetSnapshot(fake, '汇总').values).toEqual([['央地合作项目汇总']]);
      expect(sheetSnapshot(fake, '汇总').charts[0]).toMatchObject({ name: 'sectorTotals', title: { text: '' } });
      expect(port.capabilityNotes().map((n) => n.code)).toEqual(['chart_format_skipped']);
    });

    it('tolerates a host that rejects the cosmetic chart properties and notes it', async () => {
      const probe = fakeWorkbook(ledgerOnly());
      probe.fake.resetSyncStats();
      await probe.port.applySheetPlans([summaryPlan()]);
      const cosmetic = probe.fake.syncLog.findIndex((s) => s.operations.includes('ChartTitle.text')) + 1;

      const { fake, port } = fakeWorkbook(ledgerOnly());
      fake.failAtSync(cosmetic, 'InvalidArgument');
      expect(await port.applySheetPlans([summaryPlan()])).toEqual({ summary: '汇总' });
      expect(sheetSnapshot(fake, '汇总').charts[0]).toMatchObject({ name: 'sectorTotals', valueAxisTitle: { text: '' } });
      expect(port.capabilityNotes().map((n) => n.code)).toEqual(['chart_format_skipped']);
    });
  });
});
