/**
 * Excel.WorksheetProtection (ExcelApi 1.2): `protected` and `options` to read, protect() and
 * unprotect(). What a protected sheet refuses is in protection.ts.
 */
import { FakeClientObject, type ContextLike, type ScalarTable, type Tx } from './core';
import { DEFAULT_PROTECTION_OPTIONS, withSheetProtection } from './protection';

const PROTECTION_SCALARS: ScalarTable<string> = {
  protected: { since: '1.2', read: (tx, id) => tx.protection.sheets.has(id) },
  options: {
    since: '1.2',
    read: (tx, id) => ({ ...(tx.protection.sheets.get(id) ?? DEFAULT_PROTECTION_OPTIONS) }),
  },
};

export class FakeWorksheetProtection extends FakeClientObject<string> {
  readonly _className = 'WorksheetProtection';

  constructor(
    context: ContextLike & object,
    path: string,
    private readonly sheetIdOf: (tx: Tx) => string | null,
  ) {
    super(context, path);
  }

  protected _resolveFresh(tx: Tx): string | null {
    return this.sheetIdOf(tx);
  }

  protected override _scalars(): ScalarTable<string> {
    return PROTECTION_SCALARS;
  }

  get protected(): boolean {
    return this._get('protected');
  }

  get options(): Record<string, unknown> {
    return this._get('options');
  }

  /**
   * Protects the sheet. On a sheet that is already protected it does nothing: office-js issue 6784
   * reports that protect() and unprotect() did not throw in that case until a June 2026 regression.
   */
  protect(options?: Record<string, unknown> | null, password?: string): void {
    this._gate('1.2', 'WorksheetProtection.protect');
    if (password !== undefined) this._gate('1.7', 'WorksheetProtection.protect(password)');
    const args = password === undefined ? (options === undefined ? [] : [options]) : [options ?? null, password];
    this._queue('protect', args, (tx) => {
      const id = this._need(tx);
      if (tx.protection.sheets.has(id)) return;
      withSheetProtection(tx, id, { ...DEFAULT_PROTECTION_OPTIONS, ...(options ?? {}) });
    });
  }

  /** Removes the sheet's protection (passwords are not modelled). */
  unprotect(password?: string): void {
    this._gate('1.2', 'WorksheetProtection.unprotect');
    if (password !== undefined) this._gate('1.7', 'WorksheetProtection.unprotect(password)');
    this._queue('unprotect', password === undefined ? [] : [password], (tx) => {
      withSheetProtection(tx, this._need(tx), null);
    });
  }
}
