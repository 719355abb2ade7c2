import type { Bilingual } from '../domain';
import { PortError, type PortErrorCode } from './workbookPort';

/** A failed run, as the task pane, the ribbon command and the CLI show it. */
export interface RunError {
  /** Stable code, e.g. `source_not_found`, `ledger_not_found`, `payload_too_large`, `internal`. */
  readonly code: string;
  readonly message: Bilingual;
  /** The host's own error code or message, for support. */
  readonly detail: string;
}

/** A workflow-level failure with a code and a bilingual message. */
export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  constructor(
    readonly code: string,
    readonly bilingual: Bilingual,
  ) {
    super(bilingual['en-US']);
  }
}

const PORT_MESSAGES: Record<PortErrorCode, Bilingual> = {
  source_not_found: { 'zh-CN': '找不到台账工作表或表格。', 'en-US': 'The ledger sheet or table was not found.' },
  payload_too_large: {
    'zh-CN': '数据量超过 Excel 单次传输上限，请稍后重试。',
    'en-US': 'The data exceeded Excel’s payload limit; please try again.',
  },
  not_supported: { 'zh-CN': '此版本的 Excel 不支持该操作。', 'en-US': 'This version of Excel does not support the operation.' },
  busy: { 'zh-CN': 'Excel 正忙（可能正在编辑单元格），请退出编辑后重试。', 'en-US': 'Excel is busy (a cell may be in edit mode); finish editing and try again.' },
  refresh_in_progress: {
    'zh-CN': '另一次刷新（任务窗格或功能区按钮）仍在进行，本次未刷新，原有汇总保持不变。请等它结束后再试。',
    'en-US': 'Another refresh (from the task pane or the ribbon button) is still running; this one did not start and the summaries are unchanged. Try again when it has finished.',
  },
  invalid_name: { 'zh-CN': '工作表名称无效。', 'en-US': 'A sheet name was invalid.' },
  write_failed: { 'zh-CN': '写入汇总表失败，原有汇总保持不变。', 'en-US': 'Writing the summaries failed; the previous summaries are unchanged.' },
  read_failed: { 'zh-CN': '读取台账失败。', 'en-US': 'Reading the ledger failed.' },
  file_unreadable: { 'zh-CN': '文件无法读取。', 'en-US': 'The file cannot be read.' },
  password_protected: { 'zh-CN': '工作簿有密码保护，无法读取。', 'en-US': 'The workbook is password-protected.' },
  unsupported_format: { 'zh-CN': '不支持的文件格式。', 'en-US': 'Unsupported file format.' },
  host_error: { 'zh-CN': 'Excel 报告了一个错误，原有汇总保持不变。', 'en-US': 'Excel reported an error; the previous summaries are unchanged.' },
};

/** Turn anything thrown during a run into a `RunError`. The only place that classifies failures. */
export function toRunError(error: unknown): RunError {
  if (error instanceof WorkflowError) return { code: error.code, message: error.bilingual, detail: error.message };
  if (error instanceof PortError) {
    const message = PORT_MESSAGES[error.code];
    return { code: error.code, message, detail: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: { 'zh-CN': `内部错误：${detail}`, 'en-US': `Internal error: ${detail}` },
    detail,
  };
}
