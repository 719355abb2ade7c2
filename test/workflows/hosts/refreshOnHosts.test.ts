/**
 * The refresh workflow on both hosts (issue 20): the fake Excel with the Office.js port and the fake ET with the
 * WPS 表格 port run the same tests (`describe.each(HOSTS)`), then workbooks go from one host to the other.
 */
import type { Grid } from '../../../src/domain/ledger/types';
import { SHEET_ROLES, type SheetRole } from '../../../src/domain';
import type { RefreshOptions, RunReport } from '../../../src/workflows/refresh';
import { ownerName } from '../../../src/workflows/ownerNames';
import { isRunNote } from '../../../src/workflows/runNotes';
import { SNAPSHOT_COLUMNS, STATE_COLUMNS, STATE_MARKER } from '../../../src/workflows/stateSheet';
import type { StoredState } from '../../../src/workflows/workbookPort';
import { LAST_MONTH, PERIODS_EXPECTED, THIS_MONTH } from '../../fixtures/periods';
import { realisticLedgerGrid } from '../../fixtures/realisticLedger';
import { etHost } from './etHost';
import { excelHost } from './excelHost';
import { HOSTS } from './hosts';
import { cliSummaryJson, SAMPLE_LEDGER, sampleWorkbook } from './sampleLedger';
import type { ExpressionFormat, HostWorkbook, ShownCell, SheetView, WorkflowHost } from './workflowHost';

const NOW = new Date(2025, 8, 30, 14, 5);
const options: RefreshOptions = { now: () => NOW, displayLanguage: 'zh-CN' };

/** The owned sheets by role, as the port lists them. */
async function ownedSheets(wb: HostWorkbook): Promise<Partial<Record<SheetRole, SheetView>>> {
  const infos = await wb.withPort((port) => port.listSheets());
  return Object.fromEntries(infos.flatMap((info) => (info.ownedRole === null ? [] : [[info.ownedRole, wb.readSheet(info.name)]])));
}

/** How many sheets the port lists for each owned role. */
async function roleCounts(wb: HostWorkbook): Promise<Partial<Record<SheetRole, number>>> {
  const counts: Partial<Record<SheetRole, number>> = {};
  for (const info of await wb.withPort((port) => port.listSheets())) if (info.ownedRole !== null) counts[info.ownedRole] = (counts[info.ownedRole] ?? 0) + 1;
  return counts;
}

/** The state sheets (A1 holds the marker). */
const stateSheets = (wb: HostWorkbook): SheetView[] => wb.listSheets().filter((s) => s.cells[0]?.[0] === STATE_MARKER);

/** The state sheets' head (A1:E1) and their settings, last-refresh and baseline columns, without trailing empty cells. */
const stateCells = (wb: HostWorkbook): { head: ShownCell[]; columns: ShownCell[][] }[] =>
  stateSheets(wb).map((s) => {
    const column = (c: number): ShownCell[] => {
      const cells = s.cells.slice(1).map((row) => row[c] ?? null);
      while (cells.length > 0 && cells.at(-1) === null) cells.pop();
      return cells;
    };
    const pointer = s.cells[0]?.[2];
    return {
      head: [...(s.cells[0] ?? [])],
      columns: [STATE_COLUMNS.settings, STATE_COLUMNS.lastRefresh, ...(pointer === 'C' || pointer === 'D' ? [SNAPSHOT_COLUMNS[pointer]] : [])].map(column),
    };
  });

/** Every sheet's name, hidden ones too, sorted. */
const sheetNames = (wb: HostWorkbook): string[] => wb.listSheets().map((s) => s.name).sort();

/**
 * Notes of a refresh that succeeded but left its previous sheets behind, under another name (the WPS port deletes the
 * old sheets last, after the new ones are complete: a failure there is this note).
 */
const LEFTOVER_NOTES: readonly string[] = ['wps_old_sheets_left'];

/** The sheets a user sees, in tab order. */
const visibleSheets = (wb: HostWorkbook): SheetView[] => wb.listSheets().filter((s) => s.visibility === 'visible');

const readState = (wb: HostWorkbook): Promise<StoredState> => wb.withPort((port) => port.readState());

/** A sheet name a host gives when the name is taken ("汇总 (2)"). */
const COPY_NAME = /\(\d+\)$/;

/** The 变动 sheet's rows. */
const changesSheet = (wb: HostWorkbook, report: RunReport): readonly (readonly ShownCell[])[] => wb.readSheet(report.sheets.changes ?? '').cells;
const rowOf = (rows: readonly (readonly ShownCell[])[], label: string): readonly ShownCell[] | undefined => rows.find((r) => r[0] === label);

describe.each(HOSTS)('refresh on $name', (host: WorkflowHost) => {
  it('gives the summary JSON of ledger-stats summarize --json for the sample ledger', async () => {
    const report = await host.openPortable(sampleWorkbook()).refresh(options);
    expect([report.ok, report.error]).toEqual([true, null]);
    expect(report.json).toEqual(await cliSummaryJson(SAMPLE_LEDGER, NOW));
  });

  it('gives the same workbook when run twice: one sheet of each role, none named "(2)", one state sheet', async () => {
    const wb = host.open({ 台账: realisticLedgerGrid() });
    await wb.refresh(options);
    const first = visibleSheets(wb);
    // The first refresh stores the period baseline; from the second on, the summary also shows the
    // changes against it (none here), so compare the second and third refreshes.
    await wb.refresh(options);
    const twice = wb.fullState();
    expect((await wb.refresh(options)).ok).toBe(true);
    expect(wb.fullState()).toEqual(twice);
    // The same sheets and charts as the first refresh made (the hosts keep hidden sheets in other places of the tab order).
    expect(visibleSheets(wb).map((s) => [s.name, s.charts])).toEqual(first.map((s) => [s.name, s.charts]));
    expect(Object.values(await roleCounts(wb)).every((n) => n === 1)).toBe(true);
    expect(await roleCounts(wb)).toEqual(expect.objectContaining({ summary: 1, validation: 1 }));
    expect(wb.listSheets().filter((s) => COPY_NAME.test(s.name))).toEqual([]);
    expect(wb.listSheets().filter((s) => s.name.startsWith('汇总'))).toHaveLength(1);
    expect(stateSheets(wb).map((s) => s.visibility)).toEqual(['veryHidden']);
    // Recognised by the owner names (hidden), never by the sheet names.
    expect(wb.toPortable().names).toContainEqual({ name: ownerName('summary'), refersTo: expect.stringMatching(/^='?汇总'?!\$A\$1$/), visible: false });
  });

  it('keeps a user sheet named 汇总, made before the first refresh, and gives the summary another name', async () => {
    const wb = host.open({ 台账: realisticLedgerGrid(), 汇总: [['我自己的汇总', 42]] });
    const mine = wb.readSheet('汇总');
    expect(mine.cells).toEqual([['我自己的汇总', 42]]);
    const report = await wb.refresh(options);
    expect(report.sheets.summary).toBe('汇总 (2)');
    expect(wb.readSheet('汇总')).toEqual(mine);
    expect((await wb.refresh(options)).sheets.summary).toBe('汇总 (2)');
    expect(wb.readSheet('汇总')).toEqual(mine);
    expect(wb.listSheets().filter((s) => s.name.startsWith('汇总')).map((s) => s.name)).toEqual(['汇总', '汇总 (2)']);
    expect((await ownedSheets(wb)).summary?.name).toBe('汇总 (2)');
  });

  // Moved here from test/workflows/refresh.test.ts (fake Excel, every round trip) and test/wps/etWorkbookPort.test.ts
  // (fake ET, every structural change and a dozen cell writes), with the assertions of both.
  it('fails with everything as it was, or completes with a note, whichever step fails; the next refresh gives the usual workbook', async () => {
    const probe = host.open({ 台账: realisticLedgerGrid() });
    await probe.refresh(options);
    await probe.refresh(options);
    const usual = probe.fullState();
    const usualSheets = sheetNames(probe);
    const steps = await probe.recordSteps(() => probe.refresh(options));
    expect(probe.fullState()).toEqual(usual);
    const structural = steps.filter((s) => s.structural).map((s) => s.index);
    expect(structural.length).toBeGreaterThan(5);
    // Every structural step (each Office.js round trip is one), the first cell write after each of them (the state
    // is written after the sheets' last change), and a dozen cell writes spread over the run.
    const every = Math.max(1, Math.floor(steps.length / 12));
    const after = structural.map((i) => i + 1).filter((i) => i <= steps.length);
    const spread = steps.filter((s) => (s.index - 1) % every === 0).map((s) => s.index);
    const points = [...new Set([...structural, ...after, ...spread, steps.length])].sort((a, b) => a - b);
    const outcomes = new Set<string>();
    let leftBehind = 0;
    for (const n of points) {
      const wb = host.open({ 台账: realisticLedgerGrid() });
      await wb.refresh(options);
      expect((await wb.refresh(options)).ok).toBe(true);
      const before = wb.fullState();
      const stateBefore = await readState(wb);
      wb.failAt(n);
      const report = await wb.refresh(options);
      wb.failAt(null);
      const runNotes = report.notes.filter(isRunNote).map((note) => note.code);
      const leftOld = report.notes.some((note) => LEFTOVER_NOTES.includes(note.code));
      const step = [n, steps[n - 1]?.kind];
      if (!report.ok) {
        // Failed before the summaries were written: nothing changed, and the report says so.
        expect([...step, report.error?.code, runNotes]).toEqual([...step, host.failedStepCode, []]);
        expect([...step, wb.fullState()]).toEqual([...step, before]);
        expect([...step, await readState(wb)]).toEqual([...step, stateBefore]);
        outcomes.add('failed');
      } else {
        // The summaries were written: done, with a note for the step that failed after them; nothing else left behind.
        expect([...step, report.sheets.summary]).toEqual([...step, '汇总']);
        if (!leftOld) expect([...step, sheetNames(wb)]).toEqual([...step, usualSheets]);
        if (runNotes.includes('marks_failed')) expect([...step, (await readState(wb)).lastRefresh]).toEqual([...step, NOW.toISOString()]);
        outcomes.add(runNotes.join(',') || 'no note');
      }
      expect([...step, (await wb.refresh(options)).ok]).toEqual([...step, true]);
      // Old summaries left behind are gone too: the next refresh deletes them.
      expect([...step, wb.fullState()]).toEqual([...step, usual]);
      if (leftOld) leftBehind++;
    }
    // The state is written after the summaries, and the marks: a failure there is a note.
    expect([...outcomes].sort()).toEqual(['failed', 'marks_failed', 'no note', 'state_not_saved']);
    // The WPS port deletes the old sheets last: failing that leaves them behind (with a note) on that host only.
    expect(leftBehind > 0).toBe(host.leavesOldSheets);
  }, 180_000); // ~60 failure points of 4 refreshes each: 15 s on the shared 2-core machine

  it('compares with the period baseline on 变动 after the ledger was edited, and keeps the baseline', async () => {
    const wb = host.open({ 台账: LAST_MONTH });
    const first = await wb.refresh(options);
    expect([first.ok, first.changes?.deltas ?? null]).toEqual([true, null]);
    const baseline = (await readState(wb)).snapshot;
    expect(baseline).not.toBeNull();
    await wb.editCells('台账', THIS_MONTH);
    const second = await wb.refresh(options);
    expect(second.ok).toBe(true);
    expect(second.changes?.deltas).toEqual(PERIODS_EXPECTED.deltas);
    expect(second.changes?.diff?.added.map((p) => p.name)).toEqual(PERIODS_EXPECTED.added.map((p) => p.name));
    expect(second.changes?.diff?.removed.map((p) => p.name)).toEqual(PERIODS_EXPECTED.removed.map((p) => p.name));
    expect((await readState(wb)).snapshot).toBe(baseline);
    const shown = changesSheet(wb, second).flat();
    for (const p of [...PERIODS_EXPECTED.added, ...PERIODS_EXPECTED.removed]) expect([p.name, shown.includes(p.name)]).toEqual([p.name, true]);
  });

  // Moved from test/workflows/refreshChangesByDistrict.test.ts (issue 18), which ran on the fake Excel only.
  describe('a ledger of several districts', () => {
    const HEADER = ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '总投资（万元）', '累计完成投资（万元）'];
    const BASELINE: Grid = [
      HEADER,
      [1, '太平湾风电母港产业园', '招商局集团', '工业', '前期', '瓦房店市', 800_000, 0],
      [2, '长海大桥主线钢栈桥', '中国交建', '交通', '在建', '长海县', 1_200_000, 150_000],
      [3, '中储大连物流园', '中国交建', '仓储物流', '签约', '甘井子区', 60_000, 0],
      [4, '中粮油脂大连饲料蛋白加工项目', '中粮集团', '工业', '在建', '甘井子区', 300_000, 120_000],
    ];
    // Since the baseline: 风电母港 前期 → 开工 (瓦房店市); 长海大桥 invested 150,000 → 180,000 (长海县);
    // 中储物流园 removed (甘井子区); 金州湾机场 added (金州区, which the ledger reader names 金普新区); 中粮 unchanged.
    const EDITED: Grid = [
      HEADER,
      [1, '太平湾风电母港产业园', '招商局集团', '工业', '开工', '瓦房店市', 800_000, 0],
      [2, '长海大桥主线钢栈桥', '中国交建', '交通', '在建', '长海县', 1_200_000, 180_000],
      [3, '大连金州湾国际机场', '中国建筑', '交通', '前期', '金州区', 2_630_000, 0],
      [4, '中粮油脂大连饲料蛋白加工项目', '中粮集团', '工业', '在建', '甘井子区', 300_000, 120_000],
    ];
    const settings: RefreshOptions = { now: () => NOW, settings: { lang: 'zh-CN' } };

    it('shows the changes since the baseline per district on 变动, and each listed project with its district', async () => {
      const wb = host.open({ 台账: BASELINE });
      expect((await wb.refresh(settings)).ok).toBe(true);
      await wb.editCells('台账', EDITED);
      const report = await wb.refresh(settings);
      expect(report.ok).toBe(true);
      const values = changesSheet(wb, report);
      expect(rowOf(values, '分区县变动')).toBeDefined();
      expect(rowOf(values, '金普新区')).toEqual(['金普新区', 1, 0, 0, 0]);
      expect(rowOf(values, '甘井子区')).toEqual(['甘井子区', 0, 1, 0, 0]);
      expect(rowOf(values, '瓦房店市')).toEqual(['瓦房店市', 0, 0, 1, 0]);
      expect(rowOf(values, '长海县')).toEqual(['长海县', 0, 0, 0, 1]);
      expect(values.find((r) => r[1] === '中储大连物流园')?.at(-1)).toBe('甘井子区');
      expect(values.find((r) => r[1] === '大连金州湾国际机场')?.at(-1)).toBe('金普新区');
      expect(rowOf(values, '合计')).toEqual(['合计', 1, 1, 1, 1]);
      expect(values.find((r) => r[1] === '太平湾风电母港产业园')?.at(-1)).toBe('瓦房店市');
    });

    it('keeps 变动 ungrouped for a ledger of one district', async () => {
      const oneDistrict = (g: Grid): Grid => g.map((row, i) => (i === 0 ? row : row.map((c, col) => (col === 5 ? '甘井子区' : c))));
      const wb = host.open({ 台账: oneDistrict(BASELINE) });
      await wb.refresh(settings);
      await wb.editCells('台账', oneDistrict(EDITED));
      const report = await wb.refresh(settings);
      const values = changesSheet(wb, report);
      expect(report.changes?.diff?.added).toHaveLength(1);
      expect(rowOf(values, '分区县变动')).toBeUndefined();
      expect(values.find((r) => r[1] === '大连金州湾国际机场')?.at(-1)).toBe(0);
    });
  });
});

describe('refresh on both hosts', () => {
  it('gives the same summary JSON, the same owned sheets and the same state sheet cells for the sample ledger on both hosts', async () => {
    const excel = sampleOn(excelHost);
    const et = sampleOn(etHost);
    const [a, b] = [await excel.refresh(options), await et.refresh(options)];
    expect(a.json).not.toBeNull();
    expect(b.json).toEqual(a.json);
    expect(b.sheets).toEqual(a.sheets);
    expect(await ownedSheets(et)).toEqual(await ownedSheets(excel));
    // The baseline's revision (D1) included: both hosts derive it from the baseline. (The marks column differs: the
    // Office.js add-in records its marks elsewhere.)
    expect(stateSheets(et)[0]?.cells[0]?.[3]).toEqual(expect.any(String));
    expect(stateCells(et)).toEqual(stateCells(excel));
  });

  it('writes a replaced baseline to the other column and empties the previous one, alike on both hosts', async () => {
    const excel = sampleOn(excelHost);
    const et = sampleOn(etHost);
    for (const wb of [excel, et]) {
      await wb.refresh(options);
      const first = (await wb.withPort((port) => port.readState())).snapshot;
      expect(first).not.toBeNull();
      // Another baseline (taken a month later), written over the first as a refresh that stores a new one does.
      const next = JSON.stringify({ ...(JSON.parse(first ?? '{}') as object), at: '2025-10-31T01:00:00.000Z' });
      await wb.withPort((port) => port.writeState({ snapshot: next }));
      expect((await wb.withPort((port) => port.readState())).snapshot).toBe(next);
    }
    /** Both baseline columns (C and D) from the chunk counts in row 3 down, trailing empty cells dropped. */
    const baselineColumns = (wb: HostWorkbook): ShownCell[][] =>
      stateSheets(wb).flatMap((s) =>
        [SNAPSHOT_COLUMNS.C, SNAPSHOT_COLUMNS.D].map((c) => {
          const cells = s.cells.slice(2).map((row) => row[c] ?? null);
          while (cells.length > 0 && cells.at(-1) === null) cells.pop();
          return cells;
        }),
      );
    const columns = baselineColumns(excel);
    // D holds the new baseline; C only its count, 0.
    expect(stateSheets(excel)[0]?.cells[0]?.[2]).toBe('D');
    expect(columns[0]).toEqual([0]);
    expect(columns[1]?.length).toBeGreaterThan(1);
    expect(baselineColumns(et)).toEqual(columns);
    expect(stateSheets(et)[0]?.cells[0]).toEqual(stateSheets(excel)[0]?.cells[0]);
  });

  it.each([
    ['Excel', 'WPS 表格', excelHost, etHost],
    ['WPS 表格', 'Excel', etHost, excelHost],
  ] as const)('refreshed in %s, then in %s: one sheet of each role and the same state', async (_from, _to, from: WorkflowHost, to: WorkflowHost) => {
    const there = sampleOn(from);
    await there.refresh(options);
    const baseline = (await readState(there)).snapshot;
    const moved = to.openPortable(there.toPortable());
    // A day later, on both: the baseline of the first refresh is compared with and kept, not taken again.
    const later: RefreshOptions = { ...options, now: () => new Date(NOW.getTime() + 86_400_000) };
    await there.refresh(later);
    const report = await moved.refresh(later);
    expect([report.ok, report.error]).toEqual([true, null]);
    expect(report.changes?.baselineAt).toBe(NOW.toISOString());
    expect((await readState(moved)).snapshot).toBe(baseline);
    expect(report.sheets).toEqual({ ...(await ownedSheetNames(there)) });
    expect(Object.values(await roleCounts(moved)).every((n) => n === 1)).toBe(true);
    expect(moved.listSheets().filter((s) => COPY_NAME.test(s.name))).toEqual([]);
    expect(stateSheets(moved)).toHaveLength(1);
    // The same settings, time and baseline.
    expect(await readState(moved)).toEqual(await readState(there));
    expect(await ownedSheets(moved)).toEqual(await ownedSheets(there));
    // The sheets a user sees, in tab order (each host puts its hidden sheets where it creates them).
    expect(visibleSheets(moved).map((s) => s.name)).toEqual(visibleSheets(there).map((s) => s.name));
  });

  /** Refresh the realistic ledger in `from`, open the file in `to` and refresh it there. */
  const marksAfterMove = async (from: WorkflowHost, to: WorkflowHost): Promise<{ moved: ExpressionFormat[]; only: ExpressionFormat[] }> => {
    const there = from.open({ 台账: realisticLedgerGrid() });
    await there.refresh(options);
    expect(there.conditionalFormats('台账').length).toBeGreaterThan(0);
    const moved = to.openPortable(there.toPortable());
    expect(moved.conditionalFormats('台账').length).toBeGreaterThan(0); // the marks crossed with the file
    expect((await moved.refresh(options)).ok).toBe(true);
    const only = to.open({ 台账: realisticLedgerGrid() });
    await only.refresh(options);
    return { moved: moved.conditionalFormats('台账'), only: only.conditionalFormats('台账') };
  };

  it("replaces the WPS port's marks when the workbook is refreshed in Excel: the ledger has Excel's marks only", async () => {
    const { moved, only } = await marksAfterMove(etHost, excelHost);
    expect(moved).toEqual(only);
  });

  // The Office.js add-in's two rules over the whole ledger (`=MID('_ledger_marks'!$B1,COLUMN(),1)="e"`/`"w"`,
  // markRuleSheet.ts) would keep showing the Excel refresh's flags, which WPS never updates: its markCells removes them.
  it("replaces the Office.js add-in's marks when the workbook is refreshed in WPS 表格: the ledger has the WPS marks only", async () => {
    const { moved, only } = await marksAfterMove(excelHost, etHost);
    expect(moved).toEqual(only);
  });
});

/** The sample ledger open in `host`. */
function sampleOn(host: WorkflowHost): HostWorkbook {
  return host.openPortable(sampleWorkbook());
}

async function ownedSheetNames(wb: HostWorkbook): Promise<Partial<Record<SheetRole, string>>> {
  const owned = await ownedSheets(wb);
  return Object.fromEntries(SHEET_ROLES.flatMap((role) => (owned[role] === undefined ? [] : [[role, owned[role].name]])));
}
