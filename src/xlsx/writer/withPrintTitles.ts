import { escapeXml, quoteSheetName } from './xmlText';

/** A sheet whose print titles the workbook part should name: its name and its title rows (0-based, inclusive). */
export interface PrintTitles {
  readonly sheet: string;
  readonly first: number;
  readonly last: number;
}

/** Elements that follow `definedNames` in a workbook part (CT_Workbook's order), where a new one goes before. */
const AFTER_DEFINED_NAMES = ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/**
 * The workbook part with a `_xlnm.Print_Titles` defined name per sheet in `titles` (scoped to that sheet by its
 * 0-based position among the `<sheet>` elements), replacing any print-titles name those positions had (a former
 * refresh's). Other defined names are kept as they are.
 * @example withPrintTitles(xml, '', [{ sheet: '汇总', first: 0, last: 0 }]) // …<definedName name="_xlnm.Print_Titles" localSheetId="1">'汇总'!$1:$1</definedName>…
 */
export function withPrintTitles(xml: string, prefix: string, titles: readonly PrintTitles[]): string {
  if (titles.length === 0) return xml;
  const sheetNames = [...xml.matchAll(new RegExp(`<${prefix}sheet\\s[^>]*?\\bname="([^"]*)"`, 'g'))].map((m) => unescapeAttr(m[1] ?? ''));
  const scoped = titles.flatMap((t) => {
    const index = sheetNames.indexOf(t.sheet);
    return index < 0 ? [] : [{ index, element: `<${prefix}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml(`${quoteSheetName(t.sheet)}!$${t.first + 1}:$${t.last + 1}`)}</${prefix}definedName>` }];
  });
  if (scoped.length === 0) return xml;
  const replaced = new Set(scoped.map((s) => s.index));
  const elements = scoped.map((s) => s.element).join('');
  const existing = new RegExp(`<${prefix}definedNames>([\\s\\S]*?)</${prefix}definedNames>`).exec(xml);
  if (existing !== null) {
    const kept = (existing[1] ?? '').replace(new RegExp(`<${prefix}definedName\\s[^>]*>[\\s\\S]*?</${prefix}definedName>|<${prefix}definedName\\s[^>]*/>`, 'g'), (element) => {
      const isPrintTitles = /\sname="_xlnm\.Print_Titles"/.test(element);
      const local = /\slocalSheetId="(\d+)"/.exec(element)?.[1];
      return isPrintTitles && local !== undefined && replaced.has(Number(local)) ? '' : element;
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

function unescapeAttr(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? _m);
}
