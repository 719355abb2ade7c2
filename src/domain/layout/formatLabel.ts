import type { Lang } from '../ledger/types';
import { LABELS, type LabelKey } from './labels';

/**
 * A label in `lang` with its `{name}` placeholders filled; a placeholder without a value stays as written.
 * @example formatLabel('zh-CN', 'asOf', { asOf: '2025年9月30日 14:05' }) // '截至：2025年9月30日 14:05'
 */
export function formatLabel(lang: Lang, key: LabelKey, values: Readonly<Record<string, string | number>> = {}): string {
  return LABELS[lang][key].replace(/\{(\w+)\}/gu, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
