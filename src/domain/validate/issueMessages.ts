import { FIELD_LABELS, STAGE_LABELS } from '../ledger/fieldLabels';
import type { AmountUnit, Bilingual, Field, Lang, Severity, Stage } from '../ledger/types';

/** Every issue code the reader emits. Stable snake_case identifiers: never rename one. */
export const ISSUE_CODES = [
  // Sheet level
  'header_not_found',
  'missing_column',
  'mapping_invalid',
  'unit_assumed',
  // Skipped rows (info)
  'row_blank',
  'row_heading',
  'row_subtotal',
  'row_footnote',
  // Row errors: the row is excluded from every total
  'required_missing',
  'formula_not_calculated',
  'amount_invalid',
  'amount_range',
  'amount_foreign_currency',
  'amount_negative',
  'stage_unknown',
  // Row warnings: the row is counted
  'amount_approximate',
  'invested_unreadable',
  'invested_exceeds_total',
  'dates_reversed',
  'completed_without_date',
  'invested_before_start',
  'construction_without_investment',
  'soe_unknown',
  'soe_not_sasac',
  'amount_outlier',
  'sector_not_allowed',
  'district_not_allowed',
  'date_invalid',
  'date_ambiguous',
  'duplicate_project',
] as const;
/** An issue code. */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** The severity of each code. A code never changes severity. */
export const ISSUE_SEVERITY: Readonly<Record<IssueCode, Severity>> = {
  header_not_found: 'error',
  missing_column: 'error',
  mapping_invalid: 'warning',
  unit_assumed: 'info',
  row_blank: 'info',
  row_heading: 'info',
  row_subtotal: 'info',
  row_footnote: 'info',
  required_missing: 'error',
  formula_not_calculated: 'error',
  amount_invalid: 'error',
  amount_range: 'error',
  amount_foreign_currency: 'error',
  amount_negative: 'error',
  stage_unknown: 'error',
  amount_approximate: 'warning',
  invested_unreadable: 'warning',
  invested_exceeds_total: 'warning',
  dates_reversed: 'warning',
  completed_without_date: 'warning',
  invested_before_start: 'warning',
  construction_without_investment: 'warning',
  soe_unknown: 'warning',
  soe_not_sasac: 'warning',
  amount_outlier: 'warning',
  sector_not_allowed: 'warning',
  district_not_allowed: 'warning',
  date_invalid: 'warning',
  date_ambiguous: 'warning',
  duplicate_project: 'warning',
};

/**
 * The arguments each code's message is built from. `header` is the column header as written. Amounts are in
 * 万元 (`…Wan`, `wan`), each with the unit of the ledger column it came from (`unit`, `investedUnit`,
 * `totalUnit`): the Chinese message states the amount in that unit, as the ledger shows it.
 */
export interface IssueParams {
  header_not_found: { readonly rowsSearched: number };
  missing_column: { readonly field: Field };
  mapping_invalid: { readonly field: Field; readonly value: string };
  unit_assumed: { readonly field: Field; readonly header: string };
  row_blank: { readonly firstRow: number; readonly lastRow: number };
  row_heading: { readonly text: string };
  row_subtotal: { readonly text: string };
  row_footnote: { readonly text: string };
  required_missing: { readonly field: Field; readonly header: string; readonly raw: string };
  formula_not_calculated: { readonly header: string };
  amount_invalid: { readonly header: string; readonly raw: string };
  amount_range: { readonly header: string; readonly raw: string };
  amount_foreign_currency: { readonly header: string; readonly raw: string };
  amount_negative: { readonly header: string; readonly raw: string };
  stage_unknown: { readonly raw: string; readonly suggestion: { readonly term: string; readonly stage: Stage } | null };
  amount_approximate: { readonly header: string; readonly raw: string; readonly wan: number; readonly unit: AmountUnit };
  invested_unreadable: { readonly header: string; readonly raw: string };
  invested_exceeds_total: {
    readonly investedWan: number;
    readonly totalWan: number;
    readonly investedUnit: AmountUnit;
    readonly totalUnit: AmountUnit;
  };
  dates_reversed: { readonly start: string; readonly completion: string };
  completed_without_date: { readonly stageRaw: string };
  invested_before_start: { readonly stageRaw: string; readonly investedWan: number; readonly unit: AmountUnit };
  construction_without_investment: { readonly stageRaw: string };
  soe_unknown: {
    readonly name: string;
    /** Why it is not matched: not on the list, or flagged in the alias table. */
    readonly reason: 'unknown' | 'ambiguous' | 'unresolved' | 'uncertain' | 'not_sasac_listed';
    /** Short names of the groups it may mean, best first. */
    readonly candidates: readonly string[];
  };
  soe_not_sasac: { readonly name: string; readonly fullName: string };
  amount_outlier: { readonly header: string; readonly wan: number; readonly medianWan: number; readonly unit: AmountUnit };
  sector_not_allowed: { readonly value: string };
  district_not_allowed: { readonly value: string };
  date_invalid: { readonly header: string; readonly raw: string };
  date_ambiguous: { readonly header: string; readonly raw: string; readonly read: string; readonly alternative: string };
  duplicate_project: { readonly name: string; readonly firstRow: number };
}

type MessageTable = { readonly [C in IssueCode]: (p: IssueParams[C]) => { message: Bilingual; suggestion?: Bilingual } };

const q = (s: string): string => `'${s}'`;
const zhField = (f: Field): string => FIELD_LABELS[f]['zh-CN'];
const enField = (f: Field): string => FIELD_LABELS[f]['en-US'];
const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });

/** The message table: every code's zh-CN and en-US text, built from its arguments. */
const MESSAGES: MessageTable = {
  header_not_found: (p) => ({
    message: both(`前 ${p.rowsSearched} 行中没有找到表头`, `No header row found in the first ${p.rowsSearched} rows`),
    suggestion: both('请确认表头包含"项目名称""合作央企""总投资"等列名', "Check that the header names columns such as '项目名称', '合作央企' and '总投资'"),
  }),
  missing_column: (p) => ({
    message: both(`没有找到${q(zhField(p.field))}列`, `No ${q(enField(p.field))} column found`),
    suggestion: both('请在表头中添加该列，或在设置中指定列', 'Add the column to the header, or map it in the settings'),
  }),
  mapping_invalid: (p) => ({
    message: both(
      `指定的${q(zhField(p.field))}列 ${q(p.value)} 不在表头中，已使用自动识别的列`,
      `The ${q(enField(p.field))} column ${q(p.value)} set in the mapping is not in the header; the detected column is used`,
    ),
  }),
  unit_assumed: (p) => ({
    message: both(`${q(p.header)}列未注明单位，按万元计`, `No unit given for column ${q(p.header)}; 万元 (10,000 yuan) assumed`),
    suggestion: both('请在表头注明单位，如"总投资（亿元）"', "State the unit in the header, e.g. '总投资（亿元）'"),
  }),
  row_blank: (p) =>
    p.firstRow === p.lastRow
      ? { message: both('空行，已跳过', 'Blank row skipped') }
      : {
          message: both(
            `第 ${p.firstRow}–${p.lastRow} 行为空行（${p.lastRow - p.firstRow + 1} 行），已跳过`,
            `Blank rows ${p.firstRow}–${p.lastRow} (${p.lastRow - p.firstRow + 1} rows) skipped`,
          ),
        },
  row_heading: (p) => ({ message: both(`分组标题行 ${q(p.text)}，已跳过`, `Section heading ${q(p.text)} skipped`) }),
  row_subtotal: (p) => ({
    message: both(`合计/小计行 ${q(p.text)}，不计入统计`, `Subtotal row ${q(p.text)} skipped (never counted)`),
  }),
  row_footnote: (p) => ({ message: both(`注释行 ${q(p.text)}，已跳过`, `Footnote row ${q(p.text)} skipped`) }),
  required_missing: (p) => ({
    message:
      p.raw === ''
        ? both(`${q(p.header)}为空，该行不计入统计`, `${q(p.header)} is empty; the row is not counted`)
        : both(`${q(p.header)}为 ${q(p.raw)}（无值），该行不计入统计`, `${q(p.header)} is ${q(p.raw)} (no value); the row is not counted`),
    suggestion: both(`请填写${zhField(p.field)}`, `Fill in the ${enField(p.field)}`),
  }),
  formula_not_calculated: (p) => ({
    message: both(`${q(p.header)}的公式未计算，该行不计入统计`, `The formula in ${q(p.header)} has no calculated value; the row is not counted`),
    suggestion: both('公式未计算，请在 Excel 中打开并保存后再试', 'Open the file in Excel, save it, and try again'),
  }),
  amount_invalid: (p) => ({
    message: both(`${q(p.header)}的值 ${q(p.raw)} 不是金额，该行不计入统计`, `${q(p.header)} value ${q(p.raw)} is not an amount; the row is not counted`),
    suggestion: both('请填写数字，如 12.5', 'Enter a number, e.g. 12.5'),
  }),
  amount_range: (p) => ({
    message: both(`${q(p.header)}为区间 ${q(p.raw)}，不取平均值，该行不计入统计`, `${q(p.header)} is a range ${q(p.raw)}; ranges are not averaged, the row is not counted`),
    suggestion: both('请填写一个确定的金额', 'Enter a single amount'),
  }),
  amount_foreign_currency: (p) => ({
    message: both(`${q(p.header)}为外币 ${q(p.raw)}，不做换算，该行不计入统计`, `${q(p.header)} is in a foreign currency ${q(p.raw)}; it is not converted, the row is not counted`),
    suggestion: both('请换算为人民币后填写', 'Enter the amount in yuan (RMB)'),
  }),
  amount_negative: (p) => ({
    message: both(`${q(p.header)}为负数 ${q(p.raw)}，该行不计入统计`, `${q(p.header)} is negative ${q(p.raw)}; the row is not counted`),
  }),
  stage_unknown: (p) => ({
    message: both(`无法识别项目阶段 ${q(p.raw)}，该行不计入统计`, `Unknown stage ${q(p.raw)}; the row is not counted`),
    ...(p.suggestion === null
      ? { suggestion: both('可用阶段：谋划、签约、前期、在建、竣工', 'Known stages: 谋划, 签约, 前期, 在建, 竣工') }
      : {
          suggestion: both(
            `是否为 ${q(p.suggestion.term)}（${STAGE_LABELS[p.suggestion.stage]['zh-CN']}）？`,
            `Did you mean ${q(p.suggestion.term)} (${STAGE_LABELS[p.suggestion.stage]['en-US']})?`,
          ),
        }),
  }),
  amount_approximate: (p) => ({
    message: both(
      `${q(p.header)}为约数 ${q(p.raw)}，按 ${formatAmountZh(p.wan, p.unit)}计入`,
      `${q(p.header)} is approximate ${q(p.raw)}; counted as ${formatAmountEn(p.wan)}`,
    ),
  }),
  invested_unreadable: (p) => ({
    message: both(`${q(p.header)}的值 ${q(p.raw)} 无法识别，按 0 计`, `${q(p.header)} value ${q(p.raw)} is unreadable; counted as 0`),
    suggestion: both('请填写数字', 'Enter a number'),
  }),
  invested_exceeds_total: (p) => ({
    message: both(
      `累计完成投资 ${formatAmountZh(p.investedWan, p.investedUnit)}大于总投资 ${formatAmountZh(p.totalWan, p.totalUnit)}`,
      `Invested to date ${formatAmountEn(p.investedWan)} exceeds total investment ${formatAmountEn(p.totalWan)}`,
    ),
    suggestion: both('请核对两列的数值和单位', 'Check both amounts and their units'),
  }),
  dates_reversed: (p) => ({
    message: both(`竣工时间 ${p.completion} 早于开工时间 ${p.start}`, `Completion date ${p.completion} is before start date ${p.start}`),
  }),
  completed_without_date: (p) => ({
    message: both(`阶段为 ${q(p.stageRaw)}，但没有竣工（投产）时间`, `Stage is ${q(p.stageRaw)} but the completion date is empty`),
  }),
  invested_before_start: (p) => ({
    message: both(
      `阶段为 ${q(p.stageRaw)}（未开工），但累计完成投资为 ${formatAmountZh(p.investedWan, p.unit)}`,
      `Stage is ${q(p.stageRaw)} (not started) but ${formatAmountEn(p.investedWan)} is invested to date`,
    ),
  }),
  construction_without_investment: (p) => ({
    message: both(`阶段为 ${q(p.stageRaw)}（在建），但累计完成投资为 0`, `Stage is ${q(p.stageRaw)} (under construction) but invested to date is 0`),
  }),
  soe_unknown: (p) => {
    const why: Bilingual =
      p.reason === 'unknown'
        ? both('不在央企名录或简称表中', 'is not on the SASAC list or in the alias table')
        : p.reason === 'ambiguous'
          ? both('简称有歧义', 'is ambiguous')
          : p.reason === 'not_sasac_listed'
            ? both('不在国资委央企名录中', 'is not on the SASAC list')
            : both('所属集团未确定', 'has no confirmed parent group');
    return {
      message: both(`央企 ${q(p.name)} ${why['zh-CN']}，按原名计入`, `SOE ${q(p.name)} ${why['en-US']}; counted under the name as written`),
      ...(p.candidates.length === 0 ? {} : { suggestion: both(`是否为：${p.candidates.join('、')}？`, `Did you mean: ${p.candidates.join(', ')}?`) }),
    };
  },
  soe_not_sasac: (p) => ({
    message: both(
      `${q(p.name)}（${p.fullName}）是中央企业，但不在国资委监管的央企名录中`,
      `${q(p.name)} (${p.fullName}) is a central enterprise but not on the SASAC list`,
    ),
  }),
  amount_outlier: (p) => ({
    message: both(
      `${q(p.header)} ${formatAmountZh(p.wan, p.unit)}超过该列中位数（${formatAmountZh(p.medianWan, p.unit)}）的一万倍`,
      `${q(p.header)} ${formatAmountEn(p.wan)} is more than 10,000 times the column median (${formatAmountEn(p.medianWan)})`,
    ),
    suggestion: both('可能把万元填成了元，或把亿元填成了万元', 'Possibly yuan entered as 万元, or 万元 as 亿元'),
  }),
  sector_not_allowed: (p) => ({
    message: both(`领域 ${q(p.value)} 不在允许的列表中`, `Sector ${q(p.value)} is not in the allowed list`),
  }),
  district_not_allowed: (p) => ({
    message: both(`地区 ${q(p.value)} 不在允许的列表中`, `District ${q(p.value)} is not in the allowed list`),
  }),
  date_invalid: (p) => ({
    message: both(`${q(p.header)}的值 ${q(p.raw)} 不是日期，已忽略`, `${q(p.header)} value ${q(p.raw)} is not a date; ignored`),
    suggestion: both('请填写如 2024-03 或 2024年3月', "Enter a date such as '2024-03' or '2024年3月'"),
  }),
  date_ambiguous: (p) => ({
    message: both(
      `${q(p.header)}的值 ${p.raw} 按 ${p.read} 读取，也可能是 ${p.alternative}（Excel 会把 2024.10 变成 2024.1）`,
      `${q(p.header)} value ${p.raw} is read as ${p.read} but may mean ${p.alternative} (Excel turns 2024.10 into 2024.1)`,
    ),
    suggestion: both('请把单元格设为文本，或填写 2024年10月', "Format the cell as text, or write '2024年10月'"),
  }),
  duplicate_project: (p) => ({
    message: both(
      `与第 ${p.firstRow} 行重复（项目 ${q(p.name)}，央企相同），本行不重复计入`,
      `Duplicate of row ${p.firstRow} (project ${q(p.name)}, same SOEs); this row is not counted again`,
    ),
  }),
};

/** Build the bilingual message (and suggestion, where there is one) of a code from its arguments. */
export function issueMessage<C extends IssueCode>(code: C, params: IssueParams[C]): { message: Bilingual; suggestion?: Bilingual } {
  return (MESSAGES[code] as (p: IssueParams[C]) => { message: Bilingual; suggestion?: Bilingual })(params);
}

const TITLES: Readonly<Record<IssueCode, Bilingual>> = {
  header_not_found: both('未找到表头', 'Header not found'),
  missing_column: both('缺少必需列', 'Required column missing'),
  mapping_invalid: both('列映射无效', 'Column mapping not applied'),
  unit_assumed: both('未注明单位（按万元）', 'Unit assumed (万元)'),
  row_blank: both('空行', 'Blank row'),
  row_heading: both('分组标题行', 'Section heading'),
  row_subtotal: both('合计/小计行', 'Subtotal row'),
  row_footnote: both('注释行', 'Footnote row'),
  required_missing: both('必填项为空', 'Required value missing'),
  formula_not_calculated: both('公式未计算', 'Formula not calculated'),
  amount_invalid: both('金额无法识别', 'Amount unreadable'),
  amount_range: both('金额为区间', 'Amount is a range'),
  amount_foreign_currency: both('金额为外币', 'Amount in foreign currency'),
  amount_negative: both('金额为负数', 'Negative amount'),
  stage_unknown: both('项目阶段无法识别', 'Unknown stage'),
  amount_approximate: both('金额为约数', 'Approximate amount'),
  invested_unreadable: both('累计完成投资无法识别', 'Invested to date unreadable'),
  invested_exceeds_total: both('完成投资大于总投资', 'Invested exceeds total'),
  dates_reversed: both('竣工早于开工', 'Completion before start'),
  completed_without_date: both('已竣工但无竣工时间', 'Completed without a date'),
  invested_before_start: both('未开工但有完成投资', 'Investment before start'),
  construction_without_investment: both('在建但完成投资为 0', 'Under construction, nothing invested'),
  soe_unknown: both('央企名称无法识别', 'Unknown SOE'),
  soe_not_sasac: both('非国资委监管央企', 'Not on the SASAC list'),
  amount_outlier: both('金额异常（疑似单位错误）', 'Outlier amount (unit mix-up?)'),
  sector_not_allowed: both('领域不在列表中', 'Sector not allowed'),
  district_not_allowed: both('地区不在列表中', 'District not allowed'),
  date_invalid: both('日期无法识别', 'Date unreadable'),
  date_ambiguous: both('日期有歧义', 'Ambiguous date'),
  duplicate_project: both('重复项目', 'Duplicate project'),
};

/**
 * A short title of an issue code in one language, for legends and filters; the code itself for a code this
 * version does not know (e.g. from a newer saved report).
 * @example describeIssueCode('amount_range', 'en-US') // → 'Amount is a range'
 */
export function describeIssueCode(code: string, lang: Lang): string {
  return isIssueCode(code) ? TITLES[code][lang] : code;
}

/** True when `code` is one of `ISSUE_CODES`. */
export function isIssueCode(code: string): code is IssueCode {
  return (ISSUE_CODES as readonly string[]).includes(code);
}

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/**
 * An amount in 万元 for a message: up to 4 decimals, trailing zeros dropped, thousands separated.
 * Messages only; totals are never rounded.
 */
export function formatWan(wan: number): string {
  return formatDecimal(wan, 4);
}

/**
 * `n` with up to `maxDecimals` decimals (whole 元 at the unit's scale), trailing zeros dropped, thousands separated.
 * Without regular expressions in the common case: a full sheet's messages format two million amounts.
 */
export function formatDecimal(n: number, maxDecimals: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n < 0 ? `-${grouped(String(-n))}` : grouped(String(n));
  const sign = n < 0 ? '-' : '';
  const fixed = Math.abs(n).toFixed(maxDecimals);
  const point = fixed.indexOf('.');
  const int = point < 0 ? fixed : fixed.slice(0, point);
  let end = fixed.length;
  if (point >= 0) {
    while (end > point + 1 && fixed.charCodeAt(end - 1) === 0x30 /* 0 */) end--;
    if (end === point + 1) end = point;
  }
  return `${sign}${grouped(int)}${point < 0 ? '' : fixed.slice(point, end)}`;
}

/** Digits with a comma between thousands ("1234567" → "1,234,567"); any other text (an exponent) by `GROUPS`. */
function grouped(digits: string): string {
  const length = digits.length;
  if (length <= 3) return digits;
  for (let i = 0; i < length; i++) {
    const code = digits.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return digits.replace(GROUPS, ',');
  }
  const head = length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** The unit's name, its figure for an amount in 万元, and the decimals that keep whole 元. */
const ZH_UNITS: Readonly<Record<AmountUnit, { readonly name: string; readonly of: (wan: number) => number; readonly decimals: number }>> = {
  yi: { name: '亿元', of: (wan) => wan / 1e4, decimals: 8 },
  wan: { name: '万元', of: (wan) => wan, decimals: 4 },
  yuan: { name: '元', of: (wan) => wan * 1e4, decimals: 0 },
};

/**
 * An amount in 万元 stated in a ledger column's unit, for a Chinese message: the figure as the ledger
 * shows it (up to whole 元), then the unit.
 * @example formatAmountZh(2_360_000, 'yi') // → '236 亿元'
 */
export function formatAmountZh(wan: number, unit: AmountUnit): string {
  const u = ZH_UNITS[unit];
  return `${formatDecimal(u.of(wan), u.decimals)} ${u.name}`;
}

/**
 * An amount in 万元 for an English message, in the plain English scale of its size: billion yuan from one
 * billion up, million yuan from one million, else yuan (up to whole yuan).
 * @example formatAmountEn(2_360_000) // → '23.6 billion yuan'
 */
export function formatAmountEn(wan: number): string {
  const abs = Math.abs(wan);
  if (abs >= 1e5) return `${formatDecimal(wan / 1e5, 9)} billion yuan`;
  if (abs >= 100) return `${formatDecimal(wan / 100, 6)} million yuan`;
  return `${formatDecimal(wan * 1e4, 0)} yuan`;
}

