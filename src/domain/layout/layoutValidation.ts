import { arrayOnDemand } from '../ledger/arrayOnDemand';
import { formatDataDate } from '../ledger/findDataDate';
import { parseLedgerDate } from '../ledger/parseLedgerDate';
import { describeIssueCode } from '../validate/issueMessages';
import { issueIndexesBySeverity } from '../validate/issueStore';
import { SEVERITIES, type Lang } from '../ledger/types';
import type { IssueColumn, LedgerIssue, LedgerRead } from '../validate/types';
import { formatLabel } from './formatLabel';
import type { LabelKey } from './labels';
import { numberFormats } from './numberFormats';
import { PlanBuilder } from './PlanBuilder';
import { PLAN_STYLES } from './planStyles';
import type { PlanCell, SheetPlan } from './types';

/** Options of `layoutValidation`. */
export interface ValidationLayoutOptions {
  readonly lang: Lang;
  /** The ledger sheet the issues point into (the links' target). */
  readonly sourceSheet: string;
  /** Sheet name; default 校验结果 / "Validation". */
  readonly sheetName?: string | undefined;
  /** The data date (`YYYY-MM-DD`) for the printed header; `null`: 截至日期：未注明; absent: no date in the header. */
  readonly dataDate?: string | null;
  /**
   * Build each issue's row of cells when the plan's block is read, and never keep it (`rowsOnDemand`): for a host
   * that writes the plan once, row by row (the .xlsx file port). A full sheet has 759,412 issues, 200 MB of rows.
   * The plan is equal (`toEqual`) either way.
   */
  readonly rowsOnDemand?: boolean;
}

/**
 * Columns: severity, issue (its title), row, column, raw value, message, suggestion, link, and the code (narrow, for
 * filtering). Each is as wide as its widest text (CJK counted as two, `fitColumnWidths`) between these bounds; the
 * code column stays narrow (its text is for the filter, not for reading).
 */
const MIN_WIDTHS: readonly number[] = [8, 10, 6, 10, 10, 20, 12, 8, 8];
// Bounded so that the sheet, printed one page wide, stays legible: a longer raw value or message shows in part.
const MAX_WIDTHS: readonly number[] = [20, 30, 10, 30, 24, 60, 44, 12, 8];
/** Column of the row numbers, the only numbers under the issue header. */
const ROW_COL = 2;
/** Issues whose raw value is a date cell: a date serial is shown as the date it is, not as 44866. */
const DATE_CODES: ReadonlySet<string> = new Set(['date_invalid', 'date_ambiguous', 'dates_reversed', 'completed_without_date']);

const SEVERITY_STYLE = { error: PLAN_STYLES.error, warning: PLAN_STYLES.warning, info: PLAN_STYLES.info } as const;

/**
 * The 校验结果 / "Validation" sheet plan (role `validation`): issue counts by severity and row
 * counts at the top, then every issue, errors first, then warnings, then info (the read's order
 * within each), with 严重程度, 代码, 行, 列 ("F 总投资"), 原值, 说明, 建议 and a link to the cell
 * in the source sheet (column A of the row for a row-level issue, none for a sheet-level one).
 * Raw values and messages are plain strings, which adapters always write as literal text, so a
 * cell holding "=HYPERLINK(…)" stays text. The header row is frozen.
 */
export function layoutValidation(read: LedgerRead, options: ValidationLayoutOptions): SheetPlan {
  const { lang, sourceSheet } = options;
  const label = (key: LabelKey, values?: Readonly<Record<string, string | number>>): string => formatLabel(lang, key, values);
  const count = numberFormats(0).count;
  const sheet = new PlanBuilder();

  // The issues' indexes by severity, not the issues: a compact read builds an issue each time it is read, and a full
  // sheet has a million of them. The rows built on demand hold the issues, not the read: its rows can go before the
  // sheet is written.
  const { issues } = read;
  const bySeverity = issueIndexesBySeverity(issues);

  const title = sheet.text(label('val_title'), PLAN_STYLES.title);
  sheet.merge({ ...title, cols: MIN_WIDTHS.length });
  sheet.text(label('val_source', { sheet: sourceSheet }));
  // One count per row, label | value | unit, so that no number reads as the label of the next one.
  sheet.table(
    SEVERITIES.map((severity) => [label(`severity_${severity}`), bySeverity[severity].length, label('issuesUnit')]),
    [null, count, null],
  );
  const { counts } = read;
  const rowsUnit = label('rowsUnit');
  sheet.table(
    [
      [label('validRows'), counts.validRows, rowsUnit],
      [label('warningRows'), counts.warningRows, rowsUnit],
      [label('errorRows'), counts.errorRows, rowsUnit],
    ],
    [null, count, null],
  );
  sheet.skip();

  const texts = {
    lang,
    title: label('val_title'),
    ...(options.dataDate === undefined ? {} : { dateLine: options.dataDate === null ? label('dataDateUnknown') : label('asOf', { asOf: formatDataDate(options.dataDate, lang) }) }),
  };
  if (read.issues.length === 0) {
    sheet.text(label('val_none'), PLAN_STYLES.ok);
    return sheet.plan('validation', options.sheetName ?? label('sheetValidation'), sheet.fittedWidths(MIN_WIDTHS, MAX_WIDTHS), undefined, {
      texts,
      printColumns: MIN_WIDTHS.length,
    });
  }

  const headerRow = sheet.row;
  sheet.table(
    [
      [
        label('val_col_severity'),
        label('val_col_issue'),
        label('val_col_row'),
        label('val_col_column'),
        label('val_col_raw'),
        label('val_col_message'),
        label('val_col_suggestion'),
        label('val_col_link'),
        label('val_col_code'),
      ],
    ],
    undefined,
    PLAN_STYLES.header,
  );
  // 行 stands over right-aligned numbers: aligned like them, so it reads as theirs.
  sheet.format({ row: headerRow, col: ROW_COL, rows: 1, cols: 1 }, PLAN_STYLES.numberHeader);
  // One string per severity and per column, shared by their rows: a full sheet has a million issues.
  const columnTexts = new Map<IssueColumn, string>();
  const columnText = (column: IssueColumn): string => {
    let text = columnTexts.get(column);
    if (text === undefined) {
      text = `${column.letter} ${column.header}`;
      columnTexts.set(column, text);
    }
    return text;
  };
  for (const severity of SEVERITIES) {
    const indexes = bySeverity[severity];
    const issueAt = (i: number): LedgerIssue => issues[indexes[i] as number] as LedgerIssue;
    const severityText = label(`severity_${severity}`);
    const rowOf = (issue: LedgerIssue): PlanCell[] => [
      severityText,
      describeIssueCode(issue.code, lang),
      issue.sheetRow,
      issue.column === null ? null : columnText(issue.column),
      shownRaw(issue),
      issue.message[lang],
      issue.suggestion?.[lang] ?? null,
      cellLink(issue, sourceSheet),
      issue.code,
    ];
    const rows = options.rowsOnDemand === true ? rowsOnDemand(indexes.length, (i) => rowOf(issueAt(i))) : indexes.map((_, i) => rowOf(issueAt(i)));
    const range = sheet.table(rows, [null, null, '0', null, null, null, null, null, null]);
    sheet.format({ ...range, cols: 1 }, SEVERITY_STYLE[severity]);
  }
  // One long list: the spreadsheet program breaks it by page, and its header row repeats on every page.
  return sheet.plan('validation', options.sheetName ?? label('sheetValidation'), sheet.fittedWidths(MIN_WIDTHS, MAX_WIDTHS), { rows: headerRow + 1, cols: 0 }, {
    texts,
    printColumns: MIN_WIDTHS.length,
    titleRows: { first: headerRow, last: headerRow },
  });
}

/** A link to the issue's cell (column A of its row when no column is known); `null` for a sheet-level issue. */
function cellLink(issue: LedgerIssue, sheet: string): PlanCell {
  if (issue.sheetRow === null) return null;
  const address = `${issue.column?.letter ?? 'A'}${issue.sheetRow}`;
  return { link: { sheet, address }, text: address };
}

/** The raw value as the sheet shows it: a date cell's serial as its date (YYYY-MM-DD), anything else as read. */
function shownRaw(issue: LedgerIssue): PlanCell {
  const raw = issue.raw;
  if (typeof raw !== 'number' || !DATE_CODES.has(issue.code)) return raw ?? null;
  const date = parseLedgerDate(raw);
  return date.kind === 'ok' ? date.start : raw;
}

/**
 * A read-only array of `count` rows whose row `i` is `rowAt(i)`, built each time it is read and never kept
 * (`arrayOnDemand`).
 */
export function rowsOnDemand<T>(count: number, rowAt: (index: number) => T): T[] {
  return arrayOnDemand(count, rowAt);
}
