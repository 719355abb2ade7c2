import { createReadStream } from 'fs';
import { open } from 'fs/promises';
import { extname } from 'path';
import { PortError } from '../workflows/workbookPort';
import { readZipEntries } from './zipIndex';

/** Input formats the CLI reads. */
export const INPUT_FORMATS = ['xlsx', 'csv', 'xls'] as const;
/** An input format. */
export type InputFormat = (typeof INPUT_FORMATS)[number];

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE compound file (CFB): legacy .xls (read by `openXlsReadPort`), and also every password-protected .xlsx. */
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** An encrypted OOXML package is a CFB holding a stream named "EncryptedPackage" (MS-OFFCRYPTO §2.3.4.4). */
const ENCRYPTED_PACKAGE_NAME = Buffer.from('EncryptedPackage', 'utf16le');
const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);
const ZIP_NON_XLSX_EXTENSIONS = new Set(['.ods', '.xlsb', '.numbers', '.zip', '.docx', '.pptx']);

function fileError(path: string, error: unknown): PortError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';
  return new PortError('file_unreadable', `${path}: ${code}`, { cause: error });
}

async function containsBytes(path: string, needle: Buffer): Promise<boolean> {
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const window = Buffer.concat([carry, chunk as Buffer]);
    if (window.includes(needle)) return true;
    carry = window.subarray(Math.max(0, window.length - needle.length));
  }
  return false;
}

/** What a zip package that is not an Excel workbook is, by its parts. */
export const OTHER_ZIP_DOCUMENTS = ['word', 'powerpoint', 'opendocument', 'xlsb', 'zip'] as const;
/** One of `OTHER_ZIP_DOCUMENTS`. */
export type OtherZipDocument = (typeof OTHER_ZIP_DOCUMENTS)[number];

/**
 * Which other kind of zip package a file is (a Word document renamed .xlsx, …), or `null` when it has the usual
 * workbook part (`xl/workbook.xml`), is some other Office package, or cannot be read as a zip (the reader then
 * says what is wrong).
 */
async function otherZipDocument(path: string): Promise<OtherZipDocument | null> {
  let entries;
  try {
    entries = await readZipEntries(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (entries === null) return null;
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (names.has('xl/workbook.xml')) return null;
  if (names.has('word/document.xml')) return 'word';
  if (names.has('ppt/presentation.xml')) return 'powerpoint';
  if (names.has('content.xml') && names.has('mimetype')) return 'opendocument';
  if (names.has('xl/workbook.bin')) return 'xlsb';
  // Another package of Office parts is left to the reader (a workbook part may sit elsewhere, named by _rels/.rels).
  return names.has('[content_types].xml') ? null : 'zip';
}

/**
 * Tell what a file is from its first bytes (and its extension for text files).
 * @throws PortError `file_unreadable` (missing, a directory, no permission, empty),
 *   `password_protected` (an encrypted workbook), `unsupported_format` (.ods, a zip without a workbook
 *   part such as a Word document renamed .xlsx: "not a workbook (word)", anything else).
 */
export async function detectInputFormat(path: string): Promise<InputFormat> {
  let head: Buffer;
  try {
    const file = await open(path, 'r');
    try {
      const stat = await file.stat();
      if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      head = Buffer.alloc(8);
      const { bytesRead } = await file.read(head, 0, 8, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw fileError(path, error);
  }
  const extension = extname(path).toLowerCase();
  if (head.length === 0) throw new PortError('file_unreadable', `${path}: empty file`);
  if (head.subarray(0, 8).equals(CFB_SIGNATURE)) {
    if (await containsBytes(path, ENCRYPTED_PACKAGE_NAME)) throw new PortError('password_protected', `${path}: encrypted workbook`);
    // Another compound file (a .doc, an .msg) fails in the .xls reader, which says so.
    return 'xls';
  }
  if (head.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    if (ZIP_NON_XLSX_EXTENSIONS.has(extension)) throw new PortError('unsupported_format', `${path}: ${extension} is not supported`);
    const kind = await otherZipDocument(path);
    if (kind !== null) throw new PortError('unsupported_format', `${path}: not a workbook (${kind})`);
    return 'xlsx';
  }
  if (TEXT_EXTENSIONS.has(extension)) return 'csv';
  throw new PortError('unsupported_format', `${path}: unknown format${extension ? ` (${extension})` : ''}`);
}
