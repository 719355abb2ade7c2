import { decodeXml } from './xmlText';

/** Worksheet children that come after `<conditionalFormatting>` in the schema order of CT_Worksheet. */
const AFTER_CONDITIONAL_FORMATTING = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
] as const;

const SHEET_DATA_END = Buffer.from('</sheetData>');
const SHEET_DATA_EMPTY = Buffer.from('<sheetData/>');

/** A mark rule as this writer (and ExcelJS before it) writes it: one expression rule whose formula is TRUE. */
function isMarkElement(element: string): boolean {
  const rules = element.match(/<cfRule[\s>]/g) ?? [];
  return rules.length === 1 && /<cfRule[^>]*type="expression"/.test(element) && /<formula>TRUE<\/formula>/.test(element);
}

/** Tells whether a conditional-format formula (as the file holds it, without `=`) is one of the add-in's mark rules. */
export type IsAddinMarkFormula = (formula: string) => boolean;

const NEVER: IsAddinMarkFormula = () => false;

/** `container` without its `rule` children that `drop` picks; `null` when it had rules and none is left. */
function withoutRules(container: string, rule: RegExp, drop: (rule: string) => boolean): string | null {
  let rules = 0;
  let kept = 0;
  const result = container.replace(rule, (element) => {
    rules++;
    if (drop(element)) return '';
    kept++;
    return element;
  });
  return rules > 0 && kept === 0 ? null : result;
}

/**
 * Remove the add-in's mark rules (`isAddinMark`) from a worksheet's tail, in either form a file holds them: a
 * main-part `<conditionalFormatting>` rule with `<formula>` (where ExcelJS writes every rule), or the x14
 * extension's `<x14:conditionalFormatting>` rule with `<xm:f>` (where Excel keeps a rule that reads another sheet,
 * [MS-XLSX] 2.6). A format left without rules goes, and so do the extension elements it leaves empty.
 */
export function removeAddinMarks(tail: string, isAddinMark: IsAddinMarkFormula): string {
  if (isAddinMark === NEVER) return tail;
  let result = tail.replace(/<conditionalFormatting\s[^>]*>[\s\S]*?<\/conditionalFormatting>/g, (element) => {
    const kept = withoutRules(element, /<cfRule\b[^>]*?(?:\/>|>[\s\S]*?<\/cfRule>)/g, (rule) => {
      const formula = /<formula>([\s\S]*?)<\/formula>/.exec(rule)?.[1];
      return formula !== undefined && isAddinMark(decodeXml(formula));
    });
    return kept ?? '';
  });
  result = result.replace(/<(\w+):conditionalFormatting[\s>][\s\S]*?<\/\1:conditionalFormatting>/g, (element, prefix: string) => {
    const kept = withoutRules(element, new RegExp(`<${prefix}:cfRule\\b[^>]*?(?:/>|>[\\s\\S]*?</${prefix}:cfRule>)`, 'g'), (rule) => {
      const formula = /<(\w+):f>([\s\S]*?)<\/\1:f>/.exec(rule)?.[2];
      return formula !== undefined && isAddinMark(decodeXml(formula));
    });
    return kept ?? '';
  });
  // Containers emptied above: the x14 list, its <ext>, then <extLst>.
  result = result.replace(/<(\w+):conditionalFormattings>\s*<\/\1:conditionalFormattings>/g, '');
  result = result.replace(/<(\w+:)?ext\s[^>]*>\s*<\/\1ext>/g, '');
  return result.replace(/<(\w+:)?extLst>\s*<\/\1extLst>/g, '');
}

/**
 * Replace the issue marks in a worksheet's tail (everything after its cells): remove the
 * conditional formats whose `sqref` is one of `oldRefs` and whose only rule is a TRUE
 * expression, and the add-in's mark rules (`removeAddinMarks`), then insert `added` at the schema position of
 * conditional formats.
 */
export function replaceMarksInTail(tail: string, oldRefs: ReadonlySet<string>, added: string, isAddinMark: IsAddinMarkFormula = NEVER): string {
  let result = removeAddinMarks(tail, isAddinMark).replace(/<conditionalFormatting\s[^>]*>[\s\S]*?<\/conditionalFormatting>/g, (element) => {
    const sqref = /sqref="([^"]*)"/.exec(element)?.[1] ?? '';
    return oldRefs.has(sqref) && isMarkElement(element) ? '' : element;
  });
  if (added === '') return result;
  const lastCf = result.lastIndexOf('</conditionalFormatting>');
  if (lastCf >= 0) {
    const at = lastCf + '</conditionalFormatting>'.length;
    return `${result.slice(0, at)}${added}${result.slice(at)}`;
  }
  let insertAt = result.lastIndexOf('</worksheet>');
  for (const name of AFTER_CONDITIONAL_FORMATTING) {
    const match = new RegExp(`<${name}[\\s/>]`).exec(result);
    if (match !== null && (insertAt < 0 || match.index < insertAt)) insertAt = match.index;
  }
  if (insertAt < 0) return result;
  result = `${result.slice(0, insertAt)}${added}${result.slice(insertAt)}`;
  return result;
}

/**
 * Rewrite a worksheet part's bytes, changing only the issue marks: every byte up to the end of
 * `<sheetData>` (the cells, however many) passes through untouched; only the short tail after
 * it is decoded and edited with `replaceMarksInTail`. A sheet whose cells are not in an
 * unprefixed `<sheetData>` passes through whole.
 */
export async function* rewriteSheetMarks(
  original: AsyncIterable<Buffer>,
  oldRefs: ReadonlySet<string>,
  added: string,
  isAddinMark: IsAddinMarkFormula = NEVER,
): AsyncIterable<Buffer | string> {
  let carry: Buffer = Buffer.alloc(0);
  let tail: Buffer[] | null = null;
  for await (const chunk of original) {
    if (tail !== null) {
      tail.push(chunk);
      continue;
    }
    const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let end = data.indexOf(SHEET_DATA_END);
    if (end >= 0) end += SHEET_DATA_END.length;
    else {
      end = data.indexOf(SHEET_DATA_EMPTY);
      if (end >= 0) end += SHEET_DATA_EMPTY.length;
    }
    if (end >= 0) {
      yield data.subarray(0, end);
      tail = [data.subarray(end)];
      continue;
    }
    const keep = Math.min(data.length, SHEET_DATA_END.length);
    yield data.subarray(0, data.length - keep);
    carry = data.subarray(data.length - keep);
  }
  if (tail === null) {
    yield carry;
    return;
  }
  yield replaceMarksInTail(Buffer.concat(tail).toString('utf8'), oldRefs, added, isAddinMark);
}
