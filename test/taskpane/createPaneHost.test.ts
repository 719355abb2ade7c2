import { createPaneHost, WATCH_UNSUPPORTED } from '../../src/taskpane/createPaneHost';
import type { Grid } from '../../src/domain/ledger/types';
import { DEFAULT_SETTINGS, type SheetInfo, type StoredState, type WorkbookPort } from '../../src/workflows/workbookPort';

const LEDGER_PREVIEW: Grid = [
  ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）'],
  [1, '大连湾海底隧道', '中交集团', '交通', '在建', 12.5],
];

const SHEETS: readonly SheetInfo[] = [
  { name: '台账', ownedRole: null, rowCount: 2, columnCount: 6, tables: [], preview: LEDGER_PREVIEW },
  { name: '汇总', ownedRole: 'summary', rowCount: 20, columnCount: 8, tables: [], preview: [] },
  { name: '备忘', ownedRole: null, rowCount: 1, columnCount: 1, tables: [], preview: [['随手记']] },
];

/**
 * A port that records calls; `listSheets` can be held open to keep a refresh running. With
 * `ledger`, `readGrid` returns the preview ledger (a refresh succeeds); without, it fails.
 */
function fakePort(initial: Partial<StoredState> = {}, { ledger = false, onClearMarks = () => undefined }: { ledger?: boolean; onClearMarks?: () => void } = {}) {
  let state: StoredState = { settings: DEFAULT_SETTINGS, snapshot: null, lastRefresh: null, ...initial };
  const log: string[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const port: WorkbookPort = {
    listSheets: async () => {
      log.push('listSheets');
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return SHEETS;
    },
    readGrid: async () => {
      log.push('readGrid');
      if (!ledger) throw new Error('not used');
      return { sheet: '台账', grid: LEDGER_PREVIEW };
    },
    applySheetPlans: async () => ({}),
    markCells: async () => undefined,
    clearMarks: async () => {
      log.push('clearMarks');
      onClearMarks();
    },
    readState: async () => {
      log.push('readState');
      return state;
    },
    writeState: async (patch) => {
      await new Promise((r) => setTimeout(r, 5));
      log.push(`writeState:${Object.keys(patch).join(',')}`);
      state = { ...state, ...patch };
    },
    selectCell: async (sheet, address) => void log.push(`select:${sheet}!${address}`),
    capabilityNotes: () => [],
  };
  return {
    port,
    log,
    state: () => state,
    holdListSheets: () => (hold = true),
    releaseListSheets: () => {
      hold = false;
      release?.();
    },
  };
}

/** An edit source the test fires by hand. */
function fakeEdits() {
  let emit: ((sheet: string | null) => void) | null = null;
  return {
    watchEdits: async (onEdit: (sheet: string | null) => void) => {
      emit = onEdit;
      return async () => {
        emit = null;
      };
    },
    edit: (sheet: string | null) => emit?.(sheet),
  };
}

describe('createPaneHost', () => {
  it('merges a settings change into the stored settings', async () => {
    const { port, state } = fakePort();
    const host = createPaneHost({ port });
    const saved = await host.saveSettings({ soeAttribution: 'split' });
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, soeAttribution: 'split' });
    await host.saveSettings({ decimals: 2 });
    expect(state().settings).toEqual({ ...DEFAULT_SETTINGS, soeAttribution: 'split', decimals: 2 });
  });

  it('runs a refresh after the settings saved before it', async () => {
    const { port, log } = fakePort();
    const host = createPaneHost({ port });
    const save = host.saveSettings({ decimals: 2 });
    const report = await host.refresh(() => undefined);
    await save;
    expect(log.slice(0, 3)).toEqual(['readState', 'writeState:settings', 'readState']);
    expect(report.ok).toBe(false);
  });

  it('reports progress and returns a failed report instead of throwing', async () => {
    const { port } = fakePort();
    const stages: string[] = [];
    const report = await createPaneHost({ port }).refresh((p) => stages.push(p.stage));
    expect(stages[0]).toBe('reading');
    expect(stages.at(-1)).toBe('done');
    expect(report.error?.code).toBe('internal');
  });

  it('lets the pane paint before each workbook call of a refresh', async () => {
    const { port, log } = fakePort();
    const yieldToUi = async (): Promise<void> => void log.push('paint');
    await createPaneHost({ port, yieldToUi }).refresh(() => undefined);
    expect(log.slice(0, 4)).toEqual(['paint', 'readState', 'paint', 'listSheets']);
  });

  it('selects a cell through the port', async () => {
    const { port, log } = fakePort();
    await createPaneHost({ port }).selectCell('台账', 'F12');
    expect(log).toEqual(['select:台账!F12']);
  });

  it('says edits cannot be watched when the host has no change events', async () => {
    const { port } = fakePort();
    const watch = await createPaneHost({ port }).onLedgerChanged(() => undefined);
    expect(watch.note).toEqual(WATCH_UNSUPPORTED);
  });

  it('degrades to the note when subscribing fails', async () => {
    const { port } = fakePort();
    const watchEdits = async (): Promise<null> => {
      throw new Error('GeneralException');
    };
    const watch = await createPaneHost({ port, watchEdits }).onLedgerChanged(() => undefined);
    expect(watch.note).toEqual(WATCH_UNSUPPORTED);
  });

  it('reports the user’s edits of the ledger sheet', async () => {
    const { port } = fakePort();
    const edits = fakeEdits();
    const host = createPaneHost({ port, watchEdits: edits.watchEdits });
    const seen: number[] = [];
    const watch = await host.onLedgerChanged(() => seen.push(1));
    expect(watch.note).toBeNull();
    await host.inspectSource();
    edits.edit('台账');
    edits.edit(null);
    expect(seen).toHaveLength(2);
    await watch.stop();
    edits.edit('台账');
    expect(seen).toHaveLength(2);
  });

  it('ignores edits on the sheets it owns and on unrelated sheets', async () => {
    const { port } = fakePort();
    const edits = fakeEdits();
    const host = createPaneHost({ port, watchEdits: edits.watchEdits });
    let seen = 0;
    await host.onLedgerChanged(() => (seen += 1));
    await host.inspectSource();
    edits.edit('汇总');
    edits.edit('备忘');
    expect(seen).toBe(0);
  });

  it('ignores edits during a refresh and just after it (the add-in’s own writes)', async () => {
    const fake = fakePort();
    const edits = fakeEdits();
    let clock = 1000;
    const host = createPaneHost({ port: fake.port, watchEdits: edits.watchEdits, quietMs: 500, now: () => clock });
    let seen = 0;
    await host.onLedgerChanged(() => (seen += 1));
    fake.holdListSheets();
    const running = host.refresh(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    edits.edit('台账');
    fake.releaseListSheets();
    await running;
    edits.edit('台账');
    expect(seen).toBe(0);
    clock += 501;
    edits.edit('台账');
    expect(seen).toBe(1);
  });

  it('starts a new period over the port, after the settings saved before it', async () => {
    const { port, log, state } = fakePort({ snapshot: 'OLD' }, { ledger: true });
    const host = createPaneHost({ port });
    const save = host.saveSettings({ decimals: 2 });
    const stages: string[] = [];
    const report = await host.startNewPeriod((p) => stages.push(p.stage));
    await save;
    expect(log.slice(0, 4)).toEqual(['readState', 'writeState:settings', 'readState', 'writeState:snapshot']);
    expect(report.ok).toBe(true);
    expect(report.changes?.deltas).toBeNull();
    expect(stages[0]).toBe('reading');
    expect(stages.at(-1)).toBe('done');
    // The ledger as it is now is the new baseline.
    expect(state().snapshot).not.toBeNull();
    expect(state().snapshot).not.toBe('OLD');
  });

  it('keeps the old baseline when the new period’s refresh fails, and never rejects', async () => {
    const { port, state } = fakePort({ snapshot: 'OLD' });
    const report = await createPaneHost({ port }).startNewPeriod(() => undefined);
    expect(report.ok).toBe(false);
    expect(state().snapshot).toBe('OLD');
  });

  it('clears the marks after a running refresh, and takes the edits it makes as its own', async () => {
    const edits = fakeEdits();
    const fake = fakePort({}, { onClearMarks: () => edits.edit('台账') });
    let clock = 1000;
    const host = createPaneHost({ port: fake.port, watchEdits: edits.watchEdits, quietMs: 500, now: () => clock });
    let seen = 0;
    await host.onLedgerChanged(() => (seen += 1));
    await host.inspectSource();
    fake.holdListSheets();
    const running = host.refresh(() => undefined);
    const clearing = host.clearMarks();
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.log).not.toContain('clearMarks');
    fake.releaseListSheets();
    await running;
    await clearing;
    expect(fake.log.at(-1)).toBe('clearMarks');
    // Past the refresh's quiet period, clearing's own edit (restored fills) is still not the user's.
    clock += 501;
    await host.clearMarks();
    expect(seen).toBe(0);
    clock += 501;
    edits.edit('台账');
    expect(seen).toBe(1);
  });
});
