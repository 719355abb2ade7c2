import { withDefinedNames } from '../definedNames';
import { decodeXml, quoteSheetName } from './xmlText';

/** A sheet whose print titles the workbook part should name: its name and its title rows (0-based, inclusive). */
export interface PrintTitles {
  readonly sheet: string;
  readonly first: number;
  readonly last: number;
}

/**
 * The workbook part with a `_xlnm.Print_Titles` defined name per sheet in `titles` (scoped to that sheet by its
 * 0-based position among the `<sheet>` elements), replacing any print-titles name those positions had (a former
 * refresh's). Other defined names are kept as they are.
 * @example withPrintTitles(xml, '', [{ sheet: '汇总', first: 0, last: 0 }]) // …<definedName name="_xlnm.Print_Titles" localSheetId="1">'汇总'!$1:$1</definedName>…
 */
export function withPrintTitles(xml: string, prefix: string, titles: readonly PrintTitles[]): string {
  const sheetNames = [...xml.matchAll(new RegExp(`<${prefix}sheet\\s[^>]*?\\bname="([^"]*)"`, 'g'))].map((m) => decodeXml(m[1] ?? ''));
  const names = titles.flatMap((t) => {
    const index = sheetNames.indexOf(t.sheet);
    return index < 0 ? [] : [{ name: '_xlnm.Print_Titles', localSheetId: index, hidden: false, formula: `${quoteSheetName(t.sheet)}!$${t.first + 1}:$${t.last + 1}` }];
  });
  return withDefinedNames(xml, prefix, names);
}

