import { strToU8, zipSync, type Zippable } from 'fflate';
import { writeFileSync } from 'fs';

/** A worksheet of a hand-built workbook: its `<sheetData>` inner XML, written as given. */
export interface HandSheet {
  readonly name: string;
  readonly sheetData: string;
  readonly state?: 'visible' | 'hidden' | 'veryHidden';
  /** Extra XML before `<sheetData>` (e.g. a `<dimension>`). */
  readonly head?: string;
}

/** Options of `handBuiltXlsx`. */
export interface HandBuiltOptions {
  readonly sheets: readonly HandSheet[];
  /** `<si>` elements' inner XML, in order. */
  readonly sharedStrings?: readonly string[];
  /** `<numFmts>` and `<cellXfs>` XML of the styles part. */
  readonly styles?: string;
  readonly date1904?: boolean;
  /** Where the workbook part lives (default `xl/workbook.xml`); the package relationships point at it. */
  readonly workbookPart?: string;
  /** Store every entry without compression (method 0). */
  readonly stored?: boolean;
  /** A namespace prefix for every spreadsheetml element, e.g. `x:` (as the Open XML SDK writes). */
  readonly prefix?: string;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Prefix every element of spreadsheetml XML written without one. */
function prefixed(xml: string, prefix: string): string {
  return prefix === '' ? xml : xml.replace(/<(\/?)([A-Za-z]+)(?=[\s/>])/g, `<$1${prefix}$2`);
}

/**
 * Build an .xlsx package from XML strings with fflate's `zipSync`: the parts a reader needs
 * (package and workbook relationships, workbook, sheets, shared strings, styles) and nothing else
 * ExcelJS would add, so each test controls exactly the bytes the reader sees.
 */
export function handBuiltXlsx(options: HandBuiltOptions): Uint8Array {
  const prefix = options.prefix ?? '';
  const ns = prefix === '' ? `xmlns="${MAIN_NS}"` : `xmlns:${prefix.slice(0, -1)}="${MAIN_NS}"`;
  const workbookPart = options.workbookPart ?? 'xl/workbook.xml';
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/'));
  const file = workbookPart.slice(folder.length + 1);
  const parts: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="/${workbookPart}"/></Relationships>`,
  };
  const rels: string[] = [];
  const sheetTags: string[] = [];
  options.sheets.forEach((sheet, i) => {
    const id = `rId${i + 1}`;
    rels.push(`<Relationship Id="${id}" Type="${REL_TYPE}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    const state = sheet.state === undefined ? '' : ` state="${sheet.state}"`;
    sheetTags.push(`<sheet name="${sheet.name}" sheetId="${i + 1}"${state} r:id="${id}"/>`);
    parts[`${folder}/worksheets/sheet${i + 1}.xml`] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prefixed(
      `<worksheet ${ns}>${sheet.head ?? ''}<sheetData>${sheet.sheetData}</sheetData></worksheet>`,
      prefix,
    )}`;
  });
  if (options.sharedStrings !== undefined) {
    rels.push(`<Relationship Id="rIdS" Type="${REL_TYPE}/sharedStrings" Target="sharedStrings.xml"/>`);
    parts[`${folder}/sharedStrings.xml`] = `<?xml version="1.0" encoding="UTF-8"?>${prefixed(
      `<sst ${ns} count="${options.sharedStrings.length}">${options.sharedStrings.map((si) => `<si>${si}</si>`).join('')}</sst>`,
      prefix,
    )}`;
  }
  if (options.styles !== undefined) {
    rels.push(`<Relationship Id="rIdT" Type="${REL_TYPE}/styles" Target="styles.xml"/>`);
    parts[`${folder}/styles.xml`] = `<?xml version="1.0" encoding="UTF-8"?>${prefixed(`<styleSheet ${ns}>${options.styles}</styleSheet>`, prefix)}`;
  }
  parts[`${folder}/_rels/${file}.rels`] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  const pr = options.date1904 === true ? '<workbookPr date1904="1"/>' : '<workbookPr/>';
  parts[workbookPart] = `<?xml version="1.0" encoding="UTF-8"?>${prefixed(`<workbook ${ns} xmlns:r="${REL_NS}">${pr}<sheets>${sheetTags.join('')}</sheets></workbook>`, prefix)}`;
  const zippable: Zippable = {};
  for (const [name, xml] of Object.entries(parts)) zippable[name] = [strToU8(xml), { level: options.stored === true ? 0 : 6 }];
  return zipSync(zippable);
}

/**
 * Rewrite a zip's end of central directory into its Zip64 form (APPNOTE 4.3.14–4.3.16): a Zip64
 * end record and locator before the classic record, whose count, size and offset fields are
 * saturated (0xFFFF / 0xFFFFFFFF), as a writer does for an archive past 4 GB or 65,535 entries.
 */
export function toZip64(zip: Uint8Array): Buffer {
  const data = Buffer.from(zip);
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  const zip64 = Buffer.alloc(56);
  zip64.writeUInt32LE(0x06064b50, 0);
  zip64.writeBigUInt64LE(44n, 4);
  zip64.writeUInt16LE(45, 12);
  zip64.writeUInt16LE(45, 14);
  zip64.writeBigUInt64LE(BigInt(count), 24);
  zip64.writeBigUInt64LE(BigInt(count), 32);
  zip64.writeBigUInt64LE(BigInt(cdSize), 40);
  zip64.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(eocd), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.from(data.subarray(eocd, eocd + 22));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([data.subarray(0, eocd), zip64, locator, end]);
}

/** Write bytes to a file (a small helper so tests read as steps). */
export function writeBytes(path: string, bytes: Uint8Array): string {
  writeFileSync(path, bytes);
  return path;
}
