import { FIELD_LABELS } from '../domain/ledger/fieldLabels';
import type { Field, Lang, Severity } from '../domain/ledger/types';
import type { IssueCode } from '../domain/validate/issueMessages';
import type { RefreshStage } from '../workflows/refresh';

/**
 * The task pane's own texts, in Chinese. Ledger-derived texts (issue messages, suggestions,
 * run errors) come bilingual from the domain and the workflows, not from here.
 * `{name}` placeholders are filled by `fill`.
 */
const zhCN = {
  appTitle: '台账统计',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch the pane to English',
  officeTimeout: '未能连接 Excel。若网络屏蔽了 Office 服务，请联系管理员；也可关闭并重新打开任务窗格。',
  refresh: '刷新汇总',
  refreshing: '正在刷新…',
  progressLabel: '刷新进度',
  stage_reading: '读取台账',
  stage_validating: '校验数据',
  stage_summarising: '汇总统计',
  stage_writing: '写入汇总表',
  stage_done: '完成',
  stepDone: '已完成',
  stepActive: '进行中',
  stepPending: '等待',
  readingRows: '已读取 {percent}%',
  failedTitle: '刷新失败',
  accessFailedTitle: '访问工作簿失败',
  errorCode: '错误代码：{code}',
  asOf: '汇总截至 {time}',
  ledgerChanged: '台账已修改，汇总可能已过时。',
  settingsChanged: '设置已更改，刷新后生效。',
  refreshNow: '刷新',
  keyFigures: '关键指标',
  fig_projects: '项目',
  fig_soes: '合作央企',
  fig_total: '总投资',
  fig_started: '已开工',
  fig_invested: '已完成投资',
  unitProjects: '个',
  unitSoes: '家',
  unitYi: '亿元',
  emptyResult: '点击“刷新汇总”读取台账并生成汇总表。',
  issuesTitle: '问题清单',
  issueCounts: '{errors} 个错误，{warnings} 个警告',
  noIssues: '没有发现问题。',
  severity_error: '错误',
  severity_warning: '警告',
  severity_info: '提示',
  filterSeverity: '级别',
  filterCode: '问题类型',
  filterAll: '全部',
  filterProblems: '错误和警告',
  shownOf: '显示 {shown} / {total} 条',
  showMore: '再显示 {n} 条',
  noMatches: '没有符合筛选条件的问题。',
  rowCol: '第 {row} 行 · {col} 列',
  row: '第 {row} 行',
  sheetLevel: '整表',
  rawValue: '原值：',
  blank: '（空）',
  selectCellHint: '点击定位到单元格',
  sourceTitle: '数据来源',
  sourceLabel: '台账工作表或表格',
  sourceAuto: '自动识别',
  sourceAutoDetected: '自动识别（{name}）',
  sourceSheet: '工作表：{name}',
  sourceTable: '表格：{name}',
  mappingTitle: '列对应关系',
  mappingField: '字段',
  mappingColumn: '列',
  mappingAuto: '自动',
  mappingAutoFound: '自动：{col}',
  mappingMissing: '未找到',
  required: '必填',
  loadingSource: '正在识别台账…',
  settingsTitle: '设置',
  attribution: '联合项目的央企计数',
  attributionFull: '每家央企全额计入',
  attributionSplit: '在合作央企间平均分摊',
  displayUnit: '汇总表金额单位',
  unit_yi: '亿元',
  unit_wan: '万元',
  decimals: '小数位数',
  allowedSectors: '允许的所属领域（每行一个，留空不检查）',
  allowedDistricts: '允许的所属地区（每行一个，留空不检查）',
  saveLists: '保存清单',
  saved: '已保存到工作簿',
  languageSetting: '界面语言',
  langFollow: '跟随 Office',
  langZh: '中文',
  langEn: 'English',
  notesTitle: '兼容性说明（{n}）',
} as const;

/** A key of the label tables. */
export type LabelKey = keyof typeof zhCN;

const enUS: Record<LabelKey, string> = {
  appTitle: 'Ledger statistics',
  switchLanguage: '中文',
  switchLanguageLabel: '将界面切换为中文',
  officeTimeout: 'Could not connect to Excel. If your network blocks Office services, contact your administrator, or close and reopen the task pane.',
  refresh: 'Refresh summaries',
  refreshing: 'Refreshing…',
  progressLabel: 'Refresh progress',
  stage_reading: 'Read the ledger',
  stage_validating: 'Validate',
  stage_summarising: 'Summarise',
  stage_writing: 'Write summary sheets',
  stage_done: 'Done',
  stepDone: 'done',
  stepActive: 'in progress',
  stepPending: 'waiting',
  readingRows: '{percent}% read',
  failedTitle: 'Refresh failed',
  accessFailedTitle: 'Workbook access failed',
  errorCode: 'Error code: {code}',
  asOf: 'Summaries as of {time}',
  ledgerChanged: 'The ledger has changed; the summaries may be out of date.',
  settingsChanged: 'Settings changed; refresh to apply them.',
  refreshNow: 'Refresh',
  keyFigures: 'Key figures',
  fig_projects: 'Projects',
  fig_soes: 'SOEs',
  fig_total: 'Total investment',
  fig_started: 'Started',
  fig_invested: 'Invested to date',
  unitProjects: '',
  unitSoes: '',
  unitYi: '100M CNY',
  emptyResult: 'Click “Refresh summaries” to read the ledger and write the summary sheets.',
  issuesTitle: 'Issues',
  issueCounts: '{errors} errors, {warnings} warnings',
  noIssues: 'No issues found.',
  severity_error: 'Error',
  severity_warning: 'Warning',
  severity_info: 'Info',
  filterSeverity: 'Severity',
  filterCode: 'Issue type',
  filterAll: 'All',
  filterProblems: 'Errors and warnings',
  shownOf: 'Showing {shown} of {total}',
  showMore: 'Show {n} more',
  noMatches: 'No issues match the filters.',
  rowCol: 'Row {row} · column {col}',
  row: 'Row {row}',
  sheetLevel: 'Sheet',
  rawValue: 'Value: ',
  blank: '(blank)',
  selectCellHint: 'Click to go to the cell',
  sourceTitle: 'Source',
  sourceLabel: 'Ledger sheet or table',
  sourceAuto: 'Detect automatically',
  sourceAutoDetected: 'Automatic ({name})',
  sourceSheet: 'Sheet: {name}',
  sourceTable: 'Table: {name}',
  mappingTitle: 'Column mapping',
  mappingField: 'Field',
  mappingColumn: 'Column',
  mappingAuto: 'Automatic',
  mappingAutoFound: 'Auto: {col}',
  mappingMissing: 'not found',
  required: 'required',
  loadingSource: 'Detecting the ledger…',
  settingsTitle: 'Settings',
  attribution: 'SOE credit for joint projects',
  attributionFull: 'Full credit to each SOE',
  attributionSplit: 'Split equally between the SOEs',
  displayUnit: 'Amount unit of the summary sheets',
  unit_yi: '100 million CNY (亿元)',
  unit_wan: '10 thousand CNY (万元)',
  decimals: 'Decimals',
  allowedSectors: 'Allowed sectors (one per line; empty = no check)',
  allowedDistricts: 'Allowed districts (one per line; empty = no check)',
  saveLists: 'Save lists',
  saved: 'Saved in the workbook',
  languageSetting: 'Language',
  langFollow: 'Follow Office',
  langZh: '中文',
  langEn: 'English',
  notesTitle: 'Compatibility notes ({n})',
};

/** The label tables, by language. Both tables have the same keys (checked by the compiler and a test). */
export const LABELS: Readonly<Record<Lang, Readonly<Record<LabelKey, string>>>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The name of a ledger field in the pane's language. */
export function fieldLabel(lang: Lang, field: Field): string {
  const name = FIELD_LABELS[field][lang];
  return lang === 'en-US' ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** Short names of the issue codes, for the counts by code. */
export const ISSUE_CODE_LABELS: Readonly<Record<Lang, Readonly<Record<IssueCode, string>>>> = {
  'zh-CN': {
    header_not_found: '未找到表头',
    missing_column: '缺少必填列',
    mapping_invalid: '列指定无效',
    unit_assumed: '未注明单位',
    row_blank: '空行',
    row_heading: '分组标题行',
    row_subtotal: '合计行',
    row_footnote: '注释行',
    required_missing: '必填项为空',
    amount_invalid: '金额无法识别',
    amount_range: '金额为区间',
    amount_foreign_currency: '外币金额',
    amount_negative: '金额为负',
    stage_unknown: '阶段无法识别',
    amount_approximate: '约数金额',
    invested_unreadable: '完成投资无法识别',
    invested_exceeds_total: '完成投资超过总投资',
    dates_reversed: '日期前后颠倒',
    completed_without_date: '竣工缺少日期',
    invested_before_start: '未开工已有投资',
    construction_without_investment: '在建无投资',
    soe_unknown: '央企名称未识别',
    soe_not_sasac: '非国资委监管企业',
    amount_outlier: '金额异常',
    sector_not_allowed: '领域不在清单内',
    district_not_allowed: '地区不在清单内',
    date_invalid: '日期无法识别',
    date_ambiguous: '日期有歧义',
    duplicate_project: '疑似重复项目',
  },
  'en-US': {
    header_not_found: 'Header not found',
    missing_column: 'Missing column',
    mapping_invalid: 'Invalid column mapping',
    unit_assumed: 'Unit assumed',
    row_blank: 'Blank rows',
    row_heading: 'Section headings',
    row_subtotal: 'Subtotal rows',
    row_footnote: 'Footnotes',
    required_missing: 'Required value missing',
    amount_invalid: 'Invalid amount',
    amount_range: 'Amount is a range',
    amount_foreign_currency: 'Foreign currency',
    amount_negative: 'Negative amount',
    stage_unknown: 'Unknown stage',
    amount_approximate: 'Approximate amount',
    invested_unreadable: 'Unreadable invested amount',
    invested_exceeds_total: 'Invested exceeds total',
    dates_reversed: 'Dates reversed',
    completed_without_date: 'Completed without date',
    invested_before_start: 'Invested before start',
    construction_without_investment: 'Construction without investment',
    soe_unknown: 'Unknown SOE',
    soe_not_sasac: 'Not a SASAC SOE',
    amount_outlier: 'Amount outlier',
    sector_not_allowed: 'Sector not allowed',
    district_not_allowed: 'District not allowed',
    date_invalid: 'Invalid date',
    date_ambiguous: 'Ambiguous date',
    duplicate_project: 'Possible duplicate',
  },
};

/** The short name of an issue code; an unknown code is shown as it is. */
export function issueCodeLabel(lang: Lang, code: string): string {
  return (ISSUE_CODE_LABELS[lang] as Readonly<Record<string, string>>)[code] ?? code;
}

/** The label of a refresh stage. */
export function stageLabel(lang: Lang, stage: RefreshStage): string {
  return LABELS[lang][`stage_${stage}`];
}

/** The label of an issue severity. */
export function severityLabel(lang: Lang, severity: Severity): string {
  return LABELS[lang][`severity_${severity}`];
}

/**
 * A label with its `{name}` placeholders filled.
 * @example fill('zh-CN', 'rowCol', { row: 12, col: 'F' }) // '第 12 行 · F 列'
 */
export function fill(lang: Lang, key: LabelKey, values: Readonly<Record<string, string | number>> = {}): string {
  return LABELS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
