import { MAX_MARKED_CELLS, verticalRuns } from '../../src/excel/marks';
import { PortError } from '../../src/workflows/workbookPort';
import { fakeWorkbook, sheetSnapshot, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

/** A ledger whose F3 and B4 carry the user's own fills, and F2 a user conditional format. */
async function decoratedLedger(apiVersion: string) {
  const wb = fakeWorkbook({ apiVersion, sheets: { 台账: smallLedger(5) } });
  await wb.fake.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem('台账');
    sheet.getRange('F3').format.fill.color = '#00B050';
    sheet.getRange('B4').format.fill.color = '#FFFF00';
    if (apiVersion !== '1.1') {
      const own = sheet.getRange('F2').conditionalFormats.add('Custom');
      own.custom.rule.formula = '=F2>100';
      own.custom.format.font.color = '#0000FF';
    }
  });
  return wb;
}

describe('verticalRuns', () => {
  it('groups adjacent cells of one column with the same value', () => {
    const cells = [
      { row: 3, col: 1, value: 'a' },
      { row: 1, col: 1, value: 'a' },
      { row: 2, col: 1, value: 'a' },
      { row: 4, col: 1, value: 'b' },
      { row: 2, col: 0, value: 'a' },
    ];
    expect(verticalRuns(cells)).toEqual([
      { row: 2, col: 0, rows: 1, value: 'a' },
      { row: 1, col: 1, rows: 3, value: 'a' },
      { row: 4, col: 1, rows: 1, value: 'b' },
    ]);
  });
});

describe('markCells with conditional formats (ExcelApi 1.6+)', () => {
  it('adds one red or yellow format per run of flagged cells, above the user formatting', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    await port.markCells('台账', [
      { address: 'F3', severity: 'error' },
      { address: 'F4', severity: 'error' },
      { address: 'B2', severity: 'warning' },
    ]);
    const sheet = sheetSnapshot(fake, '台账');
    expect(sheet.conditionalFormats.filter((f) => f.rule.formula === '=TRUE').map((f) => [f.address, f.format.fill])).toEqual(
      expect.arrayContaining([
        ['F3:F4', '#FFC7CE'],
        ['B2', '#FFEB9C'],
      ]),
    );
    expect(sheet.fills).toEqual({ F3: '#00B050', B4: '#FFFF00' });
    expect(port.capabilityNotes()).toEqual([]);
  });

  it('replaces the previous marks in one round trip', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    await port.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    fake.resetSyncStats();
    await port.markCells('台账', [{ address: 'C5', severity: 'warning' }]);
    expect(fake.syncCount).toBe(1);
    const formats = sheetSnapshot(fake, '台账').conditionalFormats;
    expect(formats.map((f) => f.address).sort()).toEqual(['C5', 'F2']);
  });

  it('still replaces the marks after the user deleted one of them', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    await port.markCells('台账', [
      { address: 'F3', severity: 'error' },
      { address: 'A6', severity: 'error' },
    ]);
    await fake.run(async (context) => context.workbook.worksheets.getItem('台账').getRange('A6').conditionalFormats.clearAll());
    await port.markCells('台账', [{ address: 'C5', severity: 'warning' }]);
    expect(sheetSnapshot(fake, '台账').conditionalFormats.map((f) => f.address).sort()).toEqual(['C5', 'F2']);
  });

  it('clears exactly its own formats and keeps the user conditional format', async () => {
    const { fake, port } = await decoratedLedger('1.16');
    const before = sheetSnapshot(fake, '台账');
    await port.markCells('台账', [
      { address: 'F2', severity: 'error' },
      { address: 'F3', severity: 'warning' },
    ]);
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账')).toEqual(before);
    expect(fake.snapshot().settings['ledgerStats.marks']).toBeUndefined();
  });

  it('removes marks left on a sheet that is no longer the source', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 旧台账: smallLedger(2), 台账: smallLedger(2) } });
    await port.markCells('旧台账', [{ address: 'B2', severity: 'error' }]);
    await port.markCells('台账', [{ address: 'C3', severity: 'error' }]);
    expect(sheetSnapshot(fake, '旧台账').conditionalFormats).toEqual([]);
    expect(sheetSnapshot(fake, '台账').conditionalFormats.map((f) => f.address)).toEqual(['C3']);
  });

  it('throws source_not_found for a missing sheet', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
    const error = await port.markCells('没有', [{ address: 'B2', severity: 'error' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('source_not_found');
  });

  it('marks at most MAX_MARKED_CELLS cells, errors first, and notes the cap', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
    const warnings = Array.from({ length: MAX_MARKED_CELLS }, (_, i) => ({ address: `B${i + 2}`, severity: 'warning' as const }));
    await port.markCells('台账', [...warnings, { address: 'D9000', severity: 'error' }]);
    const formats = sheetSnapshot(fake, '台账').conditionalFormats;
    expect(formats.map((f) => f.address).sort()).toEqual(['B2:B5000', 'D9000']);
    expect(port.capabilityNotes().map((n) => n.code)).toEqual(['marks_capped']);
  });
});

describe('markCells with fills (ExcelApi 1.1)', () => {
  it('fills the flagged cells and notes the degraded marking', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    await port.markCells('台账', [
      { address: 'F3', severity: 'error' },
      { address: 'C2', severity: 'warning' },
    ]);
    expect(sheetSnapshot(fake, '台账').fills).toEqual({ F3: '#FFC7CE', C2: '#FFEB9C', B4: '#FFFF00' });
    expect(port.capabilityNotes().map((n) => n.code)).toEqual(['marks_as_fills']);
  });

  it('restores the user fills, and no fill, when the marks are cleared', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    const before = sheetSnapshot(fake, '台账');
    await port.markCells('台账', [
      { address: 'F3', severity: 'error' },
      { address: 'B4', severity: 'warning' },
      { address: 'C2', severity: 'warning' },
    ]);
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账')).toEqual(before);
  });

  it('keeps the original fill of a cell marked twice and restores a mark no longer wanted', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    await port.markCells('台账', [
      { address: 'F3', severity: 'warning' },
      { address: 'B4', severity: 'error' },
    ]);
    await port.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    expect(sheetSnapshot(fake, '台账').fills).toEqual({ F3: '#FFC7CE', B4: '#FFFF00' });
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账').fills).toEqual({ F3: '#00B050', B4: '#FFFF00' });
  });

  it('leaves a fill the user changed after marking', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    await port.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('台账').getRange('F3').format.fill.color = '#7030A0';
    });
    await port.clearMarks();
    expect(sheetSnapshot(fake, '台账').fills.F3).toBe('#7030A0');
  });

  it('takes two round trips', async () => {
    const { fake, port } = await decoratedLedger('1.1');
    await port.markCells('台账', [{ address: 'F3', severity: 'error' }]);
    fake.resetSyncStats();
    await port.markCells('台账', [{ address: 'F4', severity: 'error' }]);
    expect(fake.syncCount).toBe(2);
  });
});

describe('clearMarks', () => {
  it('does nothing, without a round trip, when nothing is marked', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
    fake.resetSyncStats();
    await port.clearMarks();
    expect(fake.syncCount).toBe(0);
  });

  it('clears marks made by another runtime (the ribbon) from the saved settings', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2) } });
    await port.markCells('台账', [{ address: 'B2', severity: 'error' }]);
    const { createOfficeWorkbookPort } = await import('../../src/excel/officeWorkbookPort');
    await createOfficeWorkbookPort().clearMarks();
    expect(sheetSnapshot(fake, '台账').conditionalFormats).toEqual([]);
  });
});
