import { MARKS_SHEET_MARKER, MARKS_SHEET_NAME, markRuleSheet } from '../workflows/markRuleSheet';
import type { CellMark } from '../workflows/workbookPort';
import type { Capabilities } from './capabilities';
import { cellAddress, parseCellAddress, quotedSheetName } from './a1';
import { syncChunk } from './batch';
import { MARK_FILLS } from './markFills';
import { jsonBytes, PAYLOAD_TARGET_BYTES } from './payload';
import { sheetNameKey } from './sheetNames';
import { literalText } from './toCellInput';
import { officeErrorCode } from './toPortError';

/**
 * Marks as conditional formats (ExcelApi 1.6) whose request does not grow with the number of marks.
 *
 * A very hidden helper sheet holds, in column B at the ledger's own row, one flag character per
 * ledger column ("__e_w": column C is an error, E a warning). At most two custom rules, one per
 * severity, cover the ledger from A1 to the last flagged cell, with the formula
 * `=MID('_ledger_marks'!$B1,COLUMN(),1)="e"`: the row is relative, so each ledger cell reads its
 * own row of the helper (Excel takes a custom rule's relative references from the top-left cell of
 * its range; office-js #5194), COLUMN() is the column of the cell being formatted (the usual
 * column banding rule `=MOD(COLUMN(),2)`, e.g. https://www.brainbell.com/tutorials/ms-office/excel/Highlight_Every_Other_Row_Or_Column.htm),
 * and the test is one MID per cell, whatever the number of marks.
 * The flags are plain values written in payload-sized blocks.
 *
 * | helper cell | content |
 * |-------------|---------|
 * | A1 | `ledger-stats/marks` (the marker: a sheet without it is a user sheet, whatever its name) |
 * | B*n* | the flags of ledger row *n*, `_` for an unflagged column, trailing ones left out |
 *
 * Excel 2007 refused references to other worksheets in conditional-format formulas
 * (http://www.cpearson.com/excel/cformatting.htm); later versions keep such rules in the file's
 * x14 extension (`x14:conditionalFormatting`, [MS-XLSX] 2.6; its formula is `xm:f`, 2.4.3). That
 * Excel on the web and Excel for Mac evaluate them was not confirmed from Microsoft's documentation
 * here: it is a manual check in real Excel. Rows the user inserts into the ledger after a marking
 * shift the ledger but not the helper: the marks are realigned by the next refresh.
 *
 * Nothing is recognised by id or priority (`ConditionalFormat.id` is the rule's priority,
 * REF excel.conditionalformat.yml): a rule is ours when it is a custom rule whose formula has the
 * shape above and points at a sheet that carries the marker (or at `#REF!`, what Excel leaves
 * when that sheet is deleted, or at a sheet that no longer exists).
 */
export { MARKS_SHEET_MARKER, MARKS_SHEET_NAME, markRuleSheet } from '../workflows/markRuleSheet';

/** The flag character of each severity, and of an unflagged column (text that `literalText` never needs to quote). */
export const MARK_FLAGS = { error: 'e', warning: 'w', none: '_' } as const;

const FLAG_COLUMN = 'B';

/** Above this many rules to delete, the deletions get a round trip of their own. */
const MANY_DELETES = 500;

/**
 * The formula of the rule for `severity` over a range whose top-left cell is A1.
 * @example markRuleFormula('_ledger_marks', 'error') // `=MID('_ledger_marks'!$B1,COLUMN(),1)="e"`
 */
export function markRuleFormula(helperName: string, severity: CellMark['severity']): string {
  return `=MID(${quotedSheetName(helperName)}!$${FLAG_COLUMN}1,COLUMN(),1)="${MARK_FLAGS[severity]}"`;
}

/** One helper row per ledger row from `firstRow` (0-based), and the extent the rules must cover. */
export interface FlagRows {
  readonly firstRow: number;
  /** Flags of rows `firstRow…`, "" for a row without marks. */
  readonly rows: readonly string[];
  readonly lastRow: number;
  readonly lastCol: number;
  readonly severities: ReadonlySet<CellMark['severity']>;
}

/**
 * The helper rows for `marks` (an error wins over a warning on the same cell), or `null` when no
 * mark has a valid address.
 * @example flagRows([{ address: 'C2', severity: 'error' }]) // { firstRow: 1, rows: ['__e'], lastRow: 1, lastCol: 2, … }
 */
export function flagRows(marks: readonly CellMark[]): FlagRows | null {
  const byRow = new Map<number, string[]>();
  const severities = new Set<CellMark['severity']>();
  let lastCol = -1;
  for (const mark of marks) {
    const at = parseCellAddress(mark.address);
    if (at === null) continue;
    const flags = byRow.get(at.row) ?? [];
    byRow.set(at.row, flags);
    while (flags.length <= at.col) flags.push(MARK_FLAGS.none);
    if (flags[at.col] !== MARK_FLAGS.error) flags[at.col] = MARK_FLAGS[mark.severity];
    lastCol = Math.max(lastCol, at.col);
  }
  if (byRow.size === 0) return null;
  let firstRow = Infinity;
  let lastRow = -1;
  for (const row of byRow.keys()) {
    firstRow = Math.min(firstRow, row);
    lastRow = Math.max(lastRow, row);
  }
  const rows: string[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const flags = byRow.get(row);
    if (flags === undefined) rows.push('');
    else {
      rows.push(flags.join(''));
      if (flags.includes(MARK_FLAGS.error)) severities.add('error');
      if (flags.includes(MARK_FLAGS.warning)) severities.add('warning');
    }
  }
  return { firstRow, rows, lastRow, lastCol, severities };
}

/** Split rows into blocks of at most `budgetBytes` as JSON (at least one row per block). */
export function payloadBlocks(rows: readonly string[], budgetBytes = PAYLOAD_TARGET_BYTES): { start: number; rows: string[] }[] {
  const blocks: { start: number; rows: string[] }[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const rowBytes = jsonBytes(rows[i]) + 3; // ["…"], plus the comma
    if (i > start && bytes + rowBytes > budgetBytes) {
      blocks.push({ start, rows: rows.slice(start, i) });
      start = i;
      bytes = 0;
    }
    bytes += rowBytes;
  }
  if (start < rows.length) blocks.push({ start, rows: rows.slice(start) });
  return blocks;
}

/** What the rule path stores in the document settings. */
export interface RulesRecord {
  readonly kind: 'rules';
  readonly sheetId: string;
  readonly sheetName: string;
  readonly helperName: string;
}

/**
 * What older versions stored (one `=TRUE` rule per run of flagged cells, by id). Read only, to
 * clean such a workbook once: a rule goes when its range and fill match what was recorded and it
 * is still an `=TRUE` rule, never by id alone.
 */
export interface LegacyRulesRecord {
  readonly kind: 'cf';
  readonly sheetId: string;
  readonly sheetName: string;
  readonly formats: readonly { readonly id: string; readonly address: string }[];
}

interface SheetRow {
  readonly id: string;
  readonly name: string;
  readonly visibility: string;
  readonly proxy: Excel.Worksheet;
}

/** The conditional formats of one sheet, with what is needed to recognise ours. */
interface RuleScan {
  readonly formats: Excel.ConditionalFormatCollection;
  /** Each rule's custom formula (`null` for another type), in collection order, once read. */
  readonly formulas: () => readonly (string | null)[];
  /** Queue the deletion of the rule at `index` of `formulas()`. */
  readonly remove: (index: number) => void;
  /** For a legacy record on this sheet: range address and fill of each `=TRUE` rule, by item index. */
  legacy: Map<number, { range: Excel.Range; fill: Excel.ConditionalRangeFill }> | null;
}

function queueRuleScan(sheet: Excel.Worksheet): RuleScan {
  const formats = sheet.getRange().conditionalFormats;
  // `custom` is documented only "if the current conditional format is a custom type"; its
  // OrNullObject twin answers with a null object for the other types (REF excel.conditionalformat.yml).
  formats.load('items/type,items/customOrNullObject/rule/formula');
  return { formats, formulas: () => formats.items.map(customFormula), remove: (index) => formats.items[index]?.delete(), legacy: null };
}

function customFormula(format: Excel.ConditionalFormat): string | null {
  return format.type === 'Custom' && !format.customOrNullObject.isNullObject ? format.customOrNullObject.rule.formula : null;
}

/**
 * What the first round trip of `replaceRules` reads, as values, so that another request of the same held
 * section (the refresh's state write, the request just before the marking) can read it and `replaceRules` skip
 * that round trip: every sheet, the events flag, the target sheet and its rules (with their ids), and A1 of the
 * recorded helper.
 */
export interface RulesLook {
  /** The target sheet's name as asked for, and the recorded helper's name asked for (`null`: none). */
  readonly targetName: string;
  readonly recordedName: string | null;
  readonly sheets: readonly { readonly id: string; readonly name: string; readonly visibility: string }[];
  readonly enableEvents: boolean | null;
  readonly target: { readonly id: string; readonly name: string };
  readonly rules: readonly { readonly id: string; readonly formula: string | null }[];
  /** A1 of the recorded helper (`undefined` when none was asked for). */
  readonly recordedA1: unknown;
}

/**
 * Queue the reads of `replaceRules`' first round trip into a request (the caller's); `read()` after its sync. A
 * target or recorded helper that does not exist fails that request with ItemNotFound, after the operations
 * queued before these reads ran: queue them last.
 */
export function queueRulesLook(
  context: Excel.RequestContext,
  targetName: string,
  recordedName: string | null,
  caps: Pick<Capabilities, 'enableEvents'>,
): () => RulesLook {
  const worksheets = context.workbook.worksheets.load('items/name,items/id,items/visibility');
  if (caps.enableEvents) context.runtime.load('enableEvents');
  const target = worksheets.getItem(targetName).load('id,name');
  const formats = target.getRange().conditionalFormats.load('items/id,items/type,items/customOrNullObject/rule/formula');
  const recordedA1 = recordedName === null ? null : worksheets.getItem(recordedName).getRange('A1').load('values');
  return () => ({
    targetName,
    recordedName,
    sheets: worksheets.items.map((s) => ({ id: s.id, name: s.name, visibility: s.visibility })),
    enableEvents: caps.enableEvents ? context.runtime.enableEvents : null,
    target: { id: target.id, name: target.name },
    rules: formats.items.map((format) => ({ id: format.id, formula: customFormula(format) })),
    recordedA1: recordedA1?.values[0]?.[0],
  });
}

/**
 * `=TRUE` rules whose range and fill one round trip reads for the migration: each is a method call
 * and two loads, about 1 KB of request in Office.js's format (5,000 of them measured at 4.96 MB
 * with the fake's officeWireMeter), so the 5,000 an old record may list take five round trips.
 */
const LEGACY_DETAILS_PER_SYNC = 1_000;

/** Read range and fill of each `=TRUE` rule of the scan (for the migration of an old record). */
async function loadLegacyDetails(context: Excel.RequestContext, scan: RuleScan): Promise<void> {
  const legacy = new Map<number, { range: Excel.Range; fill: Excel.ConditionalRangeFill }>();
  scan.legacy = legacy;
  const indices = scan.formulas().flatMap((formula, index) => (formula?.toUpperCase() === '=TRUE' ? [index] : []));
  for (let start = 0; start < indices.length; start += LEGACY_DETAILS_PER_SYNC) {
    for (const index of indices.slice(start, start + LEGACY_DETAILS_PER_SYNC)) {
      const format = scan.formats.items[index];
      if (format === undefined) continue;
      const range = format.getRange();
      range.load('address');
      const fill = format.custom.format.fill;
      fill.load('color');
      legacy.set(index, { range, fill });
    }
    await syncChunk(context);
  }
}

/** The A1 part of an address as Office.js returns it ("台账!F3:F4" → "F3:F4"). */
function localAddress(address: string): string {
  return (address.slice(address.lastIndexOf('!') + 1) || address).replace(/\$/g, '').toUpperCase();
}

/** Indices of the scan's rules that are ours. */
function ourRules(scan: RuleScan, isOurs: (sheet: string | null) => boolean, legacy: LegacyRulesRecord | null): number[] {
  const fills = new Set(Object.values(MARK_FILLS).map((c) => c.toUpperCase()));
  const recorded = new Set(legacy?.formats.map((f) => localAddress(f.address)) ?? []);
  const indices: number[] = [];
  scan.formulas().forEach((formula, index) => {
    if (formula === null) return;
    const sheet = markRuleSheet(formula);
    if (sheet !== undefined && isOurs(sheet)) {
      indices.push(index);
      return;
    }
    const old = scan.legacy?.get(index);
    if (old !== undefined && recorded.has(localAddress(old.range.address)) && fills.has((old.fill.color ?? '').toUpperCase())) indices.push(index);
  });
  return indices;
}

/**
 * Queue the deletion of rules of a scan, last first: items are addressed by id, which is their
 * priority (Office.js addresses a loaded collection's item by the id its load returned,
 * `createChildItemObjectPathUsingIndexerOrGetItemAt` in excel-web-16.00.debug.js), so deleting a
 * rule renumbers the rules below it but not those above.
 */
function queueDeletes(scan: RuleScan, indices: readonly number[]): void {
  for (const index of [...indices].sort((a, b) => b - a)) scan.remove(index);
}

/** Queue the deletion of a sheet: a very hidden one is made hidden first, or Excel refuses (office-js #365). */
function deleteSheet(sheet: SheetRow): void {
  if (sheet.visibility === 'VeryHidden') sheet.proxy.visibility = Excel.SheetVisibility.hidden;
  sheet.proxy.delete();
}

/** A helper name that no sheet has yet. */
function freeHelperName(sheets: readonly SheetRow[]): string {
  const taken = new Set(sheets.map((s) => sheetNameKey(s.name)));
  for (let n = 1; ; n++) {
    const name = n === 1 ? MARKS_SHEET_NAME : `${MARKS_SHEET_NAME}_${n}`;
    if (!taken.has(sheetNameKey(name))) return name;
  }
}

/** What `replaceRules` should leave: flags on a target sheet, or nothing (clear). */
export interface RulesTarget {
  readonly sheet: Excel.Worksheet;
  readonly flags: FlagRows | null;
}

/**
 * Remove our rules (found by content on the target sheet and on the previously marked sheet),
 * then, for a target with flags, write the helper sheet in payload-sized blocks and add one rule
 * per severity. Without flags the helper sheets are deleted. Round trips: 2 in the usual case
 * (find the sheets, rules and the recorded helper's marker; write), plus one per further block of
 * flags; one more to read the markers of other candidate sheets (no record, the recorded helper
 * gone, our rules reading another sheet, marks moving to another sheet, and on clear); migrating an
 * old record adds one per 1,000 old rules, and one when more than 500 rules are deleted.
 * `lastRequest` is called right before the last request is sent, after everything else was queued.
 * @returns the record to store, `null` when nothing is marked.
 */
export async function replaceRules(
  context: Excel.RequestContext,
  target: RulesTarget | null,
  previous: RulesRecord | LegacyRulesRecord | null,
  caps: Pick<Capabilities, 'enableEvents'>,
  lastRequest?: () => void,
  look?: RulesLook,
): Promise<RulesRecord | null> {
  const recordedName = previous?.kind === 'rules' && target !== null ? previous.helperName : null;
  let discovered: Discovered;
  if (look !== undefined && target !== null && previous?.kind !== 'cf' && look.recordedName === recordedName) {
    discovered = fromLook(context, target, look);
  } else {
    try {
      discovered = await discover(context, target, recordedName, caps);
    } catch (error) {
      // The recorded helper is gone (deleted by a macro or another tool): look without it.
      if (recordedName === null || officeErrorCode(error) !== 'ItemNotFound') throw error;
      discovered = await discover(context, target, null, caps);
    }
  }
  const { sheets, targetScan, recordedA1 } = discovered;
  const targetId = discovered.target?.id ?? null;
  const legacy = previous?.kind === 'cf' ? previous : null;
  const previousSheet =
    previous === null ? undefined : (sheets.find((s) => s.id === previous.sheetId) ?? sheets.find((s) => sheetNameKey(s.name) === sheetNameKey(previous.sheetName)));
  const scans: RuleScan[] = targetScan === null ? [] : [targetScan];
  const previousScan = previousSheet !== undefined && previousSheet.id !== targetId ? queueRuleScan(previousSheet.proxy) : null;
  if (previousScan !== null) scans.push(previousScan);
  const recordedHelper = previous?.kind === 'rules' ? sheetNameKey(previous.helperName) : null;
  const known = recordedA1 === MARKS_SHEET_MARKER ? sheets.find((s) => sheetNameKey(s.name) === recordedHelper) : undefined;
  // Usual case: the recorded helper carries the marker and every rule of ours on the ledger reads
  // it, so no other sheet needs a look. Otherwise hidden sheets and sheets named like the helper are
  // candidates; the marker in A1 decides.
  const sheetKeys = new Set(sheets.map((s) => sheetNameKey(s.name)));
  const readsOther = (scan: RuleScan): boolean =>
    scan.formulas().some((formula) => {
      const sheet = markRuleSheet(formula ?? '');
      return typeof sheet === 'string' && sheetKeys.has(sheetNameKey(sheet)) && sheetNameKey(sheet) !== recordedHelper;
    });
  const lookAround = known === undefined || targetScan === null || readsOther(targetScan);
  const candidates = (lookAround ? sheets : [])
    .filter((s) => s.id !== targetId && s !== known)
    .filter((s) => s.visibility !== 'Visible' || sheetNameKey(s.name).startsWith(sheetNameKey(MARKS_SHEET_NAME)) || sheetNameKey(s.name) === recordedHelper)
    .map((sheet) => {
      const a1 = sheet.proxy.getRange('A1');
      a1.load('values');
      return { sheet, a1 };
    });
  if (candidates.length > 0 || previousScan !== null) await context.sync();
  const legacyScan = legacy === null ? null : previousSheet !== undefined && previousSheet.id === targetId ? targetScan : previousScan;
  if (legacyScan !== null) await loadLegacyDetails(context, legacyScan);

  const found = candidates.filter((c) => c.a1.values[0]?.[0] === MARKS_SHEET_MARKER).map((c) => c.sheet);
  const helpers = known === undefined ? found : [known, ...found];
  // The flags are the add-in's own writes, not "the ledger changed" for the pane's listener (1.8).
  const eventsWere = caps.enableEvents ? discovered.enableEvents : null;
  if (eventsWere !== null) context.runtime.enableEvents = false;
  const restoreEvents = (): void => {
    if (eventsWere !== null) context.runtime.enableEvents = eventsWere;
  };
  try {
    // writeRules restores the events right before its last request.
    return await writeRules(context, { sheets, scans, legacy, helpers, target, targetSheet: discovered.target, recordedHelper }, () => {
      restoreEvents();
      lastRequest?.();
    });
  } catch (error) {
    if (eventsWere !== null) {
      restoreEvents();
      // Best effort: the failure being reported is the one that stopped the marking.
      await context.sync().catch(() => undefined);
    }
    throw error;
  }
}

interface Discovered {
  readonly sheets: readonly SheetRow[];
  readonly enableEvents: boolean | null;
  /** The target sheet's id and name (`null` without a target). */
  readonly target: { readonly id: string; readonly name: string } | null;
  readonly targetScan: RuleScan | null;
  /** A1 of the helper the record names (`undefined` when not asked for). */
  readonly recordedA1: unknown;
}

/**
 * What `look` read in an earlier request, as `discover` would return it, the sheets and rules addressed by
 * id in this context (`getItem` takes a sheet's id, ExcelApi 1.1; a rule's id, 1.6).
 */
function fromLook(context: Excel.RequestContext, target: RulesTarget, look: RulesLook): Discovered {
  const sheets = look.sheets.map((s) => ({ ...s, proxy: context.workbook.worksheets.getItem(s.id) }));
  const formats = target.sheet.getRange().conditionalFormats;
  const targetScan: RuleScan = {
    formats,
    formulas: () => look.rules.map((rule) => rule.formula),
    remove: (index) => {
      const rule = look.rules[index];
      if (rule !== undefined) formats.getItem(rule.id).delete();
    },
    legacy: null,
  };
  return { sheets, enableEvents: look.enableEvents, target: look.target, targetScan, recordedA1: look.recordedA1 };
}

/**
 * Round trip 1: every sheet's name, id and visibility, the target's id and rules, and A1 of the
 * helper the record names (ItemNotFound when that sheet is gone).
 */
async function discover(
  context: Excel.RequestContext,
  target: RulesTarget | null,
  recordedName: string | null,
  caps: Pick<Capabilities, 'enableEvents'>,
): Promise<Discovered> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/id,items/visibility');
  if (caps.enableEvents) context.runtime.load('enableEvents');
  target?.sheet.load('id,name');
  const targetScan = target === null ? null : queueRuleScan(target.sheet);
  const recordedA1 = recordedName === null ? null : worksheets.getItem(recordedName).getRange('A1');
  recordedA1?.load('values');
  await context.sync();
  return {
    sheets: worksheets.items.map((proxy) => ({ id: proxy.id, name: proxy.name, visibility: proxy.visibility, proxy })),
    enableEvents: caps.enableEvents ? context.runtime.enableEvents : null,
    target: target === null ? null : { id: target.sheet.id, name: target.sheet.name },
    targetScan,
    recordedA1: recordedA1?.values[0]?.[0],
  };
}

interface Found {
  readonly sheets: readonly SheetRow[];
  readonly scans: readonly RuleScan[];
  readonly legacy: LegacyRulesRecord | null;
  readonly helpers: readonly SheetRow[];
  readonly target: RulesTarget | null;
  readonly targetSheet: { readonly id: string; readonly name: string } | null;
  readonly recordedHelper: string | null;
}

/** The write phase of `replaceRules`: deletions, helper flags, rules. */
async function writeRules(context: Excel.RequestContext, found: Found, restoreEvents: () => void): Promise<RulesRecord | null> {
  const { sheets, scans, legacy, helpers, target, targetSheet, recordedHelper } = found;
  const worksheets = context.workbook.worksheets;
  const helperKeys = new Set(helpers.map((s) => sheetNameKey(s.name)));
  const sheetKeys = new Set(sheets.map((s) => sheetNameKey(s.name)));
  const isOurs = (sheet: string | null): boolean => sheet === null || helperKeys.has(sheetNameKey(sheet)) || !sheetKeys.has(sheetNameKey(sheet));
  let deletes = 0;
  for (const scan of scans) {
    const ours = ourRules(scan, isOurs, legacy);
    queueDeletes(scan, ours);
    deletes += ours.length;
  }
  // Deleting the 5,000 rules of an old record measured 1.4 MB of request in Office.js's format:
  // many deletions go alone, so a full block of flags still fits in the next request.
  if (deletes > MANY_DELETES) await syncChunk(context);

  const flags = target?.flags ?? null;
  if (target === null || flags === null) {
    for (const helper of helpers) deleteSheet(helper);
    restoreEvents();
    await context.sync();
    return null;
  }
  const kept = helpers.find((s) => sheetNameKey(s.name) === recordedHelper) ?? helpers[0];
  for (const extra of helpers) if (extra !== kept) deleteSheet(extra);
  let helper: Excel.Worksheet;
  let helperName: string;
  if (kept === undefined) {
    helperName = freeHelperName(sheets);
    helper = worksheets.add(helperName);
    // The marker first: a request that fails halfway keeps what ran before (a sheet left visible
    // is then still recognised, and hidden by the next marking).
    helper.getRange('A1').values = [[MARKS_SHEET_MARKER]];
    // Very hidden: not even listed by Unhide (Worksheet.visibility is writable from ExcelApi 1.2).
    helper.visibility = Excel.SheetVisibility.veryHidden;
  } else {
    helper = kept.proxy;
    helperName = kept.name;
    if (kept.visibility !== 'VeryHidden') helper.visibility = Excel.SheetVisibility.veryHidden;
    helper.getRange(`${FLAG_COLUMN}:${FLAG_COLUMN}`).clear(Excel.ClearApplyTo.contents);
  }
  const blocks = payloadBlocks(flags.rows);
  for (const [i, block] of blocks.entries()) {
    if (i > 0) await syncChunk(context); // the previous block (and the deletions) go first
    const top = flags.firstRow + block.start;
    helper.getRange(`${FLAG_COLUMN}${top + 1}:${FLAG_COLUMN}${top + block.rows.length}`).values = block.rows.map((row) => [literalText(row)]);
  }
  // The rules go after the flags they read, in the last request.
  const area = target.sheet.getRange(`A1:${cellAddress(flags.lastRow, flags.lastCol)}`);
  for (const severity of ['warning', 'error'] as const) {
    if (!flags.severities.has(severity)) continue;
    const rule = area.conditionalFormats.add(Excel.ConditionalFormatType.custom);
    rule.custom.rule.formula = markRuleFormula(helperName, severity);
    rule.custom.format.fill.color = MARK_FILLS[severity];
  }
  restoreEvents();
  await context.sync();
  return { kind: 'rules', sheetId: targetSheet?.id ?? target.sheet.id, sheetName: targetSheet?.name ?? target.sheet.name, helperName };
}
