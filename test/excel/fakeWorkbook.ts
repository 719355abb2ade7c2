/**
 * Test helpers: a fake Excel installed as the Office globals, with the Office.js port over it, and
 * snapshots normalised for comparing two refreshes (host ids replaced by stable names).
 */
import type { CellValue } from '../../src/domain/ledger/types';
import { createOfficeWorkbookPort, type OfficeWorkbookPort, type OfficeWorkbookPortOptions } from '../../src/excel/officeWorkbookPort';
import { createFakeExcel, type FakeExcel, type FakeExcelOptions, type WorkbookSnapshot } from '../fakes/fakeExcel';

/** A fake workbook with the port over it. */
export interface FakeWorkbook {
  readonly fake: FakeExcel;
  readonly port: OfficeWorkbookPort;
}

let installed: FakeExcel[] = [];

/** What a current Microsoft 365 reports; tests of older hosts pass `apiVersion` explicitly. */
export const CURRENT_API_VERSION = '1.16';

/** Create and install a fake (call `uninstallFakes` in `afterEach`). */
export function fakeWorkbook(options: FakeExcelOptions = {}, portOptions: OfficeWorkbookPortOptions = {}): FakeWorkbook {
  const fake = createFakeExcel({ apiVersion: CURRENT_API_VERSION, ...options });
  fake.install(globalThis);
  installed.push(fake);
  let n = 0;
  const port = createOfficeWorkbookPort({ token: () => `t${++n}`, ...portOptions });
  return { fake, port };
}

/** Remove every installed fake, restoring the globals. */
export function uninstallFakes(): void {
  for (const fake of installed.reverse()) fake.uninstall();
  installed = [];
}

/**
 * The snapshot with host identities replaced by stable names (sheet ids by the sheet's name,
 * conditional-format and XML-part ids by their order), so two workbooks built by two refreshes
 * compare equal when they look the same to a user.
 */
export function normalisedSnapshot(fake: FakeExcel): WorkbookSnapshot {
  const snap = fake.snapshot();
  const ids = new Map<string, string>();
  for (const sheet of snap.sheets) ids.set(sheet.id, `<sheet ${sheet.name}>`);
  let text = JSON.stringify(snap);
  for (const [id, name] of ids) text = text.split(id).join(name);
  const others = [...new Set(text.match(/\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}|\{CF[0-9]+\}/g) ?? [])];
  others.forEach((id, i) => {
    text = text.split(id).join(`<id ${i}>`);
  });
  return JSON.parse(text) as WorkbookSnapshot;
}

/** The snapshot of one sheet by name (throws when missing, so a test fails clearly). */
export function sheetSnapshot(fake: FakeExcel, name: string): WorkbookSnapshot['sheets'][number] {
  const sheet = fake.snapshot().sheets.find((s) => s.name === name);
  if (sheet === undefined) throw new Error(`no sheet named ${name}`);
  return sheet;
}

/** A small ledger grid: header in row 1, `rows` project rows. */
export function smallLedger(rows = 3): CellValue[][] {
  const header: CellValue[] = ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）'];
  return [header, ...Array.from({ length: rows }, (_, i): CellValue[] => [i + 1, `项目${i + 1}`, '中国华能', '能源', '在建', 10 + i])];
}
