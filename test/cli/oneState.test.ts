/**
 * One state across hosts (issue 15): a workbook refreshed in turn by the CLI and by the add-in
 * (the fake Excel, through `xlsxBridge`) keeps one of each owned sheet, one state sheet, owner
 * names on the right sheets, and the period baseline of the first refresh.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseSnapshot } from '../../src/domain/diff';
import { KEY_FIGURE_NAMES } from '../../src/domain/layout';
import { baselineRevision } from '../../src/workflows/baselineRevision';
import { ownerName } from '../../src/workflows/ownerNames';
import { formatAsOf } from '../../src/workflows/formatAsOf';
import { readStateSheet, STATE_MARKER, type StateSheetDoc } from '../../src/workflows/stateSheet';
import { parseAddress } from '../fakes/excel/address';
import type { FakeExcel } from '../fakes/fakeExcel';
import { fakeFromXlsx, fakeToXlsx } from '../fakes/xlsxBridge';
import { openInAddin, refreshInAddin } from './addinRefresh';
import { ensureCliBuilt, ROOT, runCli } from './cliHarness';

/** The owned sheets every refresh of the sample ledger writes, by role. */
const OWNED = { summary: '汇总', validation: '校验结果', changes: '变动' } as const;

const SAMPLE = join(ROOT, 'assets', 'sample-ledger.xlsx');
let dir: string;
/** The sample ledger's project count, as `summarize --json` gives it. */
let sampleProjects: number;
beforeAll(async () => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ledger-one-state-'));
  const run = await runCli(['summarize', SAMPLE, '--json']);
  sampleProjects = (JSON.parse(run.stdout) as { totals: { projects: number } }).totals.projects;
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `ledger-stats refresh input -o output`, which must succeed without a word on stderr. */
async function cliRefresh(input: string, output: string): Promise<void> {
  const run = await runCli(['refresh', input, '-o', output, '--force']);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
}

/**
 * The add-in's refresh of a fake, a few milliseconds after whatever ran before (the pane's clock is
 * the real one). Returns the baseline time the refresh compared with and the time it ran.
 */
async function addinRefresh(fake: FakeExcel): Promise<{ baselineAt: string | null; refreshedAt: string }> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const report = await refreshInAddin(fake);
  expect(report.error).toBeNull();
  return { baselineAt: report.changes?.baselineAt ?? null, refreshedAt: report.refreshedAt };
}

/** What a workbook holds of the one state, as Excel shows it (a file is opened in the fake first). */
interface StateFacts {
  readonly sheetNames: string[];
  /** Names of the sheets whose A1 is the state marker. */
  readonly stateSheets: string[];
  readonly state: StateSheetDoc | null;
  /** When the stored baseline was taken (`takenAt` of its snapshot). */
  readonly baselineTakenAt: string | null;
  /** D1, the baseline's revision. */
  readonly revision: unknown;
  /** The sheet each role's owner name points at. */
  readonly owners: Record<string, string | null>;
  /** The 变动 sheet's texts. */
  readonly changesTexts: string[];
  /** Each key-figure name's workbook-scoped definitions: the sheet it points at and the value there. */
  readonly keyFigures: Record<string, { sheet: string | null; value: unknown }[]>;
}

function stateFacts(fake: FakeExcel): StateFacts {
  const snapshot = fake.snapshot();
  const stateSheets = snapshot.sheets.filter((s) => s.values[0]?.[0] === STATE_MARKER);
  const grid = stateSheets[0]?.values ?? [];
  const state = stateSheets.length === 0 ? null : readStateSheet((row, col) => grid[row]?.[col] ?? null);
  const takenAt = parseSnapshot(state?.snapshot)?.takenAt ?? null;
  const owners: Record<string, string | null> = {};
  for (const role of Object.keys(OWNED)) {
    const name = fake.definedNames.find((n) => n.name === ownerName(role as keyof typeof OWNED) && n.scope === null);
    const sheet = name === undefined ? null : /^='?((?:[^']|'')+?)'?!\$A\$1$/.exec(name.formula);
    owners[role] = sheet === null || sheet === undefined ? null : (sheet[1] ?? '').replace(/''/g, "'");
  }
  const changes = snapshot.sheets.find((s) => s.name === OWNED.changes);
  const keyFigures: StateFacts['keyFigures'] = {};
  for (const figure of Object.values(KEY_FIGURE_NAMES)) {
    keyFigures[figure] = fake.definedNames
      .filter((n) => n.name === figure && n.scope === null)
      .map((n) => {
        const at = parseAddress(n.formula.replace(/^=/, ''));
        const sheet = at?.sheet ?? null;
        return { sheet, value: at === null || sheet === null ? null : fake.getSheetValues(sheet)[at.rect.r0]?.[at.rect.c0] };
      });
  }
  return {
    sheetNames: snapshot.sheets.map((s) => s.name),
    stateSheets: stateSheets.map((s) => s.name),
    state,
    baselineTakenAt: takenAt,
    revision: grid[0]?.[3] ?? null,
    owners,
    changesTexts: (changes?.values ?? []).flat().filter((v): v is string => typeof v === 'string'),
    keyFigures,
  };
}

/**
 * The checks of issue 15 on a workbook after several refreshes: the first took the baseline at
 * `firstTakenAt`; the last stored its time in the one state, `at` a known time (the add-in's report)
 * or `after` the refresh before it (the CLI's, whose clock the test does not see).
 */
function expectOneState(facts: StateFacts, firstTakenAt: string, last: { after: string } | { at: string }): void {
  // The key-figure names, once each, on 汇总, where the project count is summarize's.
  for (const [name, definitions] of Object.entries(facts.keyFigures)) expect([name, definitions.map((d) => d.sheet)]).toEqual([name, [OWNED.summary]]);
  expect(facts.keyFigures[KEY_FIGURE_NAMES.projects]?.[0]?.value).toBe(sampleProjects);
  for (const sheet of Object.values(OWNED)) expect([sheet, facts.sheetNames.filter((n) => n === sheet || n.startsWith(`${sheet} (`))]).toEqual([sheet, [sheet]]);
  expect(facts.sheetNames.filter((n) => / \(\d+\)$/.test(n))).toEqual([]);
  expect(facts.stateSheets).toHaveLength(1);
  expect(facts.state).not.toBeNull();
  if ('at' in last) expect(facts.state?.lastRefresh).toBe(last.at);
  else expect([facts.state?.lastRefresh, (facts.state?.lastRefresh ?? '') > last.after]).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT/), true]);
  expect(facts.baselineTakenAt).toBe(firstTakenAt);
  // Whichever host wrote the baseline, D1 is its revision as every host works it out.
  expect(facts.revision).toBe(baselineRevision(facts.state?.snapshot ?? ''));
  expect(facts.owners).toEqual(OWNED);
  expect(facts.changesTexts.some((t) => t.startsWith(`基线：${formatAsOf(new Date(firstTakenAt), 'zh-CN')}`))).toBe(true);
}

describe('one state across the CLI and the add-in', () => {
  it('CLI, then the add-in, then the CLI: one of each owned sheet, one state, the first baseline', async () => {
    const ledger = join(dir, 'cli-first.xlsx');
    copyFileSync(SAMPLE, ledger);
    const first = join(dir, 'cli-first.1.xlsx');
    await cliRefresh(ledger, first);
    const firstFacts = stateFacts(fakeFromXlsx(first));
    expect(firstFacts.stateSheets).toHaveLength(1);
    expect(firstFacts.revision).toBe(baselineRevision(firstFacts.state?.snapshot ?? ''));
    const takenAt = firstFacts.baselineTakenAt;
    expect(takenAt).not.toBeNull();

    const fake = openInAddin(first);
    const addin = await addinRefresh(fake);
    // The add-in compared with the CLI's baseline, and wrote its refresh into the same state.
    expect(addin.baselineAt).toBe(takenAt);
    expectOneState(stateFacts(fake), takenAt!, { at: addin.refreshedAt });
    const second = join(dir, 'cli-first.2.xlsx');
    await fakeToXlsx(fake, second);

    const third = join(dir, 'cli-first.3.xlsx');
    await cliRefresh(second, third);
    expectOneState(stateFacts(fakeFromXlsx(third)), takenAt!, { after: addin.refreshedAt });
  }, 60_000);

  it('the add-in, then the CLI, then the add-in: one of each owned sheet, one state, the first baseline', async () => {
    const fake = openInAddin(SAMPLE);
    const addin = await addinRefresh(fake);
    const takenAt = stateFacts(fake).baselineTakenAt;
    expect(takenAt).not.toBeNull();
    expect(addin.baselineAt).toBe(takenAt);
    const first = join(dir, 'addin-first.1.xlsx');
    await fakeToXlsx(fake, first);

    const second = join(dir, 'addin-first.2.xlsx');
    await cliRefresh(first, second);
    const cli = stateFacts(fakeFromXlsx(second));
    expectOneState(cli, takenAt!, { after: addin.refreshedAt });

    const again = openInAddin(second);
    const addinAgain = await addinRefresh(again);
    expect(addinAgain.baselineAt).toBe(takenAt);
    expectOneState(stateFacts(again), takenAt!, { at: addinAgain.refreshedAt });
    expect(addinAgain.refreshedAt > (cli.state?.lastRefresh ?? '')).toBe(true);
  }, 60_000);
});
