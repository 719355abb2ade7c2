import { PortError } from '../workflows/workbookPort';

/**
 * The add-in's document settings (`Office.context.document.settings`): a common API, available on
 * every Excel host including ExcelApi 1.1, stored in the workbook file and visible only to this
 * add-in (https://learn.microsoft.com/javascript/api/office/office.settings; OFFICE-PLATFORM.md §5).
 * `set` changes the in-memory copy; `save` writes it into the open document (the file changes when
 * the user or AutoSave saves).
 */
export interface DocumentSettings {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  /** Persist the in-memory settings into the document. @throws PortError `write_failed`. */
  save(): Promise<void>;
  /**
   * Re-read the settings from the document, so a value saved by the task pane is seen by the ribbon
   * command (they run in separate runtimes). A host without `refreshAsync` keeps its copy.
   */
  reload(): Promise<void>;
}

/**
 * Keys the adapter stores. One place, so nothing else invents a key. `settings`, `lastRefresh`, `snapshot` and
 * `snapshotParts` are the state of versions before issue 15, now read only for its migration into the state
 * sheet and then removed (state.ts).
 */
export const SETTING_KEYS = {
  settings: 'ledgerStats.settings',
  lastRefresh: 'ledgerStats.lastRefresh',
  snapshot: 'ledgerStats.snapshot',
  snapshotParts: 'ledgerStats.snapshotParts',
  ownedSheets: 'ledgerStats.ownedSheets',
  marks: 'ledgerStats.marks',
  statusCell: 'ledgerStats.statusCell',
} as const;

function isFailed(result: Office.AsyncResult<unknown>): boolean {
  // AsyncResultStatus is the string "failed" at runtime (the typings declare a numeric enum).
  const failed = (Office.AsyncResultStatus as unknown as { Failed?: unknown } | undefined)?.Failed;
  return (failed !== undefined && result.status === failed) || String(result.status) === 'failed';
}

function officeSettings(): Office.Settings {
  const settings = typeof Office === 'undefined' ? undefined : Office.context?.document?.settings;
  if (settings === undefined) throw new PortError('not_supported', 'Office.context.document.settings is not available (Office not initialised?)');
  return settings;
}

/**
 * The document settings of the running add-in (`source`: another runtime's `Office.Settings`, for
 * tests that run two runtimes side by side).
 */
export function documentSettings(source: () => Office.Settings = officeSettings): DocumentSettings {
  return {
    get: (key) => source().get(key) as unknown,
    set: (key, value) => source().set(key, value),
    remove: (key) => source().remove(key),
    save: () =>
      new Promise<void>((resolve, reject) => {
        source().saveAsync((result) => {
          if (isFailed(result)) {
            reject(new PortError('write_failed', `settings.saveAsync failed: ${result.error?.message ?? 'unknown error'}`, { cause: result.error }));
          } else resolve();
        });
      }),
    reload: () =>
      new Promise<void>((resolve, reject) => {
        const settings = source();
        if (typeof settings.refreshAsync !== 'function') {
          resolve();
          return;
        }
        settings.refreshAsync((result) => {
          if (isFailed(result)) {
            reject(new PortError('read_failed', `settings.refreshAsync failed: ${result.error?.message ?? 'unknown error'}`, { cause: result.error }));
          } else resolve();
        });
      }),
  };
}
