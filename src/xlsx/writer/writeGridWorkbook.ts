import { columnLetter, type MergedCell } from '../../domain';
import { MINIMAL_STYLES_XML, StyleBook } from './StyleBook';
import { writePackage } from './writePackage';
import type { XlsxPackage } from './XlsxPackage';
import { cellAddress, CONTENT_TYPES, escapeXml, MAX_CELL_CHARS, NS, REL_TYPES, XML_DECLARATION } from './xmlText';

/** A one-sheet workbook's content: the cells from A1, the header row (bold, frozen) and column widths. */
export interface GridSheet {
  readonly name: string;
  readonly grid: readonly (readonly MergedCell[])[];
  /** 0-based header row: bold, and the rows down to it frozen. */
  readonly headerRowIndex: number;
  /** Widths in characters, from column A. */
  readonly columnWidths: readonly number[];
}

/** Rows rendered per yielded chunk, so a 100,000-row sheet is never one string. */
const ROWS_PER_CHUNK = 500;
const WORKBOOK_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/**
 * `writePackage` copies the parts of an input package; a new workbook has none. It still opens the input's file
 * (read-only) before writing, so the empty package names a file that always exists: this module's own.
 */
const EMPTY_PACKAGE: XlsxPackage = {
  path: __filename,
  entries: [],
  byName: new Map(),
  workbookPart: 'xl/workbook.xml',
  workbookXml: '',
  contentTypesXml: '',
  rels: new Map(),
  sheets: [],
};

/**
 * Write a new .xlsx workbook with one sheet of plain values: text as inline strings (never a formula, whatever it
 * starts with), numbers as numbers, `null` as no cell; the header row bold and frozen. Parts are deflated by zlib
 * and the file is written atomically (`writePackage`: a temporary file renamed over `path`).
 * @throws PortError `write_failed` (nothing is left at `path`).
 */
export async function writeGridWorkbook(path: string, sheet: GridSheet): Promise<void> {
  const styles = new StyleBook(MINIMAL_STYLES_XML);
  const bold = styles.xfIndex({ style: { bold: true }, numberFormat: null, isLink: false });
  const rels = (items: readonly string[]): string => `${XML_DECLARATION}<Relationships xmlns="${NS.pkgRel}">${items.join('')}</Relationships>`;
  await writePackage(
    EMPTY_PACKAGE,
    {
      drop: new Set(),
      replace: new Map(),
      add: [
        {
          name: '[Content_Types].xml',
          content:
            `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
            `<Override PartName="/xl/workbook.xml" ContentType="${WORKBOOK_MAIN}"/>` +
            `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPES.worksheet}"/>` +
            `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPES.styles}"/></Types>`,
        },
        { name: '_rels/.rels', content: rels([`<Relationship Id="rId1" Type="${REL_TYPES.officeDocument}" Target="xl/workbook.xml"/>`]) },
        {
          name: 'xl/workbook.xml',
          content: `${XML_DECLARATION}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><sheets><sheet name="${escapeXml(sheet.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        },
        {
          name: 'xl/_rels/workbook.xml.rels',
          content: rels([
            `<Relationship Id="rId1" Type="${REL_TYPES.worksheet}" Target="worksheets/sheet1.xml"/>`,
            `<Relationship Id="rId2" Type="${REL_TYPES.styles}" Target="styles.xml"/>`,
          ]),
        },
        { name: 'xl/worksheets/sheet1.xml', content: renderGridSheet(sheet, bold) },
        { name: 'xl/styles.xml', content: styles.toXml() },
      ],
    },
    path,
  );
}

function* renderGridSheet(sheet: GridSheet, headerStyle: number): Generator<string> {
  const { grid, headerRowIndex } = sheet;
  let lastCol = 0;
  for (const row of grid) lastCol = Math.max(lastCol, row.length - 1);
  let head = `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">`;
  head += `<dimension ref="${grid.length === 0 ? 'A1' : `A1:${cellAddress(grid.length - 1, lastCol)}`}"/>`;
  const frozen = headerRowIndex + 1;
  head += `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="${cellAddress(frozen, 0)}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`;
  head += '<sheetFormatPr defaultRowHeight="15"/>';
  const widths = sheet.columnWidths.map((w, i) => (Number.isFinite(w) && w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>` : '')).join('');
  if (widths !== '') head += `<cols>${widths}</cols>`;
  yield `${head}<sheetData>`;
  // Performance: the column letters once, not once per cell.
  const letters = Array.from({ length: lastCol + 1 }, (_, c) => columnLetter(c));
  let chunk = '';
  for (let r = 0; r < grid.length; r++) {
    const style = r === headerRowIndex ? ` s="${headerStyle}"` : '';
    let body = '';
    (grid[r] ?? []).forEach((value, c) => {
      const ref = `${letters[c] ?? columnLetter(c)}${r + 1}`;
      if (typeof value === 'string') {
        const text = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value;
        body += `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
      } else if (typeof value === 'number' && Number.isFinite(value)) {
        body += `<c r="${ref}"${style}><v>${value}</v></c>`;
      }
    });
    chunk += `<row r="${r + 1}">${body}</row>`;
    if ((r + 1) % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}
