import type { Bilingual } from '../domain';
import { toRunError } from './runError';
import type { CapabilityNote } from './workbookPort';

/**
 * Notes on how a run went, beside the host's capability notes:
 * - `marks_failed`, `state_not_saved`: steps that run after the summaries were written and may fail
 *   without failing the refresh (marking the issue cells in the ledger; saving the period baseline
 *   and the time of the refresh). The summaries are already new then, so the run is reported as
 *   done, with a note that says what was not.
 * - `refresh_waited`: the run waited for another runtime's refresh (pane or ribbon) to end first.
 */
export const RUN_NOTE_CODES = ['marks_failed', 'state_not_saved', 'refresh_waited'] as const;
/** A run-note code. */
export type RunNoteCode = (typeof RUN_NOTE_CODES)[number];

/** Most characters of the host's reason shown in a note. */
const REASON_CHARS = 160;

const MESSAGES: Record<RunNoteCode, (reason: string) => Bilingual> = {
  marks_failed: (reason) => ({
    'zh-CN': `汇总表已更新，但未能在台账中标记问题单元格（${reason}），例如台账工作表受保护。问题清单见校验结果表。`,
    'en-US': `The summaries were updated, but the issue cells could not be marked in the ledger (${reason}), for example because the ledger sheet is protected. The validation sheet lists every issue.`,
  }),
  state_not_saved: (reason) => ({
    'zh-CN': `汇总表已更新，但未能在工作簿中保存本次刷新的记录（上期快照、刷新时间）（${reason}）；下次刷新的“变动”可能不准确。`,
    'en-US': `The summaries were updated, but this refresh could not be recorded in the workbook (period baseline, time of refresh) (${reason}); the next refresh may show inaccurate changes.`,
  }),
  refresh_waited: () => ({
    'zh-CN': '另一次刷新（任务窗格或功能区按钮）正在进行，本次刷新等它结束后才开始。',
    'en-US': 'Another refresh (from the task pane or the ribbon button) was running; this one started after it had finished.',
  }),
};

/**
 * The note `code`, for a failed step with the host's reason (its error code and message, shortened).
 * @example runNote('marks_failed', error).message['en-US'] // 'The summaries were updated, but the issue cells could not be marked…'
 */
export function runNote(code: RunNoteCode, error?: unknown): CapabilityNote {
  const detail = error === undefined ? '' : toRunError(error).detail.replace(/\s+/g, ' ').trim();
  const chars = Array.from(detail);
  const reason = chars.length <= REASON_CHARS ? detail : `${chars.slice(0, REASON_CHARS - 1).join('')}…`;
  return { code, message: MESSAGES[code](reason === '' ? '?' : reason) };
}

/** True for a note about a failed step of the run (not about a feature the host lacks). */
export function isRunNote(note: CapabilityNote): boolean {
  return (RUN_NOTE_CODES as readonly string[]).includes(note.code);
}
