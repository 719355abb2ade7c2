/**
 * The outcome dialog's message: built from a run report by the ribbon command, carried in the
 * dialog page's URL query, and read back by the dialog page. Pure; the page renders it as text.
 */
import type { Lang } from '../domain';
import { formatAsOf } from '../workflows/formatAsOf';
import { outcomeCounts } from '../workflows/outcomeCounts';
import type { RunReport } from '../workflows/refresh';

/** What the outcome dialog shows, in the run's language. */
export interface OutcomeMessage {
  readonly ok: boolean;
  readonly lang: Lang;
  readonly title: string;
  readonly lines: readonly string[];
}

/** Caps on what travels in the URL (the query is untrusted on the way back, and URLs have limits). */
export const OUTCOME_LIMITS = { titleChars: 60, lineChars: 200, lines: 6 } as const;

const TITLES: Record<Lang, { readonly ok: string; readonly failed: string }> = {
  'zh-CN': { ok: '刷新完成', failed: '刷新失败' },
  'en-US': { ok: 'Refresh done', failed: 'Refresh failed' },
};

/** One line, whitespace collapsed, at most `max` characters (code points; the last one then is "…"). */
function capLine(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function capped(message: OutcomeMessage): OutcomeMessage {
  return {
    ok: message.ok,
    lang: message.lang,
    title: capLine(message.title, OUTCOME_LIMITS.titleChars),
    lines: message.lines
      .slice(0, OUTCOME_LIMITS.lines)
      .map((line) => capLine(line, OUTCOME_LIMITS.lineChars))
      .filter((line) => line !== ''),
  };
}

/**
 * The dialog's message for a refresh: the title, then counts (success) or the failure's message
 * and code, in the report's language, capped to `OUTCOME_LIMITS`.
 * @example outcomeMessage(report).lines // ['23 个项目（2025年9月30日 14:05）', '错误 4 个，警告 5 个']
 */
export function outcomeMessage(report: RunReport): OutcomeMessage {
  const lang = report.lang;
  const zh = lang === 'zh-CN';
  const at = formatAsOf(new Date(report.refreshedAt), lang);
  if (!report.ok) {
    const error = report.error;
    const lines = [
      error?.message[lang] ?? '',
      error === null ? '' : zh ? `错误代码：${error.code}` : `Error code: ${error.code}`,
      zh ? `时间：${at}；原有汇总保持不变。` : `At ${at}; the previous summaries are unchanged.`,
    ];
    return capped({ ok: false, lang, title: TITLES[lang].failed, lines });
  }
  const { projects, errors, warnings, notes } = outcomeCounts(report);
  const lines = zh
    ? [`${projects} 个项目（${at}）`, `错误 ${errors} 个，警告 ${warnings} 个`, notes > 0 ? `${notes} 项功能受限（见任务窗格）` : '']
    : [
        `${enCount(projects, 'project')} (${at})`,
        `${enCount(errors, 'error')}, ${enCount(warnings, 'warning')}`,
        notes > 0 ? `${enCount(notes, 'feature')} limited (see the task pane)` : '',
      ];
  return capped({ ok: true, lang, title: TITLES[lang].ok, lines });
}

export { outcomeCounts } from '../workflows/outcomeCounts';

/**
 * A count with its English noun, singular for exactly one.
 * @example enCount(1, 'error') // '1 error'
 */
export function enCount(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/**
 * The dialog page's URL: `dialog.html` next to `pageUrl` (the commands page), with the message in
 * the query (`lang`, `ok`, `title`, `lines` joined by newlines), capped to `OUTCOME_LIMITS`.
 * @example outcomeDialogUrl('https://host/commands.html', message) // 'https://host/dialog.html?lang=zh-CN&ok=1&title=…&lines=…'
 */
export function outcomeDialogUrl(pageUrl: string, message: OutcomeMessage): string {
  const m = capped(message);
  const url = new URL('dialog.html', pageUrl);
  url.search = new URLSearchParams({ lang: m.lang, ok: m.ok ? '1' : '0', title: m.title, lines: m.lines.join('\n') }).toString();
  url.hash = '';
  return url.href;
}

/**
 * Reads the message back from the dialog page's query string. The query is untrusted: unknown
 * languages fall back to zh-CN, a missing title to the default one, and everything is capped.
 * The result is text, to be rendered with `textContent` only.
 */
export function parseOutcomeQuery(search: string): OutcomeMessage {
  const params = new URLSearchParams(search);
  // Not LANGS from the domain index: a value import would pull the whole domain into dialog.js.
  const lang: Lang = params.get('lang') === 'en-US' ? 'en-US' : 'zh-CN';
  const ok = params.get('ok') === '1';
  const title = params.get('title') ?? '';
  const lines = (params.get('lines') ?? '').split('\n').slice(0, OUTCOME_LIMITS.lines);
  const message = capped({ ok, lang, title, lines });
  return message.title === '' ? { ...message, title: ok ? TITLES[lang].ok : TITLES[lang].failed } : message;
}
