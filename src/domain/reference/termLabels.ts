import { normalizeText } from '../ledger/normalizeText';
import { soeGroupByFullName } from './lookupSoe';

/**
 * English labels of the sector (领域) and category (项目类别) names ledgers use, for the English sheets and brief.
 * Ledger text, not a closed set: a name not listed keeps its Chinese. Categories follow
 * ../shared/reference/glossary.csv (省重点项目 Provincial key project, 市谋划项目 municipal pipeline project, 存量 / 新增
 * existing / newly added); sector names are plain renderings of the field names.
 */
const TERMS_EN: Readonly<Record<string, string>> = {
  能源: 'Energy',
  工业: 'Industry',
  交通: 'Transport',
  仓储物流: 'Warehousing and logistics',
  物流: 'Logistics',
  新型基础设施: 'New infrastructure',
  新基建: 'New infrastructure',
  基础设施: 'Infrastructure',
  现代服务业: 'Modern services',
  服务: 'Services',
  服务业: 'Services',
  生态环保: 'Ecology and environment',
  环保: 'Environmental protection',
  文旅: 'Culture and tourism',
  文化旅游: 'Culture and tourism',
  信息: 'Information technology',
  数字经济: 'Digital economy',
  医疗康养: 'Healthcare and elderly care',
  农业: 'Agriculture',
  水利: 'Water resources',
  城建: 'Urban development',
  城市建设: 'Urban development',
  房地产: 'Real estate',
  金融: 'Finance',
  科技: 'Science and technology',
  产业: 'Industry',
  省重点项目: 'Provincial key projects',
  市重点项目: 'Municipal key projects',
  市谋划项目: 'Municipal pipeline projects',
  // The short forms ledgers write in a 项目类别 column (the sample's 省重点 / 市谋划).
  省重点: 'Provincial key projects',
  市重点: 'Municipal key projects',
  市谋划: 'Municipal pipeline projects',
  存量: 'Existing',
  新增: 'Newly added',
};

/**
 * The English label of a sector or category name, or `null` when the table has none (the caller keeps the name).
 * @example termLabelEn('仓储物流') // → 'Warehousing and logistics'
 */
export function termLabelEn(name: string): string | null {
  return TERMS_EN[normalizeText(name)] ?? null;
}

/** An SOE group's English names: the official name and its abbreviation (or the name when it has none). */
export interface SoeNamesEn {
  readonly full: string;
  readonly short: string;
}

/**
 * The official English name of an SOE group by its canonical Chinese full name, from the reference list
 * (`englishName`), with the abbreviation in its brackets as the short name: 中国核工业集团有限公司 → China National
 * Nuclear Corporation (CNNC), CNNC. `null` for a name the list does not have or lists without an English name.
 */
export function soeNamesEn(fullName: string): SoeNamesEn | null {
  const english = soeGroupByFullName(fullName)?.englishName ?? '';
  if (english === '') return null;
  const abbreviation = /\(([^()]+)\)\s*$/.exec(english)?.[1];
  return { full: english, short: abbreviation ?? english };
}
