import { parseAsOfSetting } from '../workflows/dataDate';
import { DEFAULT_SETTINGS, type LedgerSettings, type SourceRef, type StoredState } from '../workflows/workbookPort';
import { syncChunk, syncResult, type ExcelRun } from './batch';
import type { Capabilities, CapabilityNotes } from './capabilities';
import { SETTING_KEYS, type DocumentSettings } from './documentSettings';
import { officeErrorCode, toPortError } from './toPortError';

/**
 * Where the state lives (OFFICE-PLATFORM.md §5):
 * - settings and the last refresh time: the document settings (common API, every host, travels
 *   with the file, visible only to this add-in);
 * - the period baseline snapshot, which grows with the ledger (≈120 bytes per project, ≈6 MB for
 *   50,000): custom XML parts (ExcelApi 1.5, "persists with the file, independent of the add-in"),
 *   split into parts of at most one request each (Excel on the web refuses payloads over 5 MB), their
 *   ids kept in the settings. Parts are never modified, only added and deleted, so their ids identify
 *   their content: the port caches the text it read or wrote and skips the round trips when the ids
 *   in the settings still match (the baseline is kept verbatim across refreshes of a period).
 *   Without 1.5 the snapshot goes into the settings.
 * - An empty snapshot needs no part.
 */
export const SNAPSHOT_NAMESPACE = 'urn:ledger-stats:snapshot:1';

/**
 * Most bytes of one snapshot part on the wire (JSON-encoded XML). Higher than the chunk target of
 * reads and writes because the size of a part is computed exactly, not estimated: it stays below
 * 4,000,000 bytes with the request around it, well under the 5 MB limit.
 */
export const SNAPSHOT_PART_BYTES = 3_900_000;

/** The snapshot text the port last read or wrote, and the parts it is in. */
export interface SnapshotCache {
  ids: readonly string[];
  text: string;
}

/** What the state functions need from the port. */
export interface StateDeps {
  readonly run: ExcelRun;
  readonly settings: DocumentSettings;
  readonly caps: Capabilities;
  readonly notes: CapabilityNotes;
  /** Port-level cache (see above); `cache.value` is replaced by reads and writes. */
  readonly cache: { value: SnapshotCache | null };
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function parseSource(value: unknown): SourceRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, name } = value as { kind?: unknown; name?: unknown };
  if ((kind === 'sheet' || kind === 'table') && typeof name === 'string' && name !== '') return { kind, name };
  return null;
}

/**
 * Stored settings, field by field: a field that is missing or malformed (an older version, a hand
 * edit) takes its default instead of failing the refresh.
 */
export function parseSettings(value: unknown): LedgerSettings {
  if (typeof value !== 'object' || value === null) return DEFAULT_SETTINGS;
  const v = value as Record<string, unknown>;
  const mapping =
    typeof v.mapping === 'object' && v.mapping !== null
      ? Object.fromEntries(Object.entries(v.mapping).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : DEFAULT_SETTINGS.mapping;
  return {
    source: parseSource(v.source),
    mapping,
    soeAttribution: v.soeAttribution === 'split' || v.soeAttribution === 'full' ? v.soeAttribution : DEFAULT_SETTINGS.soeAttribution,
    lang: v.lang === 'zh-CN' || v.lang === 'en-US' ? v.lang : null,
    displayUnit: v.displayUnit === 'wan' || v.displayUnit === 'yi' ? v.displayUnit : DEFAULT_SETTINGS.displayUnit,
    decimals:
      typeof v.decimals === 'number' && Number.isInteger(v.decimals) && v.decimals >= 0 && v.decimals <= 6 ? v.decimals : DEFAULT_SETTINGS.decimals,
    allowedSectors: isStringArray(v.allowedSectors) ? v.allowedSectors : DEFAULT_SETTINGS.allowedSectors,
    allowedDistricts: isStringArray(v.allowedDistricts) ? v.allowedDistricts : DEFAULT_SETTINGS.allowedDistricts,
    asOf: parseAsOfSetting(v.asOf),
  };
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'amp') return '&';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** One snapshot part as XML. */
export function snapshotPartXml(text: string, index: number, count: number): string {
  return `<snapshot xmlns="${SNAPSHOT_NAMESPACE}" index="${index}" count="${count}">${escapeXml(text)}</snapshot>`;
}

/** The text of one snapshot part (`null` when the XML is not one). */
export function snapshotPartText(xml: string): string | null {
  const match = /<snapshot\b[^>]*>([\s\S]*)<\/snapshot>/.exec(xml);
  if (match !== null) return unescapeXml(match[1] ?? '');
  return /<snapshot\b[^>]*\/>/.test(xml) ? '' : null;
}

/**
 * Bytes a character costs in a part on the wire: UTF-8, after XML escaping (`&amp;` `&lt;` `&gt;`)
 * and JSON string escaping of the request (`\"`, `\\`, `\uXXXX` for control characters).
 */
function wireBytes(code: number): number {
  if (code === 0x26) return 5; // &amp;
  if (code === 0x3c || code === 0x3e) return 4; // &lt; &gt;
  if (code === 0x22 || code === 0x5c) return 2;
  if (code < 0x20) return 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return 3; // a surrogate pair counts 3 + 3, more than its 4 bytes
}

/**
 * Split text into as few pieces as fit `partBytes` each on the wire, of about equal size (so 7 MB
 * become two parts of 3.5 MB, not 3.9 + 3.1), never inside a surrogate pair.
 */
export function splitSnapshot(text: string, partBytes = SNAPSHOT_PART_BYTES): string[] {
  let total = 0;
  for (let i = 0; i < text.length; i++) total += wireBytes(text.charCodeAt(i));
  const target = Math.min(partBytes, Math.ceil(total / Math.max(1, Math.ceil(total / partBytes))) + 16);
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = wireBytes(text.charCodeAt(i));
    if (bytes + cost > target && i > start && !/[\uDC00-\uDFFF]/.test(text.charAt(i))) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += cost;
  }
  if (start < text.length) parts.push(text.slice(start));
  return parts;
}

function storedPartIds(settings: DocumentSettings): string[] | null {
  const ids = settings.get(SETTING_KEYS.snapshotParts);
  return isStringArray(ids) && ids.length > 0 ? ids : null;
}

/** Read the parts one per round trip (each response stays within a request's size); `null` if one is gone. */
async function readParts(context: Excel.RequestContext, ids: readonly string[]): Promise<string | null> {
  const texts: string[] = [];
  for (const id of ids) {
    const text = snapshotPartText(await syncResult(context, context.workbook.customXmlParts.getItem(id).getXml()));
    if (text === null) return null;
    texts.push(text);
  }
  return texts.join('');
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The add-in's state in the workbook. Round trips: none, or one per snapshot part when the parts
 * are not the ones the port last read or wrote. A part that disappeared (deleted by another tool)
 * means there is no snapshot, not a failure.
 */
export async function readState(deps: StateDeps): Promise<StoredState> {
  const { run, settings, caps, cache } = deps;
  await settings.reload();
  const lastRefresh = settings.get(SETTING_KEYS.lastRefresh);
  const base = { settings: parseSettings(settings.get(SETTING_KEYS.settings)), lastRefresh: typeof lastRefresh === 'string' ? lastRefresh : null };
  const ids = storedPartIds(settings);
  if (ids === null || !caps.customXmlParts) {
    const snapshot = settings.get(SETTING_KEYS.snapshot);
    return { ...base, snapshot: typeof snapshot === 'string' ? snapshot : null };
  }
  if (cache.value !== null && sameIds(cache.value.ids, ids)) return { ...base, snapshot: cache.value.text };
  try {
    const text = await run((context) => readParts(context, ids));
    cache.value = text === null ? null : { ids, text };
    return { ...base, snapshot: text };
  } catch (error) {
    if (officeErrorCode(error) === 'ItemNotFound') return { ...base, snapshot: null };
    throw toPortError(error, 'readState');
  }
}

/**
 * Add the snapshot as new XML parts, one per round trip, and delete the previous parts (by id, in the
 * last round trip). If a previous part is already gone, every other part of our namespace is deleted
 * instead (also cleaning up leftovers of an interrupted write).
 */
async function replaceSnapshotParts(context: Excel.RequestContext, snapshot: string, previous: readonly string[]): Promise<string[]> {
  const parts = context.workbook.customXmlParts;
  const texts = snapshot === '' ? [] : splitSnapshot(snapshot);
  const added = texts.map((text, index) => ({ text, index }));
  const ids: string[] = [];
  const addPart = async (text: string, index: number, isLast: boolean): Promise<void> => {
    // Deletions go first: if one fails, nothing after it in the batch runs.
    if (isLast) for (const id of previous) parts.getItem(id).delete();
    const part = parts.add(snapshotPartXml(text, index, texts.length));
    part.load('id');
    await syncChunk(context);
    ids.push(part.id);
  };
  try {
    for (const { text, index } of added) await addPart(text, index, index === texts.length - 1);
    if (texts.length === 0 && previous.length > 0) {
      for (const id of previous) parts.getItem(id).delete();
      await context.sync();
    }
  } catch (error) {
    if (officeErrorCode(error) !== 'ItemNotFound') throw error;
    const existing = parts.getByNamespace(SNAPSHOT_NAMESPACE).load('items/id');
    await context.sync();
    const keep = new Set(ids);
    for (const part of existing.items) if (!keep.has(part.id)) part.delete();
    const last = added[added.length - 1];
    if (last !== undefined && ids.length < texts.length) {
      const part = parts.add(snapshotPartXml(last.text, last.index, texts.length));
      part.load('id');
      await context.sync();
      ids.push(part.id);
    } else await context.sync();
  }
  return ids;
}

/**
 * Write the given keys of the state into the workbook. Round trips: none for settings, for an empty
 * snapshot and for the snapshot the port last read or wrote (the baseline kept during a period);
 * otherwise one per snapshot part.
 */
export async function writeState(deps: StateDeps, patch: Partial<StoredState>): Promise<void> {
  const { run, settings, caps, notes, cache } = deps;
  if (patch.settings !== undefined) settings.set(SETTING_KEYS.settings, patch.settings);
  if (patch.lastRefresh !== undefined) settings.set(SETTING_KEYS.lastRefresh, patch.lastRefresh);
  if (patch.snapshot !== undefined) {
    notes.reset('state');
    const snapshot = patch.snapshot ?? '';
    const previous = storedPartIds(settings) ?? [];
    const isCached = cache.value !== null && cache.value.text === snapshot && sameIds(cache.value.ids, previous);
    if (!caps.customXmlParts) {
      if (snapshot !== '') notes.add('state', 'snapshot_in_settings');
      settings.set(SETTING_KEYS.snapshot, patch.snapshot);
    } else if (snapshot === '' && previous.length === 0) {
      settings.set(SETTING_KEYS.snapshot, patch.snapshot);
    } else if (!isCached) {
      let ids: string[];
      try {
        ids = await run((context) => replaceSnapshotParts(context, snapshot, previous));
      } catch (error) {
        cache.value = null;
        throw toPortError(error, 'writeState');
      }
      settings.set(SETTING_KEYS.snapshotParts, ids);
      if (snapshot === '') settings.set(SETTING_KEYS.snapshot, patch.snapshot);
      else settings.remove(SETTING_KEYS.snapshot);
      cache.value = { ids, text: snapshot };
    }
  }
  await settings.save();
}
