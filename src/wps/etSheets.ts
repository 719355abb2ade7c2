import { sheetNameKey } from '../excel/sheetNames';
import type { EtApplication, EtWorkbook, EtWorksheet } from './etTypes';

/** The workbook's sheets in tab order (`Worksheets.Item` is 1-based). */
export function sheetsOf(wb: EtWorkbook): EtWorksheet[] {
  const sheets: EtWorksheet[] = [];
  for (let i = 1; i <= wb.Worksheets.Count; i++) sheets.push(wb.Worksheets.Item(i));
  return sheets;
}

/** The sheet named `name` (without regard to case, as sheet names compare), or `null`. */
export function findSheet(wb: EtWorkbook, name: string): EtWorksheet | null {
  const key = sheetNameKey(name);
  return sheetsOf(wb).find((ws) => sheetNameKey(ws.Name) === key) ?? null;
}

/** A new sheet after the last one (VBA `Sheets.Add(, After)`; it becomes the active sheet, see `activeSheetName`). */
export function addSheetAtEnd(wb: EtWorkbook): EtWorksheet {
  return wb.Worksheets.Add(undefined, wb.Worksheets.Item(wb.Worksheets.Count));
}

/**
 * Delete sheets without the confirmation dialog VBA's `Worksheet.Delete` shows while `DisplayAlerts` is on. Goes on
 * past a sheet that cannot be deleted, then throws the first error.
 */
export function deleteSheets(app: EtApplication, sheets: readonly EtWorksheet[]): void {
  if (sheets.length === 0) return;
  const alerts = app.DisplayAlerts;
  if (alerts !== undefined) app.DisplayAlerts = false;
  let failure: { error: unknown } | null = null;
  try {
    for (const ws of sheets)
      try {
        ws.Delete();
      } catch (error) {
        failure ??= { error };
      }
  } finally {
    if (alerts !== undefined) app.DisplayAlerts = alerts;
  }
  if (failure !== null) throw failure.error;
}

/**
 * The active sheet's name, to bring it back after `Sheets.Add` (which activates the new sheet in Excel's object
 * model, learn.microsoft.com/office/vba/api/excel.sheets.add) — `null` when the host does not say.
 */
export function activeSheetName(wb: EtWorkbook): string | null {
  try {
    return wb.ActiveSheet.Name;
  } catch {
    return null;
  }
}

/** Activate the sheet named `name`, if it is there; a host that cannot is left as it is. */
export function activate(wb: EtWorkbook, name: string | null): void {
  if (name === null) return;
  try {
    wb.Worksheets.Item(name).Activate();
  } catch {
    // The sheet went, or the host has no Activate: nothing to restore.
  }
}
