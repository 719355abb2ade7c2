import { baselineRevision } from '../../workflows/baselineRevision';
import type { SheetPlan, SheetRole } from '../../domain';
import { markRuleSheet } from '../../workflows/markRuleSheet';
import { ownerName } from '../../workflows/ownerNames';
import { snapshotTextChunks, STATE_SHEET_NAME, stateSheetRows, type MarkRecord, type StateSheetDoc } from '../../workflows/stateSheet';
import type { StoredSnapshot } from './storeSnapshotPieces';
import { mainPrefixOf, withDefinedNames, withSheetsRemoved, type DefinedName } from '../definedNames';
import { plannedCells, plannedRows } from './plannedCells';
import { renderChartXml, renderDrawingXml } from './renderChartXml';
import { renderSheetXml } from './renderSheetXml';
import { rewriteSheetMarks } from './rewriteSheetMarks';
import { MINIMAL_STYLES_XML, StyleBook } from './StyleBook';
import type { PackageEdits, PartContent } from './writePackage';
import { readPartText, relsPartOf, type Relationship, type WorkbookSheet, type XlsxPackage } from './XlsxPackage';
import { absoluteRange, cellAddress, CONTENT_TYPES, escapeXml, NS, quoteSheetName, REL_TYPES, XML_DECLARATION } from './xmlText';
import { withPrintTitles } from './withPrintTitles';
import { renderUserSheetXml } from './renderUserSheetXml';
import type { UserSheetPlan } from '../../workflows/workbookPort';

/** An owned sheet to write. */
export interface PendingSheet {
  readonly plan: SheetPlan;
  /** The name it gets: the replaced sheet's, or a name no other sheet has. */
  readonly name: string;
  /** The sheetId of a new sheet (a replaced sheet keeps its own). */
  readonly sheetId: number;
  /**
   * The owned sheet it replaces in place: its `<sheet>` entry (name, sheetId, tab position, visibility) stays and
   * points at the new part, so formulas, names and charts that refer to it keep working. `null` for a new sheet.
   */
  readonly replaces: WorkbookSheet | null;
  /** Maps a sheet name used in the plan's links to the name the sheet really got. */
  readonly sheetName: (planned: string) => string;
}

/**
 * What the state sheet gets: the new state (format 2), or nothing (`--drop-state`: the sheet goes). A baseline given
 * in pieces (`snapshot`, `storeSnapshotPieces`) stands for `doc.snapshot`.
 */
export type StateEdit = { readonly kind: 'write'; readonly doc: Omit<StateSheetDoc, 'legacyOwned'>; readonly snapshot?: StoredSnapshot } | { readonly kind: 'drop' };

/** Everything the port decided, for `planPackageEdits`. */
export interface EditRequest {
  readonly sheets: readonly PendingSheet[];
  /** Sheets created for the user (`createSheetIfAbsent`): added after the others, never owned. */
  readonly created?: readonly { readonly plan: UserSheetPlan; readonly sheetId: number }[];
  /** The input's state sheet, replaced by the new state; `null` when it has none. */
  readonly stateSheet: WorkbookSheet | null;
  readonly state: StateEdit;
  /** sheetId of a new state sheet. */
  readonly stateSheetId: number;
  /** Issue marks the input's state recorded (removed from their sheets unless unchanged). */
  readonly oldMarks: readonly MarkRecord[];
  /** The issue marks the CLI writes now (conditional formats with a TRUE formula). */
  readonly marks: readonly MarkRecord[];
  /** Sheets whose add-in mark rules go: the ledger the CLI marks (or cleared); with the state dropped, every user sheet. */
  readonly addinMarksOn: ReadonlySet<string>;
  /** The add-in's marks helper sheets: their names tell its rules; removed when `removeMarksHelpers`. */
  readonly marksHelpers: readonly WorkbookSheet[];
  readonly removeMarksHelpers: boolean;
  /** Owned sheets that no plan replaces now and that keep their owner names (a format-1 state's, rewritten). */
  readonly keptOwned: ReadonlyMap<SheetRole, WorkbookSheet>;
}

/** Conditional-format fills of issue marks: Excel's "light red fill" and "yellow fill" presets. */
const MARK_FILLS: Readonly<Record<MarkRecord['severity'], string>> = { error: '#FFC7CE', warning: '#FFEB9C' };
const MARK_PRIORITY: Readonly<Record<MarkRecord['severity'], number>> = { error: 1, warning: 2 };

/** A part name `prefix{n}.xml` that the package does not have and that was not handed out yet. */
function partNamer(taken: Set<string>): (prefix: string) => string {
  return (prefix) => {
    let n = 1;
    while (taken.has(`${prefix}${n}.xml`.toLowerCase())) n++;
    const name = `${prefix}${n}.xml`;
    taken.add(name.toLowerCase());
    return name;
  };
}

/** A relative target from one part to another in the same package. */
function relativeTarget(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDir.length && common < toParts.length - 1 && fromDir[common] === toParts[common]) common++;
  return [...fromDir.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return `${XML_DECLARATION}<Relationships xmlns="${NS.pkgRel}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join('')}</Relationships>`;
}

/**
 * The state's revision (D1): the add-ins' `baselineRevision` of the baseline, so it changes whenever another baseline
 * is written, a host that cached the same baseline need not read it again, and every host writes the same D1.
 */
function stateRevision(snapshot: string | null): string {
  return snapshot === null ? '' : baselineRevision(snapshot);
}

/**
 * Render the state sheet (format 2, `stateSheetRows`), row by row: inline strings and numbers only, nothing else. The
 * baseline is `stored` when given (its chunks, one at a time), else `doc.snapshot`.
 */
function* stateSheetXml(doc: Omit<StateSheetDoc, 'legacyOwned'>, stored: StoredSnapshot | undefined): Generator<string> {
  yield `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}"><sheetData>`;
  const snapshot = stored ?? (doc.snapshot === null ? null : snapshotTextChunks(doc.snapshot));
  let r = 0;
  for (const row of stateSheetRows(doc, snapshot, stored?.revision ?? stateRevision(doc.snapshot))) {
    const cells = row
      .map((v, c) => {
        const ref = cellAddress(r, c);
        if (v === null) return '';
        return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
      })
      .join('');
    yield `<row r="${++r}">${cells}</row>`;
  }
  yield '</sheetData></worksheet>';
}

/** The `<sheet>` element of a sheet replaced in place: the same element, pointing at the new part. */
function retargeted(sheet: WorkbookSheet, relId: string, state: string | null = null): string {
  let element = sheet.element.replace(/(\s[\w.-]+:id\s*=\s*")[^"]*(")/, (_m, a: string, b: string) => `${a}${relId}${b}`);
  if (state !== null) {
    element = /\sstate\s*=\s*"[^"]*"/.test(element) ? element.replace(/(\sstate\s*=\s*")[^"]*(")/, `$1${state}$2`) : element.replace(/^(<[\w:]*sheet)(\s)/, `$1 state="${state}"$2`);
  }
  return element;
}

/** Every part reachable from `roots` through internal relationships, not entering `blocked`. */
function reachable(rels: ReadonlyMap<string, readonly Relationship[]>, roots: readonly string[], blocked: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  const queue = roots.filter((r) => !blocked.has(r));
  while (queue.length > 0) {
    const part = queue.pop() as string;
    if (seen.has(part)) continue;
    seen.add(part);
    for (const rel of rels.get(part) ?? []) if (!rel.isExternal && !blocked.has(rel.part) && !seen.has(rel.part)) queue.push(rel.part);
  }
  return seen;
}

function sameMarks(a: readonly MarkRecord[], b: readonly MarkRecord[]): boolean {
  const key = (m: MarkRecord): string => `${m.severity}\u0000${m.ref}`;
  const left = new Set(a.map(key));
  return a.length === b.length && b.every((m) => left.has(key(m)));
}

/**
 * Decide every change of the package for a refresh: the owned sheets (cells, styles, charts and
 * drawings; an owned sheet replaced in place), the state sheet (written, or dropped with the add-in's marks
 * helper), the issue marks (the CLI's and the add-in's), the owner and key-figure names, and their entries in the
 * workbook part, its relationships, `[Content_Types].xml` and `styles.xml`. Parts only the removed sheets
 * reached (their drawings and charts) are dropped, and `calcChain.xml` when a sheet is removed
 * (Excel rebuilds it). Everything else is left to be copied unchanged.
 */
export async function planPackageEdits(pkg: XlsxPackage, request: EditRequest): Promise<PackageEdits> {
  const workbookPart = pkg.workbookPart;
  const workbookRels = pkg.rels.get(workbookPart) ?? [];
  const taken = new Set(pkg.entries.map((e) => e.name.toLowerCase()));
  const nextPart = partNamer(taken);
  const replace = new Map<string, PartContent>();
  const add: { name: string; content: PartContent }[] = [];
  const overrides: { part: string; type: string }[] = [];
  const newWorkbookRels: { id: string; type: string; target: string }[] = [];
  const usedIds = new Set(workbookRels.map((r) => r.id));
  const nextRelId = (): string => {
    let n = usedIds.size + 1;
    while (usedIds.has(`rId${n}`)) n++;
    usedIds.add(`rId${n}`);
    return `rId${n}`;
  };

  // Styles: existing entries keep their indexes; every cell format the new sheets use is added first.
  const stylesRel = workbookRels.find((r) => r.type === REL_TYPES.styles && !r.isExternal);
  const stylesPart = stylesRel?.part ?? 'xl/styles.xml';
  const stylesXml = stylesRel === undefined ? null : await readPartText(pkg, stylesPart);
  const styles = new StyleBook(stylesXml ?? MINIMAL_STYLES_XML);
  // A sheet's cells are laid out when its part is written (one sheet's cells in memory at a
  // time); styles.xml is written after every sheet, so it holds every format they used.
  const sheets = request.sheets.map((sheet) => ({ ...sheet, cells: sheet.plan.charts.length > 0 ? plannedCells(sheet.plan) : null }));

  // Issue marks: a sheet whose marks changed gets its conditional formats rewritten, and so does a sheet the CLI
  // marks while the add-in's marks helper exists (its rules on that sheet go).
  const replacedSheets = new Set(request.sheets.flatMap((s) => (s.replaces === null ? [] : [s.replaces])));
  const helperNames = new Set(request.marksHelpers.map((s) => s.name.toLowerCase()));
  const sheetNames = new Set(pkg.sheets.map((s) => s.name.toLowerCase()));
  const isAddinMark = (formula: string): boolean => {
    const sheet = markRuleSheet(`=${formula}`);
    return sheet === null || (sheet !== undefined && (helperNames.has(sheet.toLowerCase()) || !sheetNames.has(sheet.toLowerCase())));
  };
  const cleanAddinMarks = request.marksHelpers.length > 0 ? request.addinMarksOn : new Set<string>();
  const markSheets = new Set([...request.oldMarks.map((m) => m.sheet), ...request.marks.map((m) => m.sheet), ...cleanAddinMarks]);
  for (const name of markSheets) {
    const before = request.oldMarks.filter((m) => m.sheet === name);
    const after = request.marks.filter((m) => m.sheet === name);
    const sheet = pkg.sheets.find((s) => s.name === name);
    const part = sheet?.part ?? null;
    if (sheet === undefined || part === null || replacedSheets.has(sheet) || (sameMarks(before, after) && !cleanAddinMarks.has(name))) continue;
    const added = after
      .map(
        (m) =>
          `<conditionalFormatting sqref="${escapeXml(m.ref)}"><cfRule type="expression" dxfId="${styles.fillDxfIndex(MARK_FILLS[m.severity])}" priority="${MARK_PRIORITY[m.severity]}"><formula>TRUE</formula></cfRule></conditionalFormatting>`,
      )
      .join('');
    const oldRefs = new Set(before.map((m) => m.ref));
    const addin = cleanAddinMarks.has(name) ? isAddinMark : undefined;
    replace.set(part, { rewrite: (original) => rewriteSheetMarks(original, oldRefs, added, addin) });
  }
  if (stylesXml === null) {
    add.push({ name: stylesPart, content: { late: () => styles.toXml() } });
    overrides.push({ part: stylesPart, type: CONTENT_TYPES.styles });
    newWorkbookRels.push({ id: nextRelId(), type: REL_TYPES.styles, target: relativeTarget(workbookPart, stylesPart) });
  } else {
    replace.set(stylesPart, { late: () => styles.toXml() });
  }

  // Owned sheets, with their drawings and charts.
  const sheetElements = new Map<number | 'append', string[]>();
  const relPrefix = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(pkg.workbookXml)?.[1] ?? null;
  const mainPrefix = mainPrefixOf(pkg.workbookXml);
  const sheetElement = (name: string, sheetId: number, relId: string, state: string | null): string =>
    `<${mainPrefix}sheet name="${escapeXml(name)}" sheetId="${sheetId}"${state === null ? '' : ` state="${state}"`} ${relPrefix ?? 'r'}:id="${relId}"${relPrefix === null ? ` xmlns:r="${NS.rel}"` : ''}/>`;
  const place = (key: number | 'append', element: string): void => {
    sheetElements.set(key, [...(sheetElements.get(key) ?? []), element]);
  };

  for (const sheet of sheets) {
    const part = nextPart('xl/worksheets/sheet');
    const relId = nextRelId();
    newWorkbookRels.push({ id: relId, type: REL_TYPES.worksheet, target: relativeTarget(workbookPart, part) });
    overrides.push({ part, type: CONTENT_TYPES.worksheet });
    if (sheet.replaces === null) place('append', sheetElement(sheet.name, sheet.sheetId, relId, null));
    else place(sheet.replaces.sheetId, retargeted(sheet.replaces, relId));
    const drawingRelId = sheet.plan.charts.length > 0 ? 'rId1' : null;
    const { plan, sheetName } = sheet;
    const laidOut = sheet.cells;
    add.push({ name: part, content: renderSheetXml(plan, { rows: () => (laidOut === null ? plannedRows(plan) : laidOut.entries()), styles, sheetName, drawingRelId }) });
    if (drawingRelId !== null) {
      const drawing = nextPart('xl/drawings/drawing');
      add.push({ name: relsPartOf(part), content: relsXml([{ id: drawingRelId, type: REL_TYPES.drawing, target: relativeTarget(part, drawing) }]) });
      overrides.push({ part: drawing, type: CONTENT_TYPES.drawing });
      const charts = sheet.plan.charts.map((spec, i) => ({ spec, relId: `rId${i + 1}`, part: nextPart('xl/charts/chart') }));
      add.push({ name: drawing, content: renderDrawingXml(charts) });
      add.push({ name: relsPartOf(drawing), content: relsXml(charts.map((c) => ({ id: c.relId, type: REL_TYPES.chart, target: relativeTarget(drawing, c.part) }))) });
      for (const chart of charts) {
        add.push({ name: chart.part, content: renderChartXml(chart.spec, sheet.name, laidOut ?? plannedCells(plan)) });
        overrides.push({ part: chart.part, type: CONTENT_TYPES.chart });
      }
    }
  }

  // Sheets created for the user, at the end.
  for (const sheet of request.created ?? []) {
    const part = nextPart('xl/worksheets/sheet');
    const relId = nextRelId();
    newWorkbookRels.push({ id: relId, type: REL_TYPES.worksheet, target: relativeTarget(workbookPart, part) });
    overrides.push({ part, type: CONTENT_TYPES.worksheet });
    place('append', sheetElement(sheet.plan.name, sheet.sheetId, relId, null));
    add.push({ name: part, content: renderUserSheetXml(sheet.plan, styles) });
  }

  // The state sheet: a new part in the old one's place (its name kept), very hidden, or at the end; or no state.
  const dropped = new Set<WorkbookSheet>(request.removeMarksHelpers ? request.marksHelpers : []);
  if (request.state.kind === 'write') {
    const statePart = nextPart('xl/worksheets/sheet');
    const stateRelId = nextRelId();
    newWorkbookRels.push({ id: stateRelId, type: REL_TYPES.worksheet, target: relativeTarget(workbookPart, statePart) });
    overrides.push({ part: statePart, type: CONTENT_TYPES.worksheet });
    add.push({ name: statePart, content: stateSheetXml(request.state.doc, request.state.snapshot) });
    if (request.stateSheet === null) place('append', sheetElement(freeStateName(pkg), request.stateSheetId, stateRelId, 'veryHidden'));
    else place(request.stateSheet.sheetId, retargeted(request.stateSheet, stateRelId, 'veryHidden'));
  } else if (request.stateSheet !== null) {
    dropped.add(request.stateSheet);
  }

  // Removed sheets and the parts only they reached.
  const removedSheets = pkg.sheets.filter((s) => replacedSheets.has(s) || s === request.stateSheet || dropped.has(s));
  const removedRelIds = new Set(removedSheets.map((s) => s.relId));
  const removedParts = new Set(removedSheets.flatMap((s) => (s.part === null ? [] : [s.part])));
  const calcChain = workbookRels.find((r) => r.type === REL_TYPES.calcChain);
  if (calcChain !== undefined && removedSheets.length > 0) {
    removedRelIds.add(calcChain.id);
    removedParts.add(calcChain.part);
  }
  const kept = reachable(pkg.rels, [''], removedParts);
  const drop = new Set<string>();
  for (const part of reachable(pkg.rels, [...removedParts], new Set())) {
    if (kept.has(part)) continue;
    drop.add(part);
    drop.add(relsPartOf(part));
  }
  for (const part of drop) if (!pkg.byName.has(part)) drop.delete(part);

  // The workbook part: removed sheets give way to their replacements, new ones go last; names scoped to a dropped
  // sheet go, and those of later sheets follow their sheet's new position.
  const droppedAt = new Set(pkg.sheets.flatMap((s, i) => (dropped.has(s) ? [i] : [])));
  let workbookXml = withSheetsRemoved(pkg.workbookXml, mainPrefix, droppedAt, pkg.sheets.length);
  for (const sheet of pkg.sheets) {
    if (!removedRelIds.has(sheet.relId)) continue;
    workbookXml = workbookXml.replace(sheet.element, (sheetElements.get(sheet.sheetId) ?? []).join(''));
    sheetElements.delete(sheet.sheetId);
  }
  const appended = [...sheetElements.values()].flat().join('');
  workbookXml = workbookXml.replace(new RegExp(`</${mainPrefix}sheets>`), `${appended}</${mainPrefix}sheets>`);
  // Print titles are workbook-level defined names scoped to a sheet (`_xlnm.Print_Titles`).
  const printTitles = request.sheets.flatMap((s) => {
    const rows = s.plan.pageSetup?.titleRows;
    return rows === undefined ? [] : [{ sheet: s.name, first: rows.first, last: rows.last }];
  });
  replace.set(workbookPart, withFullCalcOnLoad(withDefinedNames(withPrintTitles(workbookXml, mainPrefix, printTitles), mainPrefix, ownedNames(request)), mainPrefix));

  // Its relationships.
  const workbookRelsPart = relsPartOf(workbookPart);
  const relsText = (await readPartText(pkg, workbookRelsPart)) ?? `${XML_DECLARATION}<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
  let newRelsText = relsText.replace(/<(?:\w+:)?Relationship\s[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?Relationship>)/g, (element) => {
    const id = /\sId="([^"]*)"/.exec(element)?.[1] ?? '';
    return removedRelIds.has(id) ? '' : element;
  });
  const relElements = newWorkbookRels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join('');
  newRelsText = newRelsText.replace(/<\/((?:\w+:)?)Relationships>/, (close) => `${relElements}${close}`);
  replace.set(workbookRelsPart, newRelsText);

  // Content types: overrides of dropped parts go, new parts get theirs.
  let contentTypes = pkg.contentTypesXml.replace(/<(?:\w+:)?Override\s[^>]*\/>/g, (element) => {
    const name = /PartName="\/?([^"]*)"/.exec(element)?.[1] ?? '';
    return drop.has(decodeURIComponent(name)) ? '' : element;
  });
  const overrideElements = overrides.map((o) => `<Override PartName="/${escapeXml(o.part)}" ContentType="${o.type}"/>`).join('');
  contentTypes = contentTypes.replace(/<\/((?:\w+:)?)Types>/, (close) => `${overrideElements}${close}`);
  replace.set('[Content_Types].xml', contentTypes);

  return { drop, replace, add };
}

/**
 * The workbook-scoped names a refresh defines: each owned sheet's hidden owner name (`_LedgerStats_Owner_<role>` →
 * its A1, as the add-in writes it), kept owned sheets' too, and the plans' key-figure names (`台账统计_总投资` → the
 * figure's cell). Each replaces the former definition of the same name.
 */
function ownedNames(request: EditRequest): DefinedName[] {
  const names: DefinedName[] = [];
  const owner = (role: SheetRole, sheet: string): DefinedName => ({ name: ownerName(role), localSheetId: null, hidden: true, formula: `${quoteSheetName(sheet)}!$A$1` });
  for (const [role, sheet] of request.keptOwned) names.push(owner(role, sheet.name));
  for (const { plan, name } of request.sheets) {
    names.push(owner(plan.role, name));
    for (const key of plan.names ?? []) names.push({ name: key.name, localSheetId: null, hidden: false, formula: `${quoteSheetName(name)}!${absoluteRange(key.row, key.col, 1, 1)}` });
  }
  return names;
}

/** A name for a new state sheet that no sheet has. */
function freeStateName(pkg: XlsxPackage): string {
  const taken = new Set(pkg.sheets.map((s) => s.name.toLowerCase()));
  let name = STATE_SHEET_NAME;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${STATE_SHEET_NAME}_${n}`;
  return name;
}

/** Workbook children that follow `<calcPr>` in the schema order of CT_Workbook. */
const AFTER_CALC_PR = ['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/**
 * Ask for a full recalculation when the workbook opens (`<calcPr fullCalcOnLoad="1">`), as the
 * ExcelJS writer did: the user's own formulas that point into the replaced sheets still hold the
 * old cached values, and Excel recalculates a file on open only when told to.
 */
function withFullCalcOnLoad(xml: string, prefix: string): string {
  const calcPr = new RegExp(`<${prefix}calcPr(\\s[^>]*?)?(/?)>`).exec(xml);
  if (calcPr !== null) {
    const attrs = (calcPr[1] ?? '').replace(/\s+fullCalcOnLoad\s*=\s*("[^"]*"|'[^']*')/, '');
    return `${xml.slice(0, calcPr.index)}<${prefix}calcPr${attrs} fullCalcOnLoad="1"${calcPr[2]}>${xml.slice(calcPr.index + calcPr[0].length)}`;
  }
  let at = xml.lastIndexOf(`</${prefix}workbook>`);
  for (const name of AFTER_CALC_PR) {
    const match = new RegExp(`<${prefix}${name}[\\s/>]`).exec(xml);
    if (match !== null && match.index < at) at = match.index;
  }
  return at < 0 ? xml : `${xml.slice(0, at)}<${prefix}calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
}
