import type { LoadedName } from '../workflows/ownerNames';
import { decodeXml, escapeXml, xmlAttributes } from './writer/xmlText';

/** A `<definedName>` of a workbook part. */
export interface DefinedName {
  readonly name: string;
  /** The 0-based position of the sheet it is scoped to, or `null` for a workbook-scoped name. */
  readonly localSheetId: number | null;
  readonly hidden: boolean;
  /** Its formula as the file holds it, without `=` (`'汇总'!$B$5`). */
  readonly formula: string;
}

/** Elements that follow `definedNames` in a workbook part (CT_Workbook's order), where a new one goes before. */
const AFTER_DEFINED_NAMES = ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

const nameElements = (prefix: string): RegExp => new RegExp(`<${prefix}definedName\\s[^>]*?(?:/>|>[\\s\\S]*?</${prefix}definedName>)`, 'g');

function parseElement(element: string): DefinedName {
  const tag = /^<[^>]*>/.exec(element)?.[0] ?? '';
  const a = xmlAttributes(tag);
  const local = a.localSheetId === undefined ? null : Number(a.localSheetId);
  const body = tag.endsWith('/>') ? '' : element.slice(tag.length, element.lastIndexOf('</'));
  return {
    name: a.name ?? '',
    localSheetId: local !== null && Number.isInteger(local) ? local : null,
    hidden: a.hidden === '1' || a.hidden === 'true',
    formula: decodeXml(body),
  };
}

/** The namespace prefix of a workbook part's SpreadsheetML elements (`x:` or ''). */
export function mainPrefixOf(workbookXml: string): string {
  return /<(\w+:)?workbook[\s>]/.exec(workbookXml)?.[1] ?? '';
}

/** The defined names of a workbook part, in file order. */
export function readDefinedNames(workbookXml: string): DefinedName[] {
  const prefix = mainPrefixOf(workbookXml);
  return (workbookXml.match(nameElements(prefix)) ?? []).map(parseElement);
}

/** A defined name as `src/workflows/ownerNames.ts` reads it (what Office.js's `NamedItem` gives: a range, or an error). */
export function toLoadedName(name: DefinedName): LoadedName {
  return { name: name.name, type: name.formula.includes('#REF!') ? 'Error' : 'Range', value: name.formula };
}

function nameElement(prefix: string, name: DefinedName): string {
  const local = name.localSheetId === null ? '' : ` localSheetId="${name.localSheetId}"`;
  return `<${prefix}definedName name="${escapeXml(name.name)}"${local}${name.hidden ? ' hidden="1"' : ''}>${escapeXml(name.formula)}</${prefix}definedName>`;
}

const scopeKey = (name: string, localSheetId: number | null): string => `${name.toLowerCase()}\u0000${localSheetId ?? ''}`;

/**
 * The workbook part with `names` defined, each replacing any definition of the same name in the same scope
 * (names compare without case, as Excel's do); every other defined name is kept as it is, and new ones go last.
 * @param prefix the part's namespace prefix (`mainPrefixOf`).
 * @example withDefinedNames(xml, '', [{ name: '台账统计_项目数', localSheetId: null, hidden: false, formula: "'汇总'!$B$5" }])
 */
export function withDefinedNames(xml: string, prefix: string, names: readonly DefinedName[]): string {
  if (names.length === 0) return xml;
  const replaced = new Set(names.map((n) => scopeKey(n.name, n.localSheetId)));
  const elements = names.map((n) => nameElement(prefix, n)).join('');
  const existing = new RegExp(`<${prefix}definedNames>([\\s\\S]*?)</${prefix}definedNames>|<${prefix}definedNames/>`).exec(xml);
  if (existing !== null) {
    const kept = (existing[1] ?? '').replace(nameElements(prefix), (element) => {
      const name = parseElement(element);
      return replaced.has(scopeKey(name.name, name.localSheetId)) ? '' : element;
    });
    return `${xml.slice(0, existing.index)}<${prefix}definedNames>${kept}${elements}</${prefix}definedNames>${xml.slice(existing.index + existing[0].length)}`;
  }
  let at = xml.lastIndexOf(`</${prefix}workbook>`);
  for (const name of AFTER_DEFINED_NAMES) {
    const match = new RegExp(`<${prefix}${name}[\\s/>]`).exec(xml);
    if (match !== null && match.index < at) at = match.index;
  }
  return at < 0 ? xml : `${xml.slice(0, at)}<${prefix}definedNames>${elements}</${prefix}definedNames>${xml.slice(at)}`;
}

/**
 * The workbook part after the sheets at `removed` (0-based positions among the `<sheet>` elements, before their
 * removal) are taken out: names scoped to them go, names scoped to later sheets move down with their sheet (a
 * `localSheetId` is a position), and the window's active and first tab stay on a sheet that exists
 * (`sheetCount`: the `<sheet>` elements before the removal). The
 * `<sheet>` elements themselves are left to the caller.
 */
export function withSheetsRemoved(xml: string, prefix: string, removed: ReadonlySet<number>, sheetCount: number): string {
  if (removed.size === 0) return xml;
  const last = Math.max(0, sheetCount - removed.size - 1);
  const shift = (position: number): number => position - [...removed].filter((r) => r < position).length;
  let result = xml.replace(nameElements(prefix), (element) => {
    const local = parseElement(element).localSheetId;
    if (local === null) return element;
    if (removed.has(local)) return '';
    return element.replace(/(\slocalSheetId=")(\d+)(")/, (_m, a: string, _n: string, b: string) => `${a}${shift(local)}${b}`);
  });
  result = result.replace(new RegExp(`<${prefix}definedNames>\\s*</${prefix}definedNames>`), '');
  return result.replace(new RegExp(`<${prefix}workbookView\\s[^>]*>`, 'g'), (tag) =>
    tag.replace(/(\s(?:activeTab|firstSheet)=")(\d+)(")/g, (_m, a: string, n: string, b: string) => `${a}${Math.min(shift(Number(n)), last)}${b}`),
  );
}
