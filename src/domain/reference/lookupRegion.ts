import { normalizeText } from '../ledger/normalizeText';
import { REGIONS } from './regionData';
import type { Region } from './types';

let byName: Map<string, Region> | null = null;

function regionKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}

/**
 * The Dalian region a district text names, by canonical name or alias (金州区 → 金普新区, 花园口 → 庄河市), with a
 * leading 大连市/大连 ignored; `null` when the table does not know it (the caller keeps the raw text).
 * @example lookupRegion('大连市金州区')?.name // → '金普新区'
 */
export function lookupRegion(text: string): Region | null {
  if (byName === null) {
    byName = new Map();
    for (const r of REGIONS) {
      for (const n of [r.name, ...r.aliases]) {
        const k = regionKey(n);
        if (!byName.has(k)) byName.set(k, r);
      }
    }
  }
  const key = regionKey(text);
  const direct = byName.get(key);
  if (direct !== undefined) return direct;
  const trimmed = key.replace(/^大连市?/, '');
  return trimmed !== key ? (byName.get(trimmed) ?? null) : null;
}
