/**
 * A deliberately small formula evaluator: enough for totals rows and HYPERLINK cells.
 * Supported: number/string/boolean literals, + - * / ^ & % and comparisons, A1 references and
 * areas (optionally sheet-qualified), and the functions listed in FUNCTIONS. Anything else
 * evaluates to "#NAME?". A circular reference evaluates to 0 (as Excel shows it).
 */
import { lettersToCol, MAX_COLS, MAX_ROWS, quoteSheetName, type Rect } from './address';

export class ExcelErr {
  constructor(readonly code: string) {}
}

export type Scalar = number | string | boolean | ExcelErr;
/** A referenced area: values in row-major order, "" for empty cells. */
export interface Area {
  readonly kind: 'area';
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly Scalar[];
}
type Val = Scalar | Area;

export interface EvalEnv {
  /** Values of an area; sheet is null for the formula's own sheet. Throws ExcelErr('#REF!') for an unknown sheet. */
  area(sheet: string | null, rect: Rect): Area;
  /** What a defined name evaluates to (an area for a named range); absent or unknown names give #NAME?. */
  name?(name: string): Area | Scalar;
}

const ERR_VALUE = new ExcelErr('#VALUE!');
const ERR_NAME = new ExcelErr('#NAME?');
const ERR_DIV0 = new ExcelErr('#DIV/0!');
const ERR_NA = new ExcelErr('#N/A');

/** Excel's "General" display of a number (up to 11 significant characters, then scientific). */
export function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mant, exp] = n.toExponential(5).split('e');
    const m = String(Number(mant));
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const intDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
  const decimals = Math.max(0, 10 - intDigits);
  return String(Number(n.toFixed(decimals)));
}

// ---------------------------------------------------------------- tokenizer

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'ref'; sheet: string | null; rect: Rect }
  | { t: 'fn'; v: string }
  | { t: 'name'; v: string }
  | { t: 'err'; v: string }
  | { t: 'op'; v: string };

const SHEET_PREFIX = "(?:'((?:[^']|'')+)'|([^\\s!'\"(),:;=<>+\\-*/^&%{}]+))!";
const CELL = '\\$?([A-Za-z]{1,3})\\$?([0-9]{1,7})';
const REF_RE = new RegExp(`^(?:${SHEET_PREFIX})?(?:${CELL}(?::${CELL})?|\\$?([A-Za-z]{1,3}):\\$?([A-Za-z]{1,3}))(?![A-Za-z0-9_(])`);
/** What Excel leaves of a reference into a deleted sheet: `#REF!` and, after it, the cell part. */
const REF_ERROR_RE = new RegExp(`^#REF!(?:${CELL}(?::${CELL})?|\\$?[A-Za-z]{1,3}:\\$?[A-Za-z]{1,3})?(?![A-Za-z0-9_(])`);

function tokenize(src: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === ' ' || ch === '\n' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= src.length) return null;
        const c = src.charAt(j);
        if (c === '"') {
          if (src.charAt(j + 1) === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += c;
        j++;
      }
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const rest = src.slice(i);
    const refError = REF_ERROR_RE.exec(rest);
    if (refError) {
      out.push({ t: 'err', v: '#REF!' });
      i += refError[0].length;
      continue;
    }
    const num = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(rest);
    const ref = REF_RE.exec(rest);
    if (ref && !(num && num[0].length >= ref[0].length)) {
      const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2] ?? null;
      let r: Rect;
      if (ref[3] !== undefined) {
        const c0 = lettersToCol(ref[3]);
        const r0 = Number(ref[4]) - 1;
        const c1 = ref[5] !== undefined ? lettersToCol(ref[5]) : c0;
        const r1 = ref[6] !== undefined ? Number(ref[6]) - 1 : r0;
        r = { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
      } else {
        const a = lettersToCol(ref[7] ?? '');
        const b = lettersToCol(ref[8] ?? '');
        r = { r0: 0, c0: Math.min(a, b), r1: MAX_ROWS - 1, c1: Math.max(a, b) };
      }
      if (r.c1 >= MAX_COLS || r.r1 >= MAX_ROWS || r.r0 < 0 || r.c0 < 0) return null;
      out.push({ t: 'ref', sheet, rect: r });
      i += ref[0].length;
      continue;
    }
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_.\u0080-\uFFFF]*/.exec(rest);
    if (id) {
      const word = id[0];
      i += word.length;
      let k = i;
      while (src.charAt(k) === ' ') k++;
      if (src.charAt(k) === '(') out.push({ t: 'fn', v: word.toUpperCase() });
      else if (/^(TRUE|FALSE)$/i.test(word)) out.push({ t: 'bool', v: word.toUpperCase() === 'TRUE' });
      else out.push({ t: 'name', v: word });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<>' || two === '<=' || two === '>=') {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^&%=<>(),'.includes(ch)) {
      out.push({ t: 'op', v: ch });
      i++;
      continue;
    }
    return null;
  }
  return out;
}

// ---------------------------------------------------------------- evaluation helpers

function isErr(v: unknown): v is ExcelErr {
  return v instanceof ExcelErr;
}

function first(v: Val): Scalar {
  if (typeof v === 'object' && !isErr(v)) return v.values[0] ?? '';
  return v;
}

function toNumber(v: Scalar): number | ExcelErr {
  if (isErr(v)) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '') return 0;
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : ERR_VALUE;
}

function toText(v: Scalar): string | ExcelErr {
  if (isErr(v)) return v;
  if (typeof v === 'number') return formatGeneral(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

function toBool(v: Scalar): boolean | ExcelErr {
  if (isErr(v)) return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === '') return false;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  return ERR_VALUE;
}

function typeRank(v: Scalar): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}

function compare(a: Scalar, b: Scalar): number {
  const x = a === '' && typeof b === 'number' ? 0 : a;
  const y = b === '' && typeof a === 'number' ? 0 : b;
  if (typeRank(x as Scalar) !== typeRank(y as Scalar)) return typeRank(x as Scalar) - typeRank(y as Scalar);
  if (typeof x === 'string' && typeof y === 'string') {
    const p = x.toLowerCase();
    const q = y.toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  const p = Number(x);
  const q = Number(y);
  return p < q ? -1 : p > q ? 1 : 0;
}

function flatten(args: readonly Val[], visit: (v: Scalar, fromArea: boolean) => ExcelErr | undefined): ExcelErr | null {
  for (const a of args) {
    if (typeof a === 'object' && !isErr(a)) {
      for (const v of a.values) {
        const e = visit(v, true);
        if (e) return e;
      }
    } else {
      const e = visit(a, false);
      if (e) return e;
    }
  }
  return null;
}

function numbersOf(args: readonly Val[]): number[] | ExcelErr {
  const out: number[] = [];
  const err = flatten(args, (v, fromArea) => {
    if (isErr(v)) return v;
    if (typeof v === 'number') out.push(v);
    else if (!fromArea) {
      const n = toNumber(v);
      if (isErr(n)) return n;
      out.push(n);
    }
  });
  return err ?? out;
}

function criteriaMatcher(crit: Scalar): (v: Scalar) => boolean {
  if (typeof crit === 'number' || typeof crit === 'boolean') return (v) => !isErr(v) && compare(v, crit) === 0;
  if (isErr(crit)) return () => false;
  const m = /^(<>|<=|>=|<|>|=)?([\s\S]*)$/.exec(crit);
  const op = m?.[1] ?? '';
  const raw = m?.[2] ?? '';
  const asNum = raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : null;
  const target: Scalar = asNum ?? raw;
  const wildcard = typeof target === 'string' && /[*?]/.test(target);
  const re = wildcard
    ? new RegExp(`^${target.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')}$`, 'i')
    : null;
  return (v) => {
    if (isErr(v)) return false;
    if (re && (op === '' || op === '=' || op === '<>')) {
      const hit = typeof v === 'string' && re.test(v);
      return op === '<>' ? !hit : hit;
    }
    if (typeof target === 'number' && typeof v !== 'number' && op !== '<>') return false;
    const c = compare(v, target);
    switch (op) {
      case '<>':
        return c !== 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      default:
        return c === 0;
    }
  };
}

type Fn = (args: Val[]) => Scalar;

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  SUM: (a) => {
    const n = numbersOf(a);
    return isErr(n) ? n : n.reduce((s, x) => s + x, 0);
  },
  AVERAGE: (a) => {
    const n = numbersOf(a);
    if (isErr(n)) return n;
    return n.length === 0 ? ERR_DIV0 : n.reduce((s, x) => s + x, 0) / n.length;
  },
  MIN: (a) => {
    const n = numbersOf(a);
    return isErr(n) ? n : n.length === 0 ? 0 : Math.min(...n);
  },
  MAX: (a) => {
    const n = numbersOf(a);
    return isErr(n) ? n : n.length === 0 ? 0 : Math.max(...n);
  },
  COUNT: (a) => {
    let k = 0;
    flatten(a, (v, fromArea) => {
      if (typeof v === 'number' || (!fromArea && !isErr(v) && !isErr(toNumber(v)) && v !== '')) k++;
      return undefined;
    });
    return k;
  },
  COUNTA: (a) => {
    let k = 0;
    flatten(a, (v) => {
      if (v !== '') k++;
      return undefined;
    });
    return k;
  },
  ROUND: (a) => {
    const x = toNumber(first(a[0] ?? 0));
    const d = toNumber(first(a[1] ?? 0));
    if (isErr(x)) return x;
    if (isErr(d)) return d;
    const f = Math.pow(10, Math.trunc(d));
    return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
  },
  ABS: (a) => {
    const x = toNumber(first(a[0] ?? 0));
    return isErr(x) ? x : Math.abs(x);
  },
  IF: (a) => {
    const c = toBool(first(a[0] ?? false));
    if (isErr(c)) return c;
    return c ? first(a[1] ?? 0) : a.length > 2 ? first(a[2] ?? false) : false;
  },
  IFERROR: (a) => {
    const v = first(a[0] ?? '');
    return isErr(v) ? first(a[1] ?? '') : v;
  },
  AND: (a) => {
    let r = true;
    const e = flatten(a, (v) => {
      const b = toBool(v);
      if (isErr(b)) return b;
      r = r && b;
    });
    return e ?? r;
  },
  OR: (a) => {
    let r = false;
    const e = flatten(a, (v) => {
      const b = toBool(v);
      if (isErr(b)) return b;
      r = r || b;
    });
    return e ?? r;
  },
  NOT: (a) => {
    const b = toBool(first(a[0] ?? false));
    return isErr(b) ? b : !b;
  },
  CONCATENATE: (a) => {
    let s = '';
    for (const x of a) {
      const t = toText(first(x));
      if (isErr(t)) return t;
      s += t;
    }
    return s;
  },
  CONCAT: (a) => {
    let s = '';
    const e = flatten(a, (v) => {
      const t = toText(v);
      if (isErr(t)) return t;
      s += t;
    });
    return e ?? s;
  },
  LEN: (a) => {
    const t = toText(first(a[0] ?? ''));
    return isErr(t) ? t : t.length;
  },
  HYPERLINK: (a) => {
    const target = first(a[0] ?? '');
    return a.length > 1 ? first(a[1] ?? '') : target;
  },
  COUNTIF: (a) => {
    const range = a[0];
    if (!range || typeof range !== 'object' || isErr(range)) return ERR_VALUE;
    const match = criteriaMatcher(first(a[1] ?? ''));
    return range.values.filter(match).length;
  },
  SUMIF: (a) => {
    const range = a[0];
    const sum = a[2] ?? a[0];
    if (!range || typeof range !== 'object' || isErr(range)) return ERR_VALUE;
    if (!sum || typeof sum !== 'object' || isErr(sum)) return ERR_VALUE;
    const match = criteriaMatcher(first(a[1] ?? ''));
    let s = 0;
    range.values.forEach((v, i) => {
      const x = sum.values[i];
      if (match(v) && typeof x === 'number') s += x;
    });
    return s;
  },
  NA: () => ERR_NA,
};

// ---------------------------------------------------------------- parser (evaluates while parsing)

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly env: EvalEnv,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'op' && t.v === v;
  }

  parse(): Val {
    const v = this.comparison();
    if (this.i !== this.toks.length) throw ERR_NAME;
    return v;
  }

  private comparison(): Val {
    let left = this.concat();
    for (;;) {
      const t = this.peek();
      if (!t || t.t !== 'op' || !['=', '<>', '<', '>', '<=', '>='].includes(t.v)) return left;
      this.i++;
      const right = first(this.concat());
      const l = first(left);
      if (isErr(l)) return l;
      if (isErr(right)) return right;
      const c = compare(l, right);
      left =
        t.v === '=' ? c === 0 : t.v === '<>' ? c !== 0 : t.v === '<' ? c < 0 : t.v === '>' ? c > 0 : t.v === '<=' ? c <= 0 : c >= 0;
    }
  }

  private concat(): Val {
    let left = this.additive();
    while (this.isOp('&')) {
      this.i++;
      const a = toText(first(left));
      const b = toText(first(this.additive()));
      left = isErr(a) ? a : isErr(b) ? b : a + b;
    }
    return left;
  }

  private arith(left: Val, right: Val, op: string): Scalar {
    const a = toNumber(first(left));
    const b = toNumber(first(right));
    if (isErr(a)) return a;
    if (isErr(b)) return b;
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? ERR_DIV0 : a / b;
      default:
        return Math.pow(a, b);
    }
  }

  private additive(): Val {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      left = this.arith(left, this.term(), op);
    }
    return left;
  }

  private term(): Val {
    let left = this.power();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      left = this.arith(left, this.power(), op);
    }
    return left;
  }

  private power(): Val {
    let left = this.unary();
    while (this.isOp('^')) {
      this.i++;
      left = this.arith(left, this.unary(), '^');
    }
    return left;
  }

  private unary(): Val {
    if (this.isOp('-')) {
      this.i++;
      const v = toNumber(first(this.unary()));
      return isErr(v) ? v : -v;
    }
    if (this.isOp('+')) {
      this.i++;
      return this.unary();
    }
    let v = this.primary();
    while (this.isOp('%')) {
      this.i++;
      const n = toNumber(first(v));
      v = isErr(n) ? n : n / 100;
    }
    return v;
  }

  private primary(): Val {
    const t = this.toks[this.i++];
    if (!t) throw ERR_NAME;
    switch (t.t) {
      case 'num':
      case 'str':
      case 'bool':
        return t.v;
      case 'ref':
        return this.env.area(t.sheet, t.rect);
      case 'name':
        return this.env.name ? this.env.name(t.v) : ERR_NAME;
      case 'err':
        return new ExcelErr(t.v);
      case 'fn': {
        this.i++; // '('
        const args: Val[] = [];
        if (!this.isOp(')')) {
          for (;;) {
            if (this.isOp(',') || this.isOp(')')) args.push('');
            else args.push(this.comparison());
            if (this.isOp(',')) {
              this.i++;
              continue;
            }
            break;
          }
        }
        if (!this.isOp(')')) throw ERR_NAME;
        this.i++;
        const fn = FUNCTIONS[t.v];
        return fn ? fn(args) : ERR_NAME;
      }
      case 'op':
        if (t.v === '(') {
          const v = this.comparison();
          if (!this.isOp(')')) throw ERR_NAME;
          this.i++;
          return v;
        }
        throw ERR_NAME;
    }
  }
}

/** Evaluates "=..." formula text. Errors come back as "#NAME?"-style strings wrapped in ExcelErr. */
export function evaluateFormula(formula: string, env: EvalEnv): Scalar {
  return first(evaluateReference(formula, env));
}

/** Like `evaluateFormula`, but a formula that is a reference gives its whole area (a defined name's formula). */
export function evaluateReference(formula: string, env: EvalEnv): Area | Scalar {
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  const toks = tokenize(body);
  if (!toks) return ERR_NAME;
  try {
    return new Parser(toks, env).parse();
  } catch (e) {
    if (e instanceof ExcelErr) return e;
    throw e;
  }
}

/**
 * Rewrites the references to sheet `from` (case-insensitive) in formula text, as Excel does when a
 * sheet is renamed (`to` = the new name) or deleted (`to` = null: the sheet part becomes `#REF!`,
 * the cell part stays, e.g. `=#REF!C5`). Text inside string literals is left alone.
 */
export function rewriteSheetReferences(formula: string, from: string, to: string | null): string {
  const key = from.toLowerCase();
  let out = '';
  let i = 0;
  let wordBefore = false;
  while (i < formula.length) {
    const ch = formula.charAt(i);
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      wordBefore = false;
      continue;
    }
    if (!wordBefore) {
      const ref = REF_RE.exec(formula.slice(i));
      const sheet = ref === null ? undefined : ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2];
      if (ref !== null && sheet !== undefined) {
        const prefix = ref[1] !== undefined ? `'${ref[1]}'!` : `${ref[2] ?? ''}!`;
        const cells = ref[0].slice(prefix.length);
        out += sheet.toLowerCase() === key ? `${to === null ? '#REF' : quoteSheetName(to)}!${cells}` : ref[0];
        i += ref[0].length;
        wordBefore = true;
        continue;
      }
    }
    out += ch;
    wordBefore = /[A-Za-z0-9_.\u0080-\uFFFF!#$]/.test(ch);
    i++;
  }
  return out;
}
