import { strToU8, zipSync } from 'fflate';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { toCliError } from '../../src/cli/CliError';
import { detectInputFormat } from '../../src/xlsx/detectInputFormat';
import { writeEncryptedLikeFile, writeGridXlsx, writeLegacyXlsLikeFile } from './xlsxFixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-detect-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('detectInputFormat', () => {
  it('recognises an .xlsx workbook by its zip signature, whatever its extension', async () => {
    await writeGridXlsx(join(dir, 'a.bin'), [{ name: 'S', grid: [['x']] }]);
    await expect(detectInputFormat(join(dir, 'a.bin'))).resolves.toBe('xlsx');
  });

  it('recognises a legacy .xls workbook by its compound-file signature (read by openXlsReadPort)', async () => {
    writeLegacyXlsLikeFile(join(dir, 'old.xls'));
    await expect(detectInputFormat(join(dir, 'old.xls'))).resolves.toBe('xls');
  });

  it.each(['a.csv', 'a.tsv', 'a.TXT'])('reads %s as CSV', async (name) => {
    writeFileSync(join(dir, name), 'a,b\n');
    await expect(detectInputFormat(join(dir, name))).resolves.toBe('csv');
  });

  it.each([
    ['a missing file', (p: string) => p, 'file_unreadable'],
    ['an empty file', (p: string) => (writeFileSync(p, ''), p), 'file_unreadable'],
    ['a directory', (p: string) => (mkdirSync(p), p), 'file_unreadable'],
    ['a password-protected workbook', (p: string) => (writeEncryptedLikeFile(p), p), 'password_protected'],
    ['an unknown binary', (p: string) => (writeFileSync(p, Buffer.from([1, 2, 3, 4])), p), 'unsupported_format'],
  ])('rejects %s', async (_name, make, code) => {
    const path = make(join(dir, 'input.xlsx'));
    await expect(detectInputFormat(path)).rejects.toMatchObject({ name: 'PortError', code });
  });

  it('rejects an OpenDocument spreadsheet (a zip too)', async () => {
    await writeGridXlsx(join(dir, 'a.ods'), [{ name: 'S', grid: [['x']] }]);
    await expect(detectInputFormat(join(dir, 'a.ods'))).rejects.toMatchObject({ code: 'unsupported_format' });
  });
});

describe('detectInputFormat on a zip that is not a workbook', () => {
  const zipOf = (files: Record<string, string>): Uint8Array => zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)])));

  it.each([
    ['a Word document', { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }, 'word'],
    ['a PowerPoint presentation', { '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p:presentation/>' }, 'powerpoint'],
    ['a plain zip', { 'readme.txt': 'hello' }, 'zip'],
  ])('says %s renamed .xlsx is not a workbook', async (_name, files, kind) => {
    const path = join(dir, 'report.xlsx');
    writeFileSync(path, zipOf(files));
    await expect(detectInputFormat(path)).rejects.toMatchObject({ code: 'unsupported_format', message: `${path}: not a workbook (${kind})` });
  });

  it('and the CLI says so in a sentence', async () => {
    const path = join(dir, 'report.xlsx');
    writeFileSync(path, zipOf({ 'word/document.xml': '<w:document/>' }));
    const error = toCliError(await detectInputFormat(path).catch((e: unknown) => e), { path });
    expect(error.exitCode).toBe(2);
    expect(error.bilingual['zh-CN']).toContain('这不是 Excel 工作簿（看起来是 Word 文档）');
    expect(error.bilingual['en-US']).toContain('This is not an Excel workbook (it looks like a Word document)');
  });
});
