/**
 * Excel.PageLayout, Excel.HeaderFooterGroup / HeaderFooter and Worksheet.horizontalPageBreaks (all ExcelApi 1.9):
 * the print settings a refresh sets, kept in the sheet's `print` state. Only what the adapter uses is modelled:
 * a print-title range or a page break is given as an A1 address.
 */
import { FakeClientObject, type ContextLike, type ScalarTable, type Tx } from './core';
import { FakeNotModelledError, officeError } from './errors';
import type { PrintState, SheetState } from './state';

const print = (tx: Tx, id: string): PrintState => tx.sheet(id).print;
const printW = (tx: Tx, id: string): PrintState => (tx.sheetW(id) as SheetState).print;

function enumValue(member: string, allowed: readonly string[]): ScalarTable<string>[string] {
  return {
    since: '1.9',
    read: (tx, id) => print(tx, id)[member as 'orientation' | 'paperSize'],
    write: (tx, id, v) => {
      if (typeof v !== 'string' || !allowed.includes(v)) throw officeError('InvalidArgument', `PageLayout.${member} must be one of ${allowed.join(', ')}.`);
      printW(tx, id)[member as 'orientation' | 'paperSize'] = v;
    },
  };
}

function margin(member: string): ScalarTable<string>[string] {
  return {
    since: '1.9',
    read: (tx, id) => print(tx, id).margins[member] ?? 0,
    write: (tx, id, v) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw officeError('InvalidArgument', `PageLayout.${member} must be a number of points, 0 or more.`);
      printW(tx, id).margins[member] = v;
    },
  };
}

const PAGE_LAYOUT_SCALARS: ScalarTable<string> = {
  orientation: enumValue('orientation', ['Portrait', 'Landscape']),
  paperSize: enumValue('paperSize', ['A3', 'A4', 'A5', 'Letter', 'Legal']),
  zoom: {
    since: '1.9',
    read: (tx, id) => print(tx, id).zoom,
    write: (tx, id, v) => {
      if (v === null || typeof v !== 'object') throw officeError('InvalidArgument', 'PageLayout.zoom must be an object.');
      const zoom = v as Record<string, unknown>;
      for (const key of Object.keys(zoom)) {
        if (!['horizontalFitToPages', 'verticalFitToPages', 'scale'].includes(key)) throw officeError('InvalidArgument', `PageLayout.zoom has no '${key}'.`);
        const n = zoom[key];
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw officeError('InvalidArgument', `PageLayout.zoom.${key} must be a whole number.`);
      }
      printW(tx, id).zoom = { ...(zoom as PrintState['zoom']) };
    },
  },
  leftMargin: margin('leftMargin'),
  rightMargin: margin('rightMargin'),
  topMargin: margin('topMargin'),
  bottomMargin: margin('bottomMargin'),
  headerMargin: margin('headerMargin'),
  footerMargin: margin('footerMargin'),
  centerHorizontally: {
    since: '1.9',
    read: (tx, id) => print(tx, id).centerHorizontally,
    write: (tx, id, v) => {
      if (typeof v !== 'boolean') throw officeError('InvalidArgument', 'PageLayout.centerHorizontally must be a boolean.');
      printW(tx, id).centerHorizontally = v;
    },
  },
};

/** A whole-rows address "$1:$3" or "1:3" as its first and last 0-based rows, or `null`. */
function wholeRows(address: string): { first: number; last: number } | null {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(address.trim());
  if (m === null) return null;
  const first = Number(m[1]) - 1;
  const last = Number(m[2]) - 1;
  return first >= 0 && last >= first ? { first, last } : null;
}

abstract class SheetChild extends FakeClientObject<string> {
  constructor(
    context: ContextLike & object,
    path: string,
    protected readonly sheetIdOf: (tx: Tx) => string | null,
  ) {
    super(context, path);
  }

  protected _resolveFresh(tx: Tx): string | null {
    return this.sheetIdOf(tx);
  }
}

export class FakePageLayout extends SheetChild {
  readonly _className = 'PageLayout';

  protected override _scalars(): ScalarTable<string> {
    return PAGE_LAYOUT_SCALARS;
  }

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    return name === 'headersFooters' ? this.headersFooters : undefined;
  }

  get headersFooters(): FakeHeaderFooterGroup {
    this._gate('1.9', 'PageLayout.headersFooters');
    return this._child('headersFooters', () => new FakeHeaderFooterGroup(this.context, `${this._path}.headersFooters`, (tx) => this._target(tx)));
  }

  get orientation(): string {
    return this._get('orientation');
  }
  set orientation(v: string) {
    this._set('orientation', v);
  }
  get paperSize(): string {
    return this._get('paperSize');
  }
  set paperSize(v: string) {
    this._set('paperSize', v);
  }
  get zoom(): PrintState['zoom'] {
    return this._get('zoom');
  }
  set zoom(v: PrintState['zoom']) {
    this._set('zoom', v);
  }
  set leftMargin(v: number) {
    this._set('leftMargin', v);
  }
  set rightMargin(v: number) {
    this._set('rightMargin', v);
  }
  set topMargin(v: number) {
    this._set('topMargin', v);
  }
  set bottomMargin(v: number) {
    this._set('bottomMargin', v);
  }
  set headerMargin(v: number) {
    this._set('headerMargin', v);
  }
  set footerMargin(v: number) {
    this._set('footerMargin', v);
  }
  set centerHorizontally(v: boolean) {
    this._set('centerHorizontally', v);
  }

  /** Rows repeated at the top of each printed page; an address of whole rows ("$1:$1"). */
  setPrintTitleRows(printTitleRows: unknown): void {
    this._gate('1.9', 'PageLayout.setPrintTitleRows');
    if (typeof printTitleRows !== 'string') throw new FakeNotModelledError('PageLayout.setPrintTitleRows with a Range');
    this._queue('setPrintTitleRows', [printTitleRows], (tx) => {
      const id = this._need(tx);
      if (wholeRows(printTitleRows) === null) throw officeError('InvalidArgument', 'The print title rows must be whole rows.');
      printW(tx, id).titleRows = printTitleRows;
    });
  }
}

export class FakeHeaderFooterGroup extends SheetChild {
  readonly _className = 'HeaderFooterGroup';

  override _nav(name: string): FakeClientObject<unknown> | undefined {
    return name === 'defaultForAllPages' ? this.defaultForAllPages : undefined;
  }

  get defaultForAllPages(): FakeHeaderFooter {
    return this._child('defaultForAllPages', () => new FakeHeaderFooter(this.context, `${this._path}.defaultForAllPages`, (tx) => this._target(tx)));
  }
}

const HEADER_FOOTER_MEMBERS = ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'] as const;

const HEADER_FOOTER_SCALARS: ScalarTable<string> = Object.fromEntries(
  HEADER_FOOTER_MEMBERS.map((member) => [
    member,
    {
      since: '1.9',
      read: (tx: Tx, id: string) => print(tx, id).headersFooters[member] ?? '',
      write: (tx: Tx, id: string, v: unknown) => {
        if (typeof v !== 'string') throw officeError('InvalidArgument', `HeaderFooter.${member} must be text.`);
        printW(tx, id).headersFooters[member] = v;
      },
    },
  ]),
);

export class FakeHeaderFooter extends SheetChild {
  readonly _className = 'HeaderFooter';

  protected override _scalars(): ScalarTable<string> {
    return HEADER_FOOTER_SCALARS;
  }

  set leftHeader(v: string) {
    this._set('leftHeader', v);
  }
  set centerHeader(v: string) {
    this._set('centerHeader', v);
  }
  set rightHeader(v: string) {
    this._set('rightHeader', v);
  }
  set leftFooter(v: string) {
    this._set('leftFooter', v);
  }
  set centerFooter(v: string) {
    this._set('centerFooter', v);
  }
  set rightFooter(v: string) {
    this._set('rightFooter', v);
  }
}

/** Worksheet.horizontalPageBreaks: `add` puts a manual break above the top row of an address. */
export class FakePageBreakCollection extends SheetChild {
  readonly _className = 'PageBreakCollection';

  add(pageBreakRange: unknown): void {
    this._gate('1.9', 'PageBreakCollection.add');
    if (typeof pageBreakRange !== 'string') throw new FakeNotModelledError('PageBreakCollection.add with a Range');
    this._queue('add', [pageBreakRange], (tx) => {
      const id = this._need(tx);
      const m = /^\$?[A-Z]{1,3}\$?(\d+)(?::\$?[A-Z]{1,3}\$?\d+)?$/.exec(pageBreakRange.trim());
      if (m === null) throw officeError('InvalidArgument', 'The page break range is not an address.');
      const row = Number(m[1]) - 1;
      const breaks = printW(tx, id).rowBreaks;
      if (!breaks.includes(row)) breaks.push(row);
    });
  }

  removePageBreaks(): void {
    this._gate('1.9', 'PageBreakCollection.removePageBreaks');
    this._queue('removePageBreaks', [], (tx) => {
      printW(tx, this._need(tx)).rowBreaks = [];
    });
  }
}
