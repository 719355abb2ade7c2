import type { Lang } from '../domain';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The "as of" text of a refresh, in local time, without depending on the host's Intl data.
 * @example formatAsOf(new Date(2025, 8, 30, 14, 5), 'zh-CN') // '2025年9月30日 14:05'
 */
export function formatAsOf(at: Date, lang: Lang): string {
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  if (lang === 'zh-CN') return `${at.getFullYear()}年${at.getMonth() + 1}月${at.getDate()}日 ${time}`;
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}
