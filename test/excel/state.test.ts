import { FEATURE_SETS, type Capabilities } from '../../src/excel/capabilities';
import { documentSettings, SETTING_KEYS } from '../../src/excel/documentSettings';
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { ownerName } from '../../src/excel/ownership';
import { SNAPSHOT_NAMESPACE, snapshotPartText } from '../../src/excel/state';
import {
  STATE_MARKER,
  STATE_SHEET_NAME,
  STATE_SHEET_NAME_VISIBLE,
  stateSheetCells,
  type MarkRecord,
  type StateSheetDoc,
} from '../../src/workflows/stateSheet';
import { DEFAULT_SETTINGS } from '../../src/workflows/workbookPort';
import { officeWireMeter } from '../fakes/excel/officeWire';
import type { FakeExcel } from '../fakes/fakeExcel';
import { fakeWorkbook, sheetSnapshot, smallLedger, uninstallFakes } from './fakeWorkbook';

afterEach(uninstallFakes);

/** The capabilities of a host of ExcelApi `version`. */
function detectCapabilitiesOf(version: string): Capabilities {
  const minor = (v: string): number => Number(v.split('.')[1]);
  return Object.fromEntries(Object.entries(FEATURE_SETS).map(([feature, set]) => [feature, minor(set) <= minor(version)])) as Capabilities;
}

/** A snapshot of `projects` projects in the shape of src/domain/diff's, with CJK names, quotes and markup. */
function bigSnapshot(projects: number): string {
  return JSON.stringify({ p: Array.from({ length: projects }, (_, i) => [`大连项目<${i}>&"`, null, ['中国华能集团有限公司'], i + 7, 'construction', i, 0]) });
}

/** The sheets that carry the state marker in A1. */
function stateSheets(fake: FakeExcel) {
  return fake.snapshot().sheets.filter((s) => s.values[0]?.[0] === STATE_MARKER);
}

/** Write a state sheet the way a host that writes the whole sheet (the CLI) does, very hidden. */
async function cliStateSheet(fake: FakeExcel, rows: (string | number | null)[][], name = STATE_SHEET_NAME): Promise<void> {
  await fake.run(async (context) => {
    const sheet = context.workbook.worksheets.add(name);
    const width = Math.max(...rows.map((r) => r.length));
    sheet.getRange(`A1:${String.fromCharCode(64 + width)}${rows.length}`).values = rows.map((r) => Array.from({ length: width }, (_, i) => {
      const v = r[i];
      return v === null || v === undefined ? '' : typeof v === 'string' && v !== '' ? `'${v}` : v;
    }));
    sheet.visibility = 'VeryHidden';
  });
}

const doc = (over: Partial<StateSheetDoc> = {}): Omit<StateSheetDoc, 'legacyOwned'> => ({
  settings: DEFAULT_SETTINGS,
  lastRefresh: null,
  snapshot: null,
  marks: [],
  ...over,
});

/** A format-1 state sheet (the CLI before issue 15): one JSON document in A2… */
function format1Rows(value: unknown): (string | number)[][] {
  const text = JSON.stringify(value);
  const chunks = text.match(/[\s\S]{1,20}/g) ?? [];
  return [[STATE_MARKER, 1, chunks.length], ...chunks.map((c) => [c])];
}

/** The old add-in state: settings keys and the baseline in custom XML parts. */
async function oldState(fake: FakeExcel, state: { settings?: unknown; lastRefresh?: string; parts?: string[] }): Promise<void> {
  const ids = await fake.run(async (context) => {
    const parts = (state.parts ?? []).map((text) => {
      const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return context.workbook.customXmlParts.add(`<snapshot xmlns="${SNAPSHOT_NAMESPACE}">${escaped}</snapshot>`).load('id');
    });
    await context.sync();
    return parts.map((part) => part.id);
  });
  const settings = documentSettings();
  if (state.settings !== undefined) settings.set(SETTING_KEYS.settings, state.settings);
  if (state.lastRefresh !== undefined) settings.set(SETTING_KEYS.lastRefresh, state.lastRefresh);
  if (ids.length > 0) settings.set(SETTING_KEYS.snapshotParts, ids);
  await settings.save();
}

describe('readState / writeState over the state sheet', () => {
  it('returns the defaults of a workbook that never had the add-in, without adding a sheet', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    expect(await port.readState()).toEqual({ settings: DEFAULT_SETTINGS, snapshot: null, lastRefresh: null });
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账']);
  });

  it('keeps every key in a very hidden state sheet that another port reads back', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    const settings = { ...DEFAULT_SETTINGS, decimals: 2, mapping: { name: 'B' } };
    await port.writeState({ settings });
    expect(stateSheets(fake).map((s) => [s.name, s.visibility])).toEqual([[STATE_SHEET_NAME, 'VeryHidden']]);
    await port.writeState({ lastRefresh: '2025-09-30T06:05:00.000Z', snapshot: '{"p":[]}' });
    expect(await createOfficeWorkbookPort().readState()).toEqual({ settings, snapshot: '{"p":[]}', lastRefresh: '2025-09-30T06:05:00.000Z' });
    const [sheet] = stateSheets(fake);
    expect([sheet?.name, sheet?.visibility]).toEqual([STATE_SHEET_NAME, 'VeryHidden']);
    expect(fake.snapshot().settings).toEqual({});
  });

  it('writes chunks as literal text: a baseline that looks like a formula or a number stays text', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: '=1+1', lastRefresh: '2025-09-30' });
    expect(await createOfficeWorkbookPort().readState()).toMatchObject({ snapshot: '=1+1', lastRefresh: '2025-09-30' });
    expect(stateSheets(fake)[0]?.formulas).toEqual({});
  });

  it('distinguishes an empty baseline from none', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: '' });
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe('');
    await port.writeState({ snapshot: null });
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBeNull();
  });

  it('cuts a 50,000-project baseline into requests and responses under the payload limit, and reads it back', async () => {
    const { fake, port } = fakeWorkbook({ maxPayloadBytes: 5_000_000, sheets: { 台账: smallLedger() } });
    const big = bigSnapshot(50_000);
    fake.resetSyncStats();
    await port.writeState({ snapshot: big, lastRefresh: 'x' });
    expect(fake.maxRequestBytes).toBeLessThan(4_000_000);
    expect(fake.syncCount).toBeGreaterThan(2);
    fake.resetSyncStats();
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe(big);
    expect(fake.maxResponseBytes).toBeLessThan(4_000_000);
    const sizedReads = fake.syncCount;
    // Without E1 (the largest chunk's wire size) a reader must assume 3 bytes per character: more, smaller reads.
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('_ledger_stats').getRange('E1').values = [['']];
      await context.sync();
    });
    fake.resetSyncStats();
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe(big);
    expect(fake.maxResponseBytes).toBeLessThan(4_000_000);
    expect(sizedReads).toBeLessThan(fake.syncCount);
  });

  it('keeps a baseline of Chinese text only within the limit in Office.js\'s own request format', async () => {
    // The worst case of the read blocks: every character 3 bytes in UTF-8.
    const { fake, port } = fakeWorkbook({ maxPayloadBytes: 5_000_000, payloadMeter: officeWireMeter(), sheets: { 台账: smallLedger() } });
    const chinese = JSON.stringify({ p: Array.from({ length: 50_000 }, (_, i) => `大连金州湾国际机场配套项目第${i}期工程中国华能集团有限公司`) });
    await port.writeState({ snapshot: chinese });
    expect(fake.maxRequestBytes).toBeLessThan(4_000_000);
    expect(fake.maxRequestBytes).toBeGreaterThan(1_000_000); // the meter ran
    fake.resetSyncStats();
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe(chinese);
    expect(fake.maxResponseBytes).toBeLessThan(4_000_000);
    expect(fake.maxResponseBytes).toBeGreaterThan(500_000);
    // listSheets reads the first 40 rows of every sheet, the state sheet's too: 8,000-character chunks keep that
    // under 1 MB (32,000-character chunks measured 3.12 MB here).
    fake.resetSyncStats();
    await createOfficeWorkbookPort().listSheets();
    expect(fake.maxResponseBytes).toBeLessThan(1_000_000);
  }, 60_000);

  it('reads and writes the rest of the state in round trips that do not grow with the baseline it has cached', async () => {
    const trips = async (projects: number): Promise<number[]> => {
      const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
      await port.writeState({ snapshot: bigSnapshot(projects) });
      fake.resetSyncStats();
      await port.readState();
      const read = fake.syncCount;
      fake.resetSyncStats();
      await port.writeState({ snapshot: bigSnapshot(projects), lastRefresh: 'x', settings: { ...DEFAULT_SETTINGS, decimals: 3 } });
      const written = [read, fake.syncCount, fake.maxRequestBytes];
      uninstallFakes();
      return written;
    };
    const [small, large] = [await trips(10), await trips(30_000)];
    expect(large.slice(0, 2)).toEqual(small.slice(0, 2));
    expect(large[0]).toBe(1); // the sheet list, with the head of the sheet where the port last found the state
    expect(large[2]).toBeLessThan(2_000); // the baseline is not written again
  });

  it('reads the baseline again when another runtime replaced it', async () => {
    const { port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: 'mine' });
    await createOfficeWorkbookPort().writeState({ snapshot: 'theirs' });
    expect((await port.readState()).snapshot).toBe('theirs');
    await createOfficeWorkbookPort().writeState({ snapshot: 'mine' });
    expect((await port.readState()).snapshot).toBe('mine');
  });

  it('keeps the previous baseline when a write is interrupted at any request', async () => {
    const big = bigSnapshot(60_000);
    const setUp = async () => {
      const w = fakeWorkbook({ sheets: { 台账: smallLedger() } });
      await w.port.writeState({ snapshot: 'old', lastRefresh: 'then' });
      w.fake.resetSyncStats();
      return w;
    };
    const { fake, port } = await setUp();
    await port.writeState({ snapshot: big, lastRefresh: 'now' });
    const requests = fake.syncCount;
    expect(requests).toBeGreaterThan(2); // the sheet list with the head, two blocks or more
    uninstallFakes();
    for (let n = 1; n <= requests; n++) {
      const { fake, port } = await setUp();
      fake.failAtSync(n);
      await expect(port.writeState({ snapshot: big, lastRefresh: 'now' })).rejects.toThrow();
      expect([n, (await createOfficeWorkbookPort().readState()).snapshot]).toEqual([n, 'old']);
      expect([n, (await port.readState()).snapshot]).toEqual([n, 'old']);
      uninstallFakes();
    }
  });

  it('writes without telling the pane the workbook changed, and leaves events as they were', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ lastRefresh: 'first' }); // the sheet exists before the watch starts
    const edits: (string | null)[] = [];
    const stop = await port.watchEdits((sheet) => edits.push(sheet));
    await port.writeState({ lastRefresh: 'x', snapshot: bigSnapshot(10) });
    await fake.flushEvents();
    expect([edits, fake.eventsEnabled]).toEqual([[], true]);
    await fake.simulateUserEdit('台账', 'B2', '改');
    expect(edits).toEqual(['台账']);
    await stop?.();
  });

  it('takes a user sheet named like the state sheet for what it is', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(), [STATE_SHEET_NAME]: [['我的数据']] } });
    await port.writeState({ lastRefresh: 'x' });
    expect(sheetSnapshot(fake, STATE_SHEET_NAME).values).toEqual([['我的数据']]);
    expect(stateSheets(fake).map((s) => s.name)).toEqual([`${STATE_SHEET_NAME}_2`]);
    expect((await createOfficeWorkbookPort().readState()).lastRefresh).toBe('x');
  });

  it('finds the state sheet again when it was renamed, or replaced by another sheet of its name, since the port last found it', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ lastRefresh: 'mine' });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem(STATE_SHEET_NAME).name = '改名';
    });
    expect((await port.readState()).lastRefresh).toBe('mine');
    await fake.run(async (context) => {
      context.workbook.worksheets.add(STATE_SHEET_NAME).getRange('A1').values = [['我的表']];
    });
    await port.writeState({ lastRefresh: 'again' });
    expect((await createOfficeWorkbookPort().readState()).lastRefresh).toBe('again');
    expect(sheetSnapshot(fake, STATE_SHEET_NAME).values).toEqual([['我的表']]);
    expect(stateSheets(fake).map((s) => s.name)).toEqual(['改名']);
  });

  it('finds the state sheet by its marker under another name', async () => {
    const { fake } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await cliStateSheet(fake, stateSheetCells(doc({ lastRefresh: 'cli', snapshot: 'base' }), 'r1'), '改名了');
    expect(await createOfficeWorkbookPort().readState()).toMatchObject({ lastRefresh: 'cli', snapshot: 'base' });
  });

  it('creates a visible, clearly named state sheet on ExcelApi 1.1, with a note', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.1', sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: 'abc' });
    expect(stateSheets(fake).map((s) => [s.name, s.visibility])).toEqual([[STATE_SHEET_NAME_VISIBLE, 'Visible']]);
    expect((await createOfficeWorkbookPort().readState()).snapshot).toBe('abc');
    const notes = port.capabilityNotes();
    expect(notes.map((n) => n.code)).toEqual(['state_sheet_visible']);
    expect(notes[0]?.message['zh-CN']).toContain(STATE_SHEET_NAME_VISIBLE);
    expect(notes[0]?.message['en-US']).toContain(STATE_SHEET_NAME_VISIBLE);
  });
});

describe('a format-1 state sheet (the CLI before issue 15)', () => {
  const old = {
    settings: { ...DEFAULT_SETTINGS, decimals: 3 },
    snapshot: '{"p":[["项目1"]]}',
    lastRefresh: '2025-06-30T00:00:00.000Z',
    owned: [{ role: 'summary', name: '汇总', sheetId: 4 }],
    marks: [],
  };

  it('is read', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await cliStateSheet(fake, format1Rows(old));
    expect(await port.readState()).toEqual({ settings: old.settings, snapshot: old.snapshot, lastRefresh: old.lastRefresh });
  });

  it('is rewritten in place as format 2 by the first write, keeping what it held', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await cliStateSheet(fake, format1Rows(old));
    await port.writeState({ lastRefresh: 'now' });
    const sheets = stateSheets(fake);
    expect(sheets.map((s) => [s.name, s.visibility, s.values[0]?.[1]])).toEqual([[STATE_SHEET_NAME, 'VeryHidden', 2]]);
    expect(await createOfficeWorkbookPort().readState()).toEqual({ settings: old.settings, snapshot: old.snapshot, lastRefresh: 'now' });
  });

  it('still reads as format 1 when the rewrite is interrupted', async () => {
    for (const n of [1, 2, 3, 4]) {
      const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
      await cliStateSheet(fake, format1Rows(old));
      fake.failAtSync(n);
      const ok = await port.writeState({ lastRefresh: 'now' }).then(
        () => true,
        () => false,
      );
      expect([n, await createOfficeWorkbookPort().readState()]).toEqual([n, { settings: old.settings, snapshot: old.snapshot, lastRefresh: ok ? 'now' : old.lastRefresh }]);
      uninstallFakes();
    }
  });

  it('makes the sheets it owned the owned ones, by name, when the workbook has no owner names', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(), 汇总: [['旧汇总']] } });
    await cliStateSheet(fake, format1Rows(old));
    await port.readState();
    expect((await port.listSheets()).map((s) => [s.name, s.ownedRole])).toEqual([
      ['台账', null],
      ['汇总', 'summary'],
    ]);
    // The rewrite as format 2 keeps them ours through an owner name.
    await port.writeState({ lastRefresh: 'now' });
    expect(fake.definedNames.find((n) => n.name === ownerName('summary'))?.formula).toMatch(/汇总/);
    const fresh = createOfficeWorkbookPort();
    await fresh.readState();
    expect((await fresh.listSheets()).find((s) => s.name === '汇总')?.ownedRole).toBe('summary');
  });

  it('does not claim a sheet by name for a role that has an owner name', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(), 汇总: [['旧汇总']], 汇总2: [['新']] } });
    await fake.run(async (context) => {
      context.workbook.names.add(ownerName('summary'), context.workbook.worksheets.getItem('汇总2').getRange('A1'));
    });
    await cliStateSheet(fake, format1Rows(old));
    await port.readState();
    expect((await port.listSheets()).map((s) => [s.name, s.ownedRole])).toEqual([
      ['台账', null],
      ['汇总', null],
      ['汇总2', 'summary'],
    ]);
  });
});

describe('migration of the state before issue 15', () => {
  const settings = { ...DEFAULT_SETTINGS, decimals: 2, lang: 'en-US' as const };
  const baseline = '{"p":[["<项目&1>"]]}';

  it('reads the old settings and baseline while there is no state sheet', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await oldState(fake, { settings, lastRefresh: 'then', parts: [baseline.slice(0, 7), baseline.slice(7)] });
    expect(await port.readState()).toEqual({ settings, snapshot: baseline, lastRefresh: 'then' });
    expect(stateSheets(fake)).toEqual([]);
  });

  it('writes the whole state into the state sheet on the first write, then removes the old state', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await oldState(fake, { settings, lastRefresh: 'then', parts: [baseline] });
    await createOfficeWorkbookPort().writeState({ lastRefresh: 'now' });
    expect(fake.snapshot().customXmlParts).toEqual([]);
    expect(Object.keys(fake.snapshot().settings).filter((k) => k.startsWith('ledgerStats.'))).toEqual([]);
    expect(stateSheets(fake)).toHaveLength(1);
    expect(await port.readState()).toEqual({ settings, snapshot: baseline, lastRefresh: 'now' });
  });

  it('keeps the old state when the first write is interrupted', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await oldState(fake, { settings, lastRefresh: 'then', parts: [baseline] });
    fake.failAtSync(3);
    await expect(createOfficeWorkbookPort().writeState({ lastRefresh: 'now' })).rejects.toThrow();
    expect(fake.snapshot().customXmlParts.map((p) => snapshotPartText(p.xml))).toEqual([baseline]);
    expect(await port.readState()).toEqual({ settings, snapshot: baseline, lastRefresh: 'then' });
    // The next write completes the migration over the half-written sheet.
    await port.writeState({ lastRefresh: 'now' });
    expect(stateSheets(fake)).toHaveLength(1);
    expect(await createOfficeWorkbookPort().readState()).toEqual({ settings, snapshot: baseline, lastRefresh: 'now' });
    expect(fake.snapshot().customXmlParts).toEqual([]);
  });
});

describe('old state left beside a state sheet', () => {
  it('is ignored by reads and removed by the next write', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger() } });
    await port.writeState({ snapshot: 'sheet', lastRefresh: 'sheet' });
    await oldState(fake, { settings: { ...DEFAULT_SETTINGS, decimals: 4 }, lastRefresh: 'old', parts: ['old'] });
    expect(await createOfficeWorkbookPort().readState()).toEqual({ settings: DEFAULT_SETTINGS, snapshot: 'sheet', lastRefresh: 'sheet' });
    await port.writeState({ lastRefresh: 'now' });
    expect(fake.snapshot().customXmlParts).toEqual([]);
    expect(fake.snapshot().settings).toEqual({});
    expect(await createOfficeWorkbookPort().readState()).toEqual({ settings: DEFAULT_SETTINGS, snapshot: 'sheet', lastRefresh: 'now' });
  });
});

describe('issue marks the CLI wrote', () => {
  const marks: MarkRecord[] = [{ sheet: '台账', severity: 'error', ref: 'C2:C3' }];

  /** A ledger with a CLI mark (an `=TRUE` rule with the error fill) and a rule of the user's own. */
  async function withCliMarks(caps: Partial<Capabilities> = {}) {
    const w = fakeWorkbook({ sheets: { 台账: smallLedger() } }, { capabilities: { ...detectCapabilitiesOf('1.16'), ...caps } });
    await w.fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('台账');
      const cli = sheet.getRange('C2:C3').conditionalFormats.add('Custom');
      cli.custom.rule.formula = '=TRUE';
      cli.custom.format.fill.color = '#FFC7CE';
      const user = sheet.getRange('B2:D4').conditionalFormats.add('Custom');
      user.custom.rule.formula = '=TRUE';
      user.custom.format.fill.color = '#00B050';
    });
    await cliStateSheet(w.fake, stateSheetCells(doc({ marks, lastRefresh: 'cli' }), 'r1'));
    return w;
  }

  const rules = (fake: FakeExcel) => sheetSnapshot(fake, '台账').conditionalFormats.map((f) => [f.address, f.rule.formula, f.format.fill]);

  it('are removed when the add-in marks, and the state records none', async () => {
    const { fake, port } = await withCliMarks();
    await port.readState();
    await port.markCells('台账', [{ address: 'F3', severity: 'warning' }]);
    expect(rules(fake)).toEqual([
      ['A1:F3', expect.stringContaining('MID('), '#FFEB9C'],
      ['B2:D4', '=TRUE', '#00B050'],
    ]);
    expect(stateSheets(fake)[0]?.values[2]?.[4]).toBe(0);
    expect((await createOfficeWorkbookPort().readState()).lastRefresh).toBe('cli');
  });

  it('are removed when the add-in clears its marks', async () => {
    const { fake, port } = await withCliMarks();
    await port.clearMarks();
    expect(rules(fake)).toEqual([['B2:D4', '=TRUE', '#00B050']]);
    expect(stateSheets(fake)[0]?.values[2]?.[4]).toBe(0);
  });

  it('stay below ExcelApi 1.6, with a note', async () => {
    const { fake, port } = await withCliMarks({ conditionalFormats: false });
    await port.clearMarks();
    expect(rules(fake)).toHaveLength(2);
    expect(port.capabilityNotes().map((n) => n.code)).toEqual(['cli_marks_left']);
  });
});

describe('dropState', () => {
  it('removes the state sheet, the old state and the marks, and keeps the owned sheets', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(), 汇总: [['汇总']] } });
    await fake.run(async (context) => {
      context.workbook.names.add(ownerName('summary'), context.workbook.worksheets.getItem('汇总').getRange('A1'));
    });
    await oldState(fake, { settings: DEFAULT_SETTINGS, parts: ['old'] });
    await port.writeState({ snapshot: 'baseline', lastRefresh: 'x' });
    await oldState(fake, { settings: DEFAULT_SETTINGS, parts: ['left over'] });
    await port.markCells('台账', [{ address: 'C2', severity: 'error' }]);
    await port.dropState();
    const snap = fake.snapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual(['台账', '汇总']);
    expect(snap.customXmlParts).toEqual([]);
    expect(Object.keys(snap.settings).filter((k) => k !== SETTING_KEYS.ownedSheets)).toEqual([]);
    expect(sheetSnapshot(fake, '台账').conditionalFormats).toEqual([]);
    expect(await createOfficeWorkbookPort().readState()).toEqual({ settings: DEFAULT_SETTINGS, snapshot: null, lastRefresh: null });
    expect((await createOfficeWorkbookPort().listSheets()).find((s) => s.name === '汇总')?.ownedRole).toBe('summary');
  });
});
