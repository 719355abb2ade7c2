/**
 * Hand-maintained aliases that the reference CSVs lack, each a common usage in project ledgers.
 * Kept apart from the generated data so that regenerating never loses them. Parent = group full name.
 */
export const EXTRA_SOE_ALIASES: readonly { readonly alias: string; readonly parentFullName: string; readonly why: string }[] = [
  { alias: '国电投', parentFullName: '国家电力投资集团有限公司', why: 'common short form of 国家电投; without it the prefix 国电 (国家能源集团) would win' },
  { alias: '中铁建工', parentFullName: '中国铁路工程集团有限公司', why: '中铁建工集团 is a 中国中铁 subsidiary; without it the prefix 中铁建 (中国铁建) would win' },
  { alias: '中铁建设', parentFullName: '中国铁道建筑集团有限公司', why: '中铁建设集团 is a 中国铁建 subsidiary' },
  { alias: '中电建', parentFullName: '中国电力建设集团有限公司', why: 'common short form of 中国电建' },
];

/**
 * Name patterns checked before prefix matching (DOMAIN.md §1): 中铁十一局…中铁二十五局 belong to 中国铁建,
 * while 中铁一局…中铁十局 belong to 中国中铁 (the prefix 中铁 already maps there).
 */
export const SOE_NAME_PATTERNS: readonly { readonly pattern: RegExp; readonly parentFullName: string }[] = [
  { pattern: /^中铁(十[一二三四五六七八九]|二十[一二三四五]?)局/, parentFullName: '中国铁道建筑集团有限公司' },
];

/**
 * Two-character names allowed as a name prefix ("华能大连电厂" → 中国华能). Other two-character short names
 * (通用, 移动, 东风, 电投…) match only a whole name, because as prefixes they collide with ordinary words.
 * Names of three or more characters always work as prefixes; the longest match wins (中储粮 before 中储).
 */
export const PREFIX_SHORT_NAMES: readonly string[] = [
  '华能', '大唐', '华电', '国网', '南网', '中建', '中交', '中铁', '中核', '中粮', '中冶', '三峡', '中车', '中化',
  '中远', '宝武', '鞍钢', '国投', '中煤', '华润', '保利', '五矿', '中铝', '国药', '中船', '一汽', '中储', '中航',
];
