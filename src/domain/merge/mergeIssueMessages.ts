import { formatWan } from '../validate/issueMessages';
import { STAGE_LABELS } from '../ledger/fieldLabels';
import type { Bilingual, Lang, Severity, Stage } from '../ledger/types';
import type { MergeIssue, ProjectSource } from './types';

/** Every code the merge emits. Stable snake_case identifiers: never rename one. */
export const MERGE_ISSUE_CODES = [
  'duplicate_across_files',
  'conflict_total',
  'conflict_stage',
  'conflict_district',
  'near_duplicate',
  'district_mismatch',
] as const;
/** A merge issue code. */
export type MergeIssueCode = (typeof MERGE_ISSUE_CODES)[number];

/** The severity of each code. None is an error: a merge never drops a counted row. */
export const MERGE_ISSUE_SEVERITY: Readonly<Record<MergeIssueCode, Severity>> = {
  duplicate_across_files: 'info',
  conflict_total: 'warning',
  conflict_stage: 'warning',
  conflict_district: 'warning',
  near_duplicate: 'warning',
  district_mismatch: 'warning',
};

/** The arguments each code's message is built from. Amounts in 万元. */
export interface MergeIssueParams {
  duplicate_across_files: { readonly name: string; readonly byCode: boolean };
  conflict_total: { readonly name: string; readonly keptWan: number; readonly otherWan: number };
  conflict_stage: { readonly name: string; readonly kept: Stage; readonly other: Stage };
  conflict_district: { readonly name: string; readonly kept: string; readonly other: string };
  near_duplicate: { readonly name: string; readonly otherName: string };
  district_mismatch: { readonly name: string; readonly district: string; readonly fileDistrict: string };
}

const q = (s: string): string => `'${s}'`;
const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });
const zhStage = (s: Stage): string => STAGE_LABELS[s]['zh-CN'];
const enStage = (s: Stage): string => STAGE_LABELS[s]['en-US'];
const KEEP_FIRST = both('以第一个文件为准；如有误，请核对后修改来源台账', 'The first file is kept; if it is wrong, correct the source ledgers');

type MessageTable = { readonly [C in MergeIssueCode]: (p: MergeIssueParams[C], where: Bilingual) => { message: Bilingual; suggestion?: Bilingual } };

const MESSAGES: MessageTable = {
  duplicate_across_files: (p, where) => ({
    message: both(
      `项目 ${q(p.name)} 在多个文件中出现（${p.byCode ? '项目代码相同' : '名称和央企相同'}：${where['zh-CN']}），只计入一次`,
      `Project ${q(p.name)} is reported by several files (${p.byCode ? 'same project code' : 'same name and SOEs'}: ${where['en-US']}); counted once`,
    ),
  }),
  conflict_total: (p, where) => ({
    message: both(
      `项目 ${q(p.name)} 的总投资不一致：${formatWan(p.keptWan)} 万元与 ${formatWan(p.otherWan)} 万元（${where['zh-CN']}）`,
      `Project ${q(p.name)} has different totals: ${formatWan(p.keptWan)} 万元 and ${formatWan(p.otherWan)} 万元 (${where['en-US']})`,
    ),
    suggestion: KEEP_FIRST,
  }),
  conflict_stage: (p, where) => ({
    message: both(
      `项目 ${q(p.name)} 的阶段不一致：${zhStage(p.kept)}与${zhStage(p.other)}（${where['zh-CN']}）`,
      `Project ${q(p.name)} has different stages: ${enStage(p.kept)} and ${enStage(p.other)} (${where['en-US']})`,
    ),
    suggestion: KEEP_FIRST,
  }),
  conflict_district: (p, where) => ({
    message: both(
      `项目 ${q(p.name)} 的所属地区不一致：${p.kept}与${p.other}（${where['zh-CN']}）`,
      `Project ${q(p.name)} has different districts: ${p.kept} and ${p.other} (${where['en-US']})`,
    ),
    suggestion: KEEP_FIRST,
  }),
  near_duplicate: (p, where) => ({
    message: both(
      `项目 ${q(p.name)} 与 ${q(p.otherName)} 名称相近、央企相同，可能是同一项目（${where['zh-CN']}），未合并`,
      `Projects ${q(p.name)} and ${q(p.otherName)} have similar names and the same SOEs and may be one project (${where['en-US']}); not merged`,
    ),
    suggestion: both('如是同一项目，请统一两个台账中的项目名称', 'If they are one project, give it the same name in both ledgers'),
  }),
  district_mismatch: (p, where) => ({
    message: both(
      `项目 ${q(p.name)} 的所属地区为 ${p.district}，但文件属于 ${p.fileDistrict}（${where['zh-CN']}）`,
      `Project ${q(p.name)} is in ${p.district} but the file is ${p.fileDistrict}'s (${where['en-US']})`,
    ),
    suggestion: both('请核对所属地区，或确认该项目应由哪个区县报送', 'Check the district, or which district should report the project'),
  }),
};

/** A source as a short bilingual reference: 甘井子区.xlsx › 台账 › 第 12 行. */
export function describeSource(source: ProjectSource): Bilingual {
  return both(`${source.file} › ${source.sheet} › 第 ${source.sheetRow} 行`, `${source.file} › ${source.sheet} › row ${source.sheetRow}`);
}

function describeSources(sources: readonly ProjectSource[]): Bilingual {
  const parts = sources.map(describeSource);
  return both(parts.map((p) => p['zh-CN']).join('；'), parts.map((p) => p['en-US']).join('; '));
}

/** Build a `MergeIssue` for `code` pointing at `sources` (the row that stays first); the message names every source. */
export function createMergeIssue<C extends MergeIssueCode>(code: C, params: MergeIssueParams[C], sources: readonly ProjectSource[]): MergeIssue {
  const build = MESSAGES[code] as (p: MergeIssueParams[C], where: Bilingual) => { message: Bilingual; suggestion?: Bilingual };
  const { message, suggestion } = build(params, describeSources(sources));
  return { code, severity: MERGE_ISSUE_SEVERITY[code], sources, message, ...(suggestion === undefined ? {} : { suggestion }) };
}

const TITLES: Readonly<Record<MergeIssueCode, Bilingual>> = {
  duplicate_across_files: both('跨文件重复项目', 'Duplicate across files'),
  conflict_total: both('重复项目总投资不一致', 'Duplicate with a different total'),
  conflict_stage: both('重复项目阶段不一致', 'Duplicate with a different stage'),
  conflict_district: both('重复项目地区不一致', 'Duplicate with a different district'),
  near_duplicate: both('疑似重复项目', 'Possible duplicate'),
  district_mismatch: both('项目不属于本区县', 'Project of another district'),
};

/**
 * A short title of a merge issue code in one language; the code itself for one this version does not know.
 * @example describeMergeIssueCode('near_duplicate', 'en-US') // → 'Possible duplicate'
 */
export function describeMergeIssueCode(code: string, lang: Lang): string {
  return (MERGE_ISSUE_CODES as readonly string[]).includes(code) ? TITLES[code as MergeIssueCode][lang] : code;
}
