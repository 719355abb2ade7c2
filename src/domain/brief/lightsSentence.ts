import type { Lang } from '../ledger/types';
import type { LightRule, LightsResult } from '../race/computeLights';

const RULE_WORDS: Readonly<Record<LightRule, { readonly zh: string; readonly en: string }>> = {
  start: { zh: '开工滞后', en: 'a late start' },
  progress: { zh: '投资进度滞后', en: 'investment behind schedule' },
  completion: { zh: '竣工滞后', en: 'late completion' },
};

/**
 * The brief's sentence on the 红黄绿灯 lights: "红灯项目N个、黄灯项目M个，主要为开工滞后（N个）、竣工滞后（M个）。" — the
 * red and yellow projects, then the rules that flagged them, most projects first (a project flagged by two rules
 * counts for both). "暂无红灯、黄灯项目。" when there are none.
 * @example lightsSentence(lights, 'zh-CN') // '红灯项目3个、黄灯项目1个，主要为开工滞后（2个）、竣工滞后（2个）。'
 */
export function lightsSentence(lights: Pick<LightsResult, 'counts' | 'projects'>, lang: Lang): string {
  const { red, yellow } = lights.counts;
  if (red + yellow === 0) return lang === 'zh-CN' ? '暂无红灯、黄灯项目。' : 'No project is flagged red or yellow.';
  const byRule = new Map<LightRule, number>();
  for (const p of lights.projects) {
    const rules = new Set(p.reasons.map((r) => r.rule));
    for (const rule of rules) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  const ranked = [...byRule].sort((a, b) => b[1] - a[1]);
  if (lang === 'zh-CN') {
    const main = ranked.map(([rule, n]) => `${RULE_WORDS[rule].zh}（${n}个）`).join('、');
    return `红灯项目${red}个、黄灯项目${yellow}个${main === '' ? '' : `，主要为${main}`}。`;
  }
  const parts = ranked.map(([rule, n]) => `${RULE_WORDS[rule].en} (${n})`);
  const list = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
  return `${red} ${red === 1 ? 'project is' : 'projects are'} flagged red and ${yellow} yellow${list === '' ? '' : `, mostly for ${list}`}.`;
}
