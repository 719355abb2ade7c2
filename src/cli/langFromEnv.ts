import type { Lang } from '../domain';

/**
 * The language the environment asks for when `--lang` is not given: the first set of `LC_ALL`, `LC_MESSAGES` and
 * `LANG` (POSIX precedence), English for a locale starting `en` (en_US.UTF-8), Chinese for anything else
 * (zh_CN.UTF-8, and C or POSIX, where the CLI keeps its Chinese default).
 * @example langFromEnv({ LANG: 'en_GB.UTF-8' }) // → 'en-US'
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return /^en([_.@-]|$)/i.test(locale) ? 'en-US' : 'zh-CN';
}
