/**
 * Shapes of the reference data (SASAC SOE list, alias table, Dalian regions).
 * The data itself is generated into `soeData.ts` and `regionData.ts` by `scripts/generateReference.ts`.
 */

/** Status of an entry of the SOE list (DOMAIN.md §1). */
export const SOE_STATUSES = ['current', 'merged', 'not_sasac_listed', 'mof_supervised'] as const;
/**
 * `current`: on the SASAC 央企名录 (2025-07-29). `merged`: a former central SOE, mapped to `successorFullName`.
 * `not_sasac_listed`: a central enterprise outside the SASAC list (中国绿发, 中国数联物流).
 * `mof_supervised`: supervised by 财政部, not SASAC (国铁集团, 中国邮政, 中国烟草, 北大荒).
 */
export type SoeStatus = (typeof SOE_STATUSES)[number];

/** One entry of `central-soes.csv`. */
export interface SoeGroup {
  /** Order on the SASAC list of 2025-07-29, `null` for entries off the list. */
  readonly seq: number | null;
  /** Canonical full name, as SASAC writes it (full-width brackets kept). */
  readonly fullName: string;
  /** Second official name written in square brackets on the SASAC list (中国旅游集团 / 香港中旅), if any. */
  readonly altFullName: string | null;
  /** Display name: the first of `shortNames` (the list's own order puts the most common form first). */
  readonly shortName: string;
  /** Every short name of the list, in its order. */
  readonly shortNames: readonly string[];
  readonly englishName: string;
  readonly status: SoeStatus;
  /** For `merged` entries: the full name of the group it now belongs to. */
  readonly successorFullName: string | null;
  /** Free-text note of the reference list (English), empty when none. */
  readonly note: string;
}

/** Relations of `soe-aliases.csv`. The last four never map silently to a group. */
export const SOE_ALIAS_RELATIONS = [
  'group_short_name',
  'subsidiary',
  'listed_subsidiary',
  'former_central_soe',
  'ambiguous',
  'unresolved',
  'uncertain',
  'not_sasac_listed',
] as const;
/** How an alias relates to its parent group. */
export type SoeAliasRelation = (typeof SOE_ALIAS_RELATIONS)[number];

/** Relations that must not map to a group without a human decision. */
export const FLAGGED_ALIAS_RELATIONS: readonly SoeAliasRelation[] = ['ambiguous', 'unresolved', 'uncertain', 'not_sasac_listed'];

/** One row of `soe-aliases.csv`. */
export interface SoeAlias {
  readonly alias: string;
  /** Parent group full name; `null` when the table gives none (unresolved, uncertain, not listed). */
  readonly parentFullName: string | null;
  readonly relation: SoeAliasRelation;
  readonly verified: 'yes' | 'no' | 'partly';
  /** The table's note, kept only for flagged relations (used in suggestions). */
  readonly note: string;
}

/** One row of `dalian-regions.csv`. */
export interface Region {
  /** Canonical region name (金普新区). */
  readonly name: string;
  /** 赛马 group (主城区 / 北部地区 / 先导区), `null` for the 市本级 pseudo-region. Grouping is an inference (DOMAIN.md §2). */
  readonly group: string | null;
  readonly aliases: readonly string[];
  /** GB/T 2260 code or a local pseudo-code as text; never use it as a key. `null` when none. */
  readonly adminCode: string | null;
  /** False for the 市本级/跨区域 pseudo-region. */
  readonly isRegion: boolean;
}
