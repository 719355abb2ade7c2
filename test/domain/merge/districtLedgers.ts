import type { Grid } from '../../../src/domain/ledger/types';

/**
 * Three district ledgers as the city office receives them (issue 18), each shaped differently:
 * - 甘井子区: title, a 单位：万元 line, a one-row header, a 小计 row; one row of 金普新区 (wrong district);
 * - 金普新区: a two-row header in 亿元, columns in another order;
 * - 市直单位: 总投资（亿元） in the header, yet another order, a 合计 row, no district in its name.
 * Cross-file duplicates: 大连湾海底隧道配套工程 (甘井子区 and 市直, totals 35 亿 vs 36 亿: a conflict) and
 * 金普氢能产业园 (金普新区 and 市直, equal). Near-duplicate: LNG冷能利用项目 (甘井子区) vs LNG冷能利用 (金普新区),
 * both 国家管网.
 */
export const GANJINGZI: { readonly file: string; readonly grid: Grid } = {
  file: '甘井子区央地合作项目台账.xlsx',
  grid: [
    ['甘井子区央地合作项目台账（截至2025年9月30日）'],
    ['单位：万元'],
    ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '所属地区', '总投资', '累计完成投资'],
    [1, '大连湾海底隧道配套工程', '中国交建', '交通', '在建', '甘井子区', 350000, 120000],
    [2, '甘井子光伏发电项目', '中国华能', '能源', '已签约', '甘井子区', 80000, null],
    [3, 'LNG冷能利用项目', '国家管网', '能源', '前期', '甘井子区', 50000, null],
    [4, '金州数据中心', '中国电信', '数字经济', '在建', '金普新区', 120000, 30000],
    ['小计', null, null, null, null, null, 600000, 150000],
  ],
};

export const JINPU: { readonly file: string; readonly grid: Grid } = {
  file: '金普新区台账.xlsx',
  grid: [
    ['金普新区央地合作项目推进情况'],
    ['项目名称', '所属地区', '合作央企', '项目阶段', '所属领域', '投资情况（亿元）', null],
    [null, null, null, null, null, '总投资', '累计完成投资'],
    ['金普氢能产业园', '金普新区', '国家能源集团', '在建', '能源', 20, 5],
    ['LNG冷能利用', '金普新区', '国家管网', '前期', '能源', 5, null],
    ['金普港口物流园', '金普新区', '中远海运', '已签约', '交通', 10, null],
  ],
};

export const CITY_UNITS: { readonly file: string; readonly grid: Grid } = {
  file: '市直单位台账.xlsx',
  grid: [
    ['所属领域', '项目名称', '合作央企', '总投资（亿元）', '项目阶段', '所属地区'],
    ['交通', '大连湾海底隧道配套工程', '中国交建', 36, '在建', '甘井子区'],
    ['能源', '金普氢能产业园', '国家能源集团', 20, '在建', '金普新区'],
    ['社会民生', '市级医疗中心', '国药集团', 8, '前期', '市本级'],
    ['合计', null, null, 64, null, null],
  ],
};

/** The three files in the order they are merged. */
export const DISTRICT_FILES = [GANJINGZI, JINPU, CITY_UNITS] as const;

/** The merged figures, computed by hand from the grids above. Amounts in 万元. */
export const MERGED_EXPECTED = {
  /** 4 + 3 + 3 counted rows, minus the two later rows of duplicates. */
  projects: 8,
  /** 600,000 + 350,000 + 640,000, minus 市直's 360,000 (大连湾) and 200,000 (金普氢能): the first file's values win. */
  totalWan: 1_030_000,
  /** 150,000 + 50,000 (金普氢能 5 亿; 市直 has no invested column). */
  investedWan: 200_000,
  /** Every input's total, duplicates included. */
  inputTotalWan: 1_590_000,
  duplicates: 2,
} as const;
