/** Argument validation shared by the proxies. Everything throws FakeOfficeError like Excel does. */
import { officeError } from './errors';
import { enumValues } from './enums';
import { rectsIntersect, type Rect } from './address';
import type { SheetState, WorkbookState } from './state';

const FORBIDDEN_SHEET_CHARS = /[:\\/?*[\]]/;

/** Excel's sheet-name rules (support article "Rename a worksheet"); uniqueness ignores case. */
export function validateSheetName(w: WorkbookState, name: unknown, selfId: string | null): string {
  if (typeof name !== 'string') throw officeError('InvalidArgument', 'The worksheet name must be a string.');
  if (name.trim() === '') throw officeError('InvalidArgument', 'The worksheet name cannot be blank.');
  if (name.length > 31) throw officeError('InvalidArgument', 'The worksheet name cannot be longer than 31 characters.');
  if (FORBIDDEN_SHEET_CHARS.test(name)) throw officeError('InvalidArgument', 'The worksheet name cannot contain : \\ / ? * [ or ].');
  if (name.startsWith("'") || name.endsWith("'")) {
    throw officeError('InvalidArgument', 'The worksheet name cannot begin or end with an apostrophe.');
  }
  if (name.toLowerCase() === 'history') throw officeError('InvalidArgument', '"History" is a reserved worksheet name.');
  const lower = name.toLowerCase();
  if (w.sheets.some((s) => s.id !== selfId && s.name.toLowerCase() === lower)) throw officeError('ItemAlreadyExists');
  return name;
}

const TABLE_NAME = new RegExp('^[\\p{L}_\\\\][\\p{L}\\p{N}_.\\\\]*$', 'u');

export function validateTableName(w: WorkbookState, name: unknown, selfId: string | null): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || !TABLE_NAME.test(name)) {
    throw officeError('InvalidArgument', 'Table names must start with a letter, underscore or backslash and contain no spaces.');
  }
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^([Rr][0-9]*)?([Cc][0-9]*)?$/.test(name)) {
    throw officeError('InvalidArgument', 'A table name cannot look like a cell reference.');
  }
  const lower = name.toLowerCase();
  for (const s of w.sheets) {
    if (s.tables.some((t) => t.id !== selfId && t.name.toLowerCase() === lower)) throw officeError('ItemAlreadyExists');
  }
  return name;
}

const NAMED_COLORS: Readonly<Record<string, string>> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  silver: '#C0C0C0',
  maroon: '#800000',
  navy: '#000080',
  teal: '#008080',
  lime: '#00FF00',
  aqua: '#00FFFF',
  cyan: '#00FFFF',
  fuchsia: '#FF00FF',
  magenta: '#FF00FF',
  olive: '#808000',
  pink: '#FFC0CB',
  brown: '#A52A2A',
  gold: '#FFD700',
  lightgray: '#D3D3D3',
  lightgrey: '#D3D3D3',
  darkgray: '#A9A9A9',
  darkgrey: '#A9A9A9',
  lightblue: '#ADD8E6',
  lightgreen: '#90EE90',
  lightyellow: '#FFFFE0',
  darkblue: '#00008B',
  darkgreen: '#006400',
  darkred: '#8B0000',
};

/** "#RRGGBB" or an HTML colour name, returned as upper-case "#RRGGBB" (how Excel reads colours back). */
export function normalizeColor(v: unknown): string {
  if (typeof v !== 'string') throw officeError('InvalidArgument', 'A colour must be a string.');
  const s = v.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return s.toUpperCase();
  if (/^#[0-9a-fA-F]{3}$/.test(s)) {
    return `#${s
      .slice(1)
      .split('')
      .map((ch) => ch + ch)
      .join('')
      .toUpperCase()}`;
  }
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named !== undefined) return named;
  throw officeError('InvalidArgument', `'${s}' is not a colour Excel understands.`);
}

export function validateEnum(enumName: string, v: unknown, exclude: readonly string[] = ['Invalid']): string {
  if (typeof v !== 'string' || !enumValues(enumName).includes(v) || exclude.includes(v)) {
    throw officeError('InvalidArgument', `'${String(v)}' is not a valid Excel.${enumName} value.`);
  }
  return v;
}

export function validateBoolean(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw officeError('InvalidArgument', `${what} must be a boolean.`);
  return v;
}

export function validateNumber(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw officeError('InvalidArgument', `${what} must be a number between ${min} and ${max}.`);
  }
  return v;
}

export function validateString(v: unknown, what: string, allowEmpty = true): string {
  if (typeof v !== 'string' || (!allowEmpty && v === '')) throw officeError('InvalidArgument', `${what} must be a string.`);
  return v;
}

export function validateIndex(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw officeError('InvalidArgument', `${what} must be an integer.`);
  return v;
}

export function tableAt(sh: SheetState, x: Rect): boolean {
  return sh.tables.some((t) => rectsIntersect(t.rect, x));
}

/** Minimal well-formedness check for custom XML parts; returns the root element's default namespace. */
export function checkXml(xml: unknown): string {
  if (typeof xml !== 'string') throw officeError('InvalidArgument', 'The XML must be a string.');
  const body = xml.replace(/^\uFEFF/, '').replace(/^\s*<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  let rootNs = '';
  const tagRe = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const bad = (): never => {
    throw officeError('InvalidArgument', 'The XML is not well-formed.');
  };
  while ((m = tagRe.exec(body)) !== null) {
    const between = body.slice(last, m.index);
    if (between.includes('<')) bad();
    if (stack.length === 0 && between.trim() !== '') bad();
    last = tagRe.lastIndex;
    const [, close, name, attrs, selfClose] = m;
    if (name === undefined) continue;
    if (close === '/') {
      if (stack.pop() !== name) bad();
      continue;
    }
    if (stack.length === 0) {
      roots++;
      const ns = /\sxmlns\s*=\s*("([^"]*)"|'([^']*)')/.exec(attrs ?? '');
      rootNs = ns ? (ns[2] ?? ns[3] ?? '') : '';
    }
    if (selfClose !== '/') stack.push(name);
  }
  const tail = body.slice(last);
  if (tail.includes('<') || tail.trim() !== '' || stack.length > 0 || roots !== 1) bad();
  return rootNs;
}
