import type { PlanBlock, SheetPlan } from '../../src/domain/layout/types';
import { PortError } from '../../src/workflows/workbookPort';
import type { FakeExcel } from '../fakes/fakeExcel';
import { fakeWorkbook, normalisedSnapshot, sheetSnapshot, smallLedger, uninstallFakes } from './fakeWorkbook';
import { summaryPlan, validationPlan } from './plans';

afterEach(uninstallFakes);

/** A summary whose energy total (C5 in `summaryPlan`) is `total`, with a defined name on it; `shift` empty rows above. */
function summaryWith(total: number, shift = 0): SheetPlan {
  const plan = summaryPlan();
  const move = <T extends { row: number }>(x: T): T => ({ ...x, row: x.row + shift });
  const blocks: PlanBlock[] = plan.blocks.map((b) =>
    move({ ...b, values: b.values.map((row) => row.map((cell) => (cell === 1234.5 ? total : cell))) }),
  );
  return {
    ...plan,
    blocks,
    formats: plan.formats.map((f) => ({ ...f, range: move(f.range) })),
    charts: plan.charts.map((c) => ({
      ...c,
      categories: move(c.categories),
      series: c.series.map((s) => ({ ...s, values: move(s.values) })),
      position: move(c.position),
    })),
    names: [{ name: '台账统计_总投资', row: 4 + shift, col: 2 }],
  };
}

/** The user's own report: formulas into 汇总 and 校验, a defined name and a chart on 汇总's table. */
async function addUserReferences(fake: FakeExcel): Promise<void> {
  await fake.run(async (context) => {
    const report = context.workbook.worksheets.getItem('报告');
    report.getRange('A1:D1').formulas = [['=汇总!C5', '=校验!B2', '=我的总投资', '=台账统计_总投资']];
    const summary = context.workbook.worksheets.getItem('汇总');
    context.workbook.names.add('我的总投资', summary.getRange('C5'));
    report.charts.add('ColumnClustered', summary.getRange('A5:B7'), 'Columns').name = '我的图表';
    await context.sync();
  });
}

const withReport = () => ({ sheets: { 台账: smallLedger(3), 报告: [] } });

describe('references into the owned sheets', () => {
  it('keep working through a refresh: formulas, a defined name and a chart', async () => {
    const { fake, port } = fakeWorkbook(withReport());
    await port.applySheetPlans([summaryWith(1000), validationPlan()]);
    await addUserReferences(fake);
    expect(fake.getSheetValues('报告')).toEqual([[1000, '总投资不是数字', 1000, 1000]]);

    await port.applySheetPlans([summaryWith(2000), validationPlan()]);
    expect(fake.getSheetValues('报告')).toEqual([[2000, '总投资不是数字', 2000, 2000]]);
    expect(sheetSnapshot(fake, '报告').formulas).toEqual({ A1: '=汇总!C5', B1: '=校验!B2', C1: '=我的总投资', D1: '=台账统计_总投资' });
    expect(sheetSnapshot(fake, '报告').charts[0]).toMatchObject({ name: '我的图表', sourceAddress: '汇总!A5:B7' });
    expect(fake.definedNames.find((n) => n.name === '我的总投资')?.formula).toBe('=汇总!$C$5');
    expect(port.capabilityNotes()).toEqual([]);
  });

  it('replace the whole contents in place: cells, formats, merges, widths, freeze panes and charts', async () => {
    const { fake, port } = fakeWorkbook(withReport());
    await port.applySheetPlans([summaryWith(1000)]);
    const id = sheetSnapshot(fake, '汇总').id;
    // Something the previous refresh wrote below the new content must go.
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('汇总').getRange('A40').values = [['上次的内容']];
    });
    await port.applySheetPlans([summaryWith(2000)]);
    const sheet = sheetSnapshot(fake, '汇总');
    const fresh = fakeWorkbook(withReport());
    await fresh.port.applySheetPlans([summaryWith(2000)]);
    const expected = sheetSnapshot(fresh.fake, '汇总');
    expect(sheet.id).toBe(id);
    expect({ ...sheet, id: '', customProperties: {} }).toEqual({ ...expected, id: '', customProperties: {}, position: sheet.position });
  });

  it('give the new figure through the key figure name when the layout moves it', async () => {
    const { fake, port } = fakeWorkbook(withReport());
    await port.applySheetPlans([summaryWith(1000)]);
    await fake.simulateUserEdit('报告', 'A1', '=台账统计_总投资*2');
    await port.applySheetPlans([summaryWith(3000, 2)]);
    expect(fake.getSheetValues('报告')).toEqual([[6000]]);
    expect(fake.definedNames.filter((n) => n.name === '台账统计_总投资')).toEqual([
      { name: '台账统计_总投资', formula: '=汇总!$C$7', scope: null, visible: true },
    ]);
  });

  it('break on ExcelApi 1.8, where the sheets are deleted and rebuilt, and a note says so', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.8', ...withReport() });
    await port.applySheetPlans([summaryWith(1000), validationPlan()]);
    expect(port.capabilityNotes()).toEqual([]);
    await addUserReferences(fake);
    await port.applySheetPlans([summaryWith(2000), validationPlan()]);
    // The key figure name is added again for the new sheet, the user's own references break.
    expect(fake.getSheetValues('报告')).toEqual([['#REF!', '#REF!', '#REF!', 2000]]);
    expect(port.capabilityNotes().map((n) => n.code)).toEqual(['references_break']);
    expect(port.capabilityNotes()[0]?.message['zh-CN']).toContain('#REF!');
  });
});

describe('a failed refresh', () => {
  it('leaves the owned sheets, their names and the user references as they were, whichever round trip fails', async () => {
    const probe = fakeWorkbook(withReport());
    await probe.port.applySheetPlans([summaryWith(1000), validationPlan()]);
    probe.fake.resetSyncStats();
    await probe.port.applySheetPlans([summaryWith(2000), validationPlan()]);
    const trips = probe.fake.syncCount;
    expect(trips).toBe(2);
    for (let n = 1; n <= trips; n++) {
      const { fake, port } = fakeWorkbook(withReport());
      await port.applySheetPlans([summaryWith(1000), validationPlan()]);
      await addUserReferences(fake);
      const before = fake.snapshot();
      const names = fake.definedNames;
      fake.failAtSync(n);
      const error = await port.applySheetPlans([summaryWith(2000), validationPlan()]).catch((e: unknown) => e);
      expect([n, error]).toEqual([n, expect.any(PortError)]);
      expect([n, fake.snapshot()]).toEqual([n, before]);
      expect([n, fake.definedNames]).toEqual([n, names]);
    }
  });
});

describe('a final round trip that the host applies in part', () => {
  /** A workbook refreshed once, with the user's references; `refresh` applies the second refresh. */
  async function refreshedTwice(apiVersion: string, fail?: { at: number; afterOperations: number }) {
    const { fake, port } = fakeWorkbook({ apiVersion, ...withReport() });
    await port.applySheetPlans([summaryWith(1000), validationPlan()]);
    await addUserReferences(fake);
    const before = normalisedSnapshot(fake);
    const namesBefore = fake.definedNames;
    fake.resetSyncStats();
    if (fail !== undefined) fake.failAtSync(fail.at, 'GeneralException', { afterOperations: fail.afterOperations });
    const result = await port.applySheetPlans([summaryWith(2000), validationPlan()]).catch((e: unknown) => e);
    return { fake, port, before, namesBefore, result };
  }

  it('leaves everything as it was when the first round trip (temporary sheets, first writes) fails halfway', async () => {
    const done = await refreshedTwice('1.16');
    const operations = done.fake.syncLog[0]?.operations.length ?? 0;
    expect(operations).toBeGreaterThan(10);
    for (let k = 1; k < operations; k++) {
      const { fake, before, namesBefore, result } = await refreshedTwice('1.16', { at: 1, afterOperations: k });
      expect([k, result]).toEqual([k, expect.any(PortError)]);
      expect([k, normalisedSnapshot(fake), fake.definedNames, fake.eventsEnabled]).toEqual([k, before, namesBefore, true]);
      uninstallFakes();
    }
  });

  it.each([
    ['1.16', [[2000, '总投资不是数字', 2000, 2000]]],
    ['1.8', [['#REF!', '#REF!', '#REF!', 2000]]],
  ])('ExcelApi %s: ends with the previous sheets (and a failure) or the new ones (and success), whichever operation fails', async (apiVersion, report) => {
    const done = await refreshedTwice(apiVersion);
    const after = normalisedSnapshot(done.fake);
    // The final round trip is the one that adds the names.
    const at = done.fake.syncLog.findIndex((s) => s.operations.includes('NamedItemCollection.add')) + 1;
    const operations = done.fake.syncLog[at - 1]?.operations.length ?? 0;
    expect(operations).toBeGreaterThan(10);
    const outcomes = new Set<string>();
    for (let k = 0; k < operations; k++) {
      const { fake, before, namesBefore, result } = await refreshedTwice(apiVersion, { at, afterOperations: k });
      if (result instanceof PortError) {
        expect([k, normalisedSnapshot(fake), fake.definedNames]).toEqual([k, before, namesBefore]);
        outcomes.add('previous');
      } else {
        expect([k, result, normalisedSnapshot(fake), fake.definedNames]).toEqual([k, { summary: '汇总', validation: '校验' }, after, done.fake.definedNames]);
        expect([k, fake.getSheetValues('报告')]).toEqual([k, report]);
        outcomes.add('new');
      }
      uninstallFakes();
    }
    expect([...outcomes].sort()).toEqual(['new', 'previous']);
  });
});

describe('ownership', () => {
  it('survives a reopen that changes every sheet id: no (2) sheets', async () => {
    const { fake, port } = fakeWorkbook(withReport());
    await port.applySheetPlans([summaryWith(1000), validationPlan()]);
    const ids = fake.snapshot().sheets.map((s) => s.id);
    fake.reopen();
    expect(fake.snapshot().sheets.map((s) => s.id).some((id) => ids.includes(id))).toBe(false);
    expect((await port.listSheets()).map((s) => [s.name, s.ownedRole])).toEqual([
      ['台账', null],
      ['报告', null],
      ['汇总', 'summary'],
      ['校验', 'validation'],
    ]);
    expect(await port.applySheetPlans([summaryWith(2000), validationPlan()])).toEqual({ summary: '汇总', validation: '校验' });
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '报告', '汇总', '校验']);
    expect(fake.getSheetValues('汇总')[4]?.[2]).toBe(2000);
  });

  it('marks the owned sheets with hidden workbook-scoped names that follow a rename', async () => {
    const { fake, port } = fakeWorkbook(withReport());
    await port.applySheetPlans([summaryWith(1000), validationPlan()]);
    expect(fake.definedNames.filter((n) => n.name.startsWith('_LedgerStats_Owner_'))).toEqual([
      { name: '_LedgerStats_Owner_summary', formula: '=汇总!$A$1', scope: null, visible: false },
      { name: '_LedgerStats_Owner_validation', formula: '=校验!$A$1', scope: null, visible: false },
    ]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('汇总').name = '九月汇总';
    });
    fake.reopen();
    await port.applySheetPlans([summaryWith(2000), validationPlan()]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '报告', '汇总', '校验']);
  });

  it('never takes over a user sheet called 汇总, before or after a reopen', async () => {
    const { fake, port } = fakeWorkbook({ sheets: { 台账: smallLedger(2), 汇总: [['我的汇总']] } });
    expect(await port.applySheetPlans([summaryWith(1000)])).toEqual({ summary: '汇总 (2)' });
    fake.reopen();
    expect(await port.applySheetPlans([summaryWith(2000)])).toEqual({ summary: '汇总 (2)' });
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '汇总', '汇总 (2)']);
    expect(fake.getSheetValues('汇总')).toEqual([['我的汇总']]);
  });

  it('never claims a copy the user made of an owned sheet', async () => {
    const { fake, port } = fakeWorkbook(withReport());
    await port.applySheetPlans([summaryWith(1000)]);
    const copy = fake.simulateUserCopySheet('汇总');
    const copied = fake.getSheetValues(copy);
    await port.applySheetPlans([summaryWith(2000)]);
    fake.reopen();
    await port.applySheetPlans([summaryWith(3000)]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '报告', '汇总', '汇总 (2)']);
    expect(fake.getSheetValues(copy)).toEqual(copied);
    expect(fake.getSheetValues('汇总')[4]?.[2]).toBe(3000);
    expect((await port.listSheets()).find((s) => s.name === copy)?.ownedRole).toBeNull();
  });

  it('takes over sheets recorded by id before the names existed, and names them', async () => {
    const { fake, port } = fakeWorkbook(withReport());
    await port.applySheetPlans([summaryWith(1000)]);
    // A workbook refreshed by an earlier version: records by id in the settings, no owner names.
    await fake.run(async (context) => {
      context.workbook.names.getItem('_LedgerStats_Owner_summary').delete();
      context.workbook.names.getItem('台账统计_总投资').delete();
    });
    await port.applySheetPlans([summaryWith(2000)]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '报告', '汇总']);
    expect(fake.definedNames.map((n) => n.name)).toEqual(['_LedgerStats_Owner_summary', '台账统计_总投资']);
  });

  it.each([
    ['1.16', false],
    ['1.3', true],
  ])('ExcelApi %s: reads only its own names where it can ask for them one by one (loads every name: %s)', async (apiVersion, loadsAll) => {
    const { fake, port } = fakeWorkbook({ apiVersion, ...withReport() });
    await port.applySheetPlans([summaryWith(1000)]);
    fake.resetSyncStats();
    await port.listSheets();
    await port.applySheetPlans([summaryWith(2000)]);
    const operations = fake.syncLog.flatMap((s) => s.operations);
    expect(operations.includes('NamedItemCollection.load')).toBe(loadsAll);
    expect(operations.includes('NamedItem.load')).toBe(!loadsAll);
  });

  it('drops the owner name of a role that is no longer planned', async () => {
    const { fake, port } = fakeWorkbook(withReport());
    await port.applySheetPlans([summaryWith(1000), validationPlan()]);
    await port.applySheetPlans([summaryWith(1000)]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '报告', '汇总']);
    expect(fake.definedNames.map((n) => n.name)).toEqual(['_LedgerStats_Owner_summary', '台账统计_总投资']);
  });
});

describe('on hosts without defined names', () => {
  it.each(['1.1', '1.3'])('ExcelApi %s: no names, a note, and the sheets are still replaced', async (apiVersion) => {
    const { fake, port } = fakeWorkbook({ apiVersion, ...withReport() });
    await port.applySheetPlans([summaryWith(1000)]);
    expect(fake.definedNames).toEqual([]);
    expect(port.capabilityNotes().map((n) => n.code)).toContain('no_defined_names');
    await port.applySheetPlans([summaryWith(2000)]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '报告', '汇总']);
    expect(fake.getSheetValues('汇总')[4]?.[2]).toBe(2000);
    expect(port.capabilityNotes().map((n) => n.code)).toEqual(expect.arrayContaining(['no_defined_names', 'references_break']));
  });
});

describe('on ExcelApi 1.1, with a content marker instead of owner names', () => {
  it('keeps the sheets through a reopen, leaves a user 汇总 and a copy of ours alone', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.1', sheets: { 台账: smallLedger(2), 汇总: [['我的汇总']] } });
    expect(await port.applySheetPlans([summaryWith(1000), validationPlan()])).toEqual({ summary: '汇总 (2)', validation: '校验' });
    const copy = fake.simulateUserCopySheet('汇总 (2)');
    fake.reopen();
    expect((await port.listSheets()).map((s) => [s.name, s.ownedRole])).toEqual([
      ['台账', null],
      ['汇总', null],
      ['汇总 (2)', 'summary'],
      [copy, null],
      ['校验', 'validation'],
    ]);
    expect(await port.applySheetPlans([summaryWith(2000), validationPlan()])).toEqual({ summary: '汇总 (2)', validation: '校验' });
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '汇总', '汇总 (2)', copy, '校验']);
    expect(fake.getSheetValues('汇总')).toEqual([['我的汇总']]);
    expect(fake.getSheetValues('汇总 (2)')[4]?.[2]).toBe(2000);
    expect(fake.getSheetValues(copy)[4]?.[2]).toBe(1000);
  });

  it('reads the markers itself when listSheets did not run first', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.1', ...withReport() });
    await port.applySheetPlans([summaryWith(1000)]);
    fake.reopen();
    await port.applySheetPlans([summaryWith(2000)]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '报告', '汇总']);
  });

  it('does not take a sheet whose new id equals a recorded one unless its name or marker agrees', async () => {
    const { fake, port } = fakeWorkbook({ apiVersion: '1.1', ...withReport() });
    await port.applySheetPlans([summaryWith(1000)]);
    const records = fake.snapshot().settings['ledgerStats.ownedSheets'] as { ownedSheets: { id: string }[] };
    // As after a reopen where ids are given by position: the record's id now names the user's 报告.
    const reportId = sheetSnapshot(fake, '报告').id;
    fake.documentSettings?.set('ledgerStats.ownedSheets', { ownedSheets: records.ownedSheets.map((r) => ({ ...r, id: reportId })) });
    await port.applySheetPlans([summaryWith(2000)]);
    expect(fake.snapshot().sheets.map((s) => s.name)).toEqual(['台账', '报告', '汇总']);
    expect(fake.getSheetValues('报告')).toEqual([]);
  });
});
