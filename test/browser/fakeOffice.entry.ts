/**
 * Stands in for office.js in the browser test: an in-memory Excel holding the realistic fixture
 * ledger as sheet 台账, installed as the Excel/Office/OfficeExtension globals of the page.
 * `?xss=1` adds a project whose name and stage are an HTML injection attempt; `?rows=N` replaces
 * the projects with N copies of section 1's projects (each with its own name), for a large ledger;
 * `?api=1.1` makes the fake an older Excel (highest ExcelApi set; default 1.12).
 * The fake is exposed as `window.__fake` for assertions.
 */
import { createFakeExcel, type FakeExcel } from '../fakes/fakeExcel';
import { realisticLedgerGrid } from '../fixtures/realisticLedger';

/** The injection attempt used as a project name and stage. */
const XSS_TEXT = '<img src=x onerror=alert(1)>';

const grid = realisticLedgerGrid();
const params = new URLSearchParams(window.location.search);
const rows = Number(params.get('rows') ?? 0);
if (rows > 0) {
  // Sheet rows 7–19 are section 1's projects; rows 1–5 are the title lines and the header.
  const projects = grid.slice(6, 19);
  const copies = Array.from({ length: rows }, (_, i) => {
    const row = [...(projects[i % projects.length] ?? [])];
    row[0] = i + 1;
    row[1] = `${String(row[1])}（${i + 1}）`;
    return row;
  });
  grid.splice(5, grid.length - 5, ...copies);
}
if (params.has('xss')) {
  // A copy of the first project (sheet row 7), inserted below it, named and staged with markup.
  const first = grid[6] ?? [];
  grid.splice(7, 0, first.map((cell, col) => (col === 1 || col === 6 ? XSS_TEXT : cell)));
}

const fake = createFakeExcel({ sheets: { 台账: grid }, apiVersion: params.get('api') ?? '1.12', displayLanguage: 'zh-CN' });
fake.install(window);
(window as unknown as { __fake: FakeExcel }).__fake = fake;
