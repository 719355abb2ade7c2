import type { Bilingual } from '../domain';
import { WorkflowError } from '../workflows/runError';
import { PortError } from '../workflows/workbookPort';
import { cliBilingual } from './cliText';

/** Exit codes of the CLI. */
export const EXIT_CODES = {
  /** Done; for `validate`, no error-severity issue. */
  ok: 0,
  /** `validate` found at least one error-severity issue; `summarize` / `refresh`: an all-zero report after a `--mapping`. */
  issues: 1,
  /** Bad arguments, or an input that cannot be read (missing, protected, unsupported, no such sheet, no ledger). */
  input: 2,
  /** A bug: reported in one line; `LEDGER_STATS_DEBUG=1` prints the stack. */
  internal: 3,
} as const;

/** A failure the CLI reports in one line and turns into an exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: number,
    readonly bilingual: Bilingual,
    options?: { cause?: unknown },
  ) {
    super(bilingual['en-US'], options);
  }
}

/** A usage or input error (exit 2). */
export function inputError(message: Bilingual, cause?: unknown): CliError {
  return new CliError(EXIT_CODES.input, message, cause === undefined ? undefined : { cause });
}

/** What the CLI was doing when a failure happened, to name the file and sheet in the message. */
export interface FailureContext {
  readonly path: string;
  readonly sheet?: string;
  readonly sheets?: readonly string[];
}

/** Write failures by errno, as messages with advice. */
const WRITE_REASONS: Readonly<Record<string, 'writeNoPermission' | 'writeNoFolder' | 'writeNoSpace' | 'writeReadOnly' | 'writeIsFolder'>> = {
  EACCES: 'writeNoPermission',
  EPERM: 'writeNoPermission',
  ENOENT: 'writeNoFolder',
  ENOTDIR: 'writeNoFolder',
  ENOSPC: 'writeNoSpace',
  EDQUOT: 'writeNoSpace',
  EROFS: 'writeReadOnly',
  EISDIR: 'writeIsFolder',
};

function errnoOf(error: PortError): string | undefined {
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * Classify anything thrown while running a command, in one place: port and workflow failures
 * become one-line input errors (exit 2); anything else is an internal error (exit 3).
 */
export function toCliError(error: unknown, context: FailureContext): CliError {
  if (error instanceof CliError) return error;
  const { path } = context;
  if (error instanceof PortError) {
    const errno = errnoOf(error);
    switch (error.code) {
      case 'file_unreadable':
        if (errno === 'ENOENT') return inputError(cliBilingual('fileNotFound', { path }), error);
        if (errno === 'EACCES' || errno === 'EPERM') return inputError(cliBilingual('fileNoPermission', { path }), error);
        if (errno === 'EISDIR') return inputError(cliBilingual('fileIsDirectory', { path }), error);
        if (error.message.endsWith('empty file')) return inputError(cliBilingual('fileEmpty', { path }), error);
        if (errno === undefined) return inputError(cliBilingual('fileCorrupt', { path }), error);
        return inputError(cliBilingual('fileUnreadable', { path, detail: errno }), error);
      case 'password_protected':
        return inputError(cliBilingual('passwordProtected', { path }), error);
      case 'unsupported_format': {
        const other = /not a workbook \((\w+)\)$/.exec(error.message)?.[1];
        if (other !== undefined) return inputError(notWorkbook(other, path), error);
        return inputError(cliBilingual(/\.xls\b|legacy/.test(error.message) ? 'legacyXls' : 'unsupportedFormat', { path }), error);
      }
      case 'source_not_found':
        return inputError(
          /^table/.test(error.message)
            ? cliBilingual('tableNotFound', { sheet: context.sheet ?? '' })
            : cliBilingual('sheetNotFound', { sheet: context.sheet ?? '', sheets: (context.sheets ?? []).join('、') }),
          error,
        );
      case 'write_failed': {
        // The file system's reason as a sentence with advice; anything else as it came.
        const reason = WRITE_REASONS[errno ?? error.message];
        return inputError(reason === undefined ? cliBilingual('writeFailed', { path, detail: error.message }) : cliBilingual(reason, { path }), error);
      }
      default:
        return inputError(cliBilingual('fileUnreadable', { path, detail: error.message }), error);
    }
  }
  if (error instanceof WorkflowError) {
    if (error.code === 'ledger_not_found') return inputError(cliBilingual('ledgerNotFound', { path }), error);
    return inputError(error.bilingual, error);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CliError(EXIT_CODES.internal, cliBilingual('internalError', { detail }), { cause: error });
}

/** What a zip package that is not a workbook looks like, in both languages (`detectInputFormat`'s kinds). */
const OTHER_DOCUMENTS: Readonly<Record<string, { 'zh-CN': string; 'en-US': string }>> = {
  word: { 'zh-CN': 'Word 文档', 'en-US': 'a Word document' },
  powerpoint: { 'zh-CN': 'PowerPoint 演示文稿', 'en-US': 'a PowerPoint presentation' },
  opendocument: { 'zh-CN': 'OpenDocument 文件', 'en-US': 'an OpenDocument file' },
  xlsb: { 'zh-CN': 'Excel 二进制工作簿（.xlsb）', 'en-US': 'an Excel binary workbook (.xlsb)' },
  zip: { 'zh-CN': '普通 zip 压缩包', 'en-US': 'a plain zip archive' },
};

function notWorkbook(kind: string, path: string): Bilingual {
  const looks = OTHER_DOCUMENTS[kind] ?? OTHER_DOCUMENTS.zip ?? { 'zh-CN': kind, 'en-US': kind };
  return {
    // A space between Chinese and a Latin word, as Chinese typesetting writes it: 看起来是 Word 文档.
    'zh-CN': `这不是 Excel 工作簿（看起来是${/^[A-Za-z]/.test(looks['zh-CN']) ? ' ' : ''}${looks['zh-CN']}）：${path}。请打开 .xlsx 或 .csv 文件。`,
    'en-US': `This is not an Excel workbook (it looks like ${looks['en-US']}): ${path}. Open an .xlsx or .csv file.`,
  };
}
