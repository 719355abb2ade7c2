import type { Lang } from '../domain';

/**
 * The UI language: the stored choice, else Office's display language, else zh-CN.
 * Any Chinese display language gives zh-CN; any other known language gives en-US.
 * @example resolveLang(null, 'en-GB') // 'en-US'
 */
export function resolveLang(stored: Lang | null, displayLanguage?: string): Lang {
  if (stored) return stored;
  if (!displayLanguage) return 'zh-CN';
  return displayLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}
