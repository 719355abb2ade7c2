import type { Lang } from '../ledger/types';
import { fillTemplate } from './fillTemplate';
import { LABELS, type LabelKey } from './labels';

/**
 * A label in `lang` with its placeholders filled (`fillTemplate`).
 * @example formatLabel('zh-CN', 'asOf', { asOf: '2025年9月30日 14:05' }) // '截至：2025年9月30日 14:05'
 */
export function formatLabel(lang: Lang, key: LabelKey, values: Readonly<Record<string, string | number>> = {}): string {
  return fillTemplate(LABELS[lang][key], values);
}
