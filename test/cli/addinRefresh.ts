/**
 * The add-in's leg of the CLI tests: an .xlsx file opened in the fake Excel (`fakeFromXlsx`) and
 * refreshed the way the task pane does it (`createPaneHost` over `createOfficeWorkbookPort`, with
 * Office's display language and a yield between stages), so its figures can be compared with the
 * CLI's on the same file.
 */
import { createOfficeWorkbookPort } from '../../src/excel/officeWorkbookPort';
import { createPaneHost } from '../../src/taskpane/createPaneHost';
import type { RunReport } from '../../src/workflows/refresh';
import { CURRENT_API_VERSION } from '../excel/fakeWorkbook';
import type { FakeExcel } from '../fakes/fakeExcel';
import { fakeFromXlsx } from '../fakes/xlsxBridge';

/** Open `path` in a fake Excel as a current Microsoft 365 (ExcelApi `CURRENT_API_VERSION`) would show it. */
export function openInAddin(path: string, apiVersion = CURRENT_API_VERSION): FakeExcel {
  return fakeFromXlsx(path, { apiVersion, displayLanguage: 'zh-CN' });
}

/**
 * One refresh of `fake` through the task pane's host, with the fake installed on `globalThis` for
 * the refresh only. The pane's clock is the real one, as in Excel.
 */
export async function refreshInAddin(fake: FakeExcel): Promise<RunReport> {
  fake.install(globalThis);
  try {
    const host = createPaneHost({
      port: createOfficeWorkbookPort(),
      displayLanguage: Office.context.displayLanguage,
      yieldToUi: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
    return await host.refresh(() => undefined);
  } finally {
    fake.uninstall();
  }
}
