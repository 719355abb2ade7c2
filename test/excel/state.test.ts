import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { utf8Length } from '../../src/excel/payload';
import { parseSettings, snapshotPartText, snapshotPartXml, splitSnapshot } from '../../src/excel/state';
import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';
import { fakeWorkbook, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

describe('parseSettings', () => {
  it.each([
    [null, DEFAULT_SETTINGS],
    ['text', DEFAULT_SETTINGS],
    [{}, DEFAULT_SETTINGS],
    [{ decimals: 2, displayUnit: 'wan', lang: 'en-US' }, { ...DEFAULT_SETTINGS, decimals: 2, displayUnit: 'wan', lang: 'en-US' }],
    [{ decimals: -1, displayUnit: '元', lang: 'fr', soeAttribution: 'half' }, DEFAULT_SETTINGS],
    [{ source: { kind: 'table', name: '项目表' } }, { ...DEFAULT_SETTINGS, source: { kind: 'table', name: '项目表' } }],
    [{ source: { kind: 'range', name: 'A1' } }, DEFAULT_SETTINGS],
    [{ mapping: { name: 'B', bad: 3 }, allowedSectors: ['能源', 1] }, { ...DEFAULT_SETTINGS, mapping: { name: 'B' } }],
  ])('reads %p field by field, defaulting what is malformed', (stored, expected) => {
    expect(parseSettings(stored)).toEqual(expected);
  });
});

describe('splitSnapshot', () => {
  it('splits by bytes on the wire and joins back to the text', () => {
    const text = '中"&<'.repeat(1_000);
    const parts = splitSnapshot(text, 1_000);
    expect(parts.join('')).toBe(text);
    const wrapper = utf8Length(JSON.stringify(snapshotPartXml('', 0, 1)));
    for (const part of parts) expect(utf8Length(JSON.stringify(snapshotPartXml(part, 0, 1))) - wrapper).toBeLessThanOrEqual(1_000);
    expect(parts.length).toBe(15);
  });

  it('never splits a surrogate pair', () => {
    const parts = splitSnapshot('𠀀'.repeat(10), 7);
    expect(parts.every((p) => !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
    expect(parts.join('')).toBe('𠀀'.repeat(10));
  });
});

describe('snapshot parts', () => {
  it('round-trips text with XML special characters', () => {
    const text = '{"p":[["<a&b>","]]>",1]]}\u4e2d';
    expect(snapshotPartText(snapshotPartXml(text, 0, 1))).toBe(text);
  });

  it('reads a part that Excel returns with an XML declaration', () => {
    expect(snapshotPartText(`<?xml version="1.0" encoding="UTF-8"?>\n${snapshotPartXml('x', 0, 1)}`)).toBe('x');
  });
});

describe('readState / writeState', () => {
  it('returns the defaults of a workbook that never had the add-in', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    expect(await port.readState()).toEqual({ settings: DEFAULT_SETTINGS, snapshot: null, lastRefresh: null });
  });

  it('changes only the given keys and saves them in the file', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    const settings = { ...DEFAULT_SETTINGS, decimals: 2 };
    await port.writeState({ settings });
    await port.writeState({ lastRefresh: '2025-09-30T06:05:00.000Z' });
    expect(await port.readState()).toEqual({ settings, snapshot: null, lastRefresh: '2025-09-30T06:05:00.000Z' });
    expect(fake.snapshot().settings['ledgerStats.settings']).toEqual(settings);
  });

  it('keeps a large snapshot in custom XML parts of one request each, and replaces them', async () => {
    const { fake, port } = fakeWorkbook({ maxPayloadBytes: 5_000_000, sheets: { 台账: smallLedger() } });
    const big = JSON.stringify({ p: Array.from({ length: 50_000 }, (_, i) => [`大连项目<${i}>&"`, null, ['中国华能集团有限公司'], i + 7, 'construction', i, 0]) });
    fake.resetSyncStats();
    await port.writeState({ snapshot: big });
    const parts = fake.snapshot().customXmlParts;
    expect(parts.length).toBe(splitSnapshot(big).length);
    expect(parts.length).toBeGreaterThan(1);
    expect(fake.syncCount).toBe(parts.length);
    expect(fake.maxRequestBytes).toBeLessThan(4_000_000);
    // A port that did not write it reads it back, one part per round trip.
    fake.resetSyncStats();
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe(big);
    expect(fake.syncCount).toBe(parts.length);
    expect(fake.maxResponseBytes).toBeLessThan(4_000_000);
    await port.writeState({ snapshot: 'small' });
    expect(fake.snapshot().customXmlParts).toHaveLength(1);
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe('small');
  });

  it('skips the round trips for the snapshot it last read or wrote', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: 'baseline' });
    fake.resetSyncStats();
    expect((await port.readState()).snapshot).toBe('baseline');
    await port.writeState({ snapshot: 'baseline', lastRefresh: 'x' });
    expect(fake.syncCount).toBe(0);
  });

  it('reads the parts again when another runtime replaced them', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: 'mine' });
    await createOfficeWorkbookPort().writeState({ snapshot: 'theirs' });
    expect((await port.readState()).snapshot).toBe('theirs');
  });

  it('clears the snapshot and its parts when asked to store none', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: 'baseline' });
    await port.writeState({ snapshot: null });
    expect(fake.snapshot().customXmlParts).toEqual([]);
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBeNull();
  });

  it('replaces the parts even when an old part was deleted by another tool', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: 'old' });
    await fake.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace('urn:ledger-stats:snapshot:1').load('items');
      await context.sync();
      for (const part of parts.items) part.delete();
      context.workbook.customXmlParts.add('<snapshot xmlns="urn:ledger-stats:snapshot:1">leftover</snapshot>');
    });
    await port.writeState({ snapshot: 'new' });
    expect(fake.snapshot().customXmlParts.map((p) => snapshotPartText(p.xml))).toEqual(['new']);
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe('new');
  });

  it('writes an empty snapshot without a round trip', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    fake.resetSyncStats();
    await port.writeState({ snapshot: '', lastRefresh: 'x' });
    expect(fake.syncCount).toBe(0);
    expect((await port.readState()).snapshot).toBe('');
  });

  it('reads no snapshot when its part was deleted by another tool', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await createOfficeWorkbookPort().writeState({ snapshot: 'abc' });
    const port = createOfficeWorkbookPort();
    await fake.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace('urn:ledger-stats:snapshot:1').load('items');
      await context.sync();
      for (const part of parts.items) part.delete();
    });
    expect((await port.readState()).snapshot).toBeNull();
  });

  it('keeps the snapshot in the settings on ExcelApi 1.1 and notes it', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.1', sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: 'abc' });
    expect(fake.snapshot().customXmlParts).toEqual([]);
    expect((await port.readState()).snapshot).toBe('abc');
    expect(port.capabilityNotes().map((n) => n.code)).toEqual(['snapshot_in_settings']);
  });
});
