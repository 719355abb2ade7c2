import type { Bilingual, Field, Stage } from './types';

/** Display names of the ledger fields, used in messages and in the UI. */
export const FIELD_LABELS: Readonly<Record<Field, Bilingual>> = {
  serial: { 'zh-CN': '序号', 'en-US': 'serial number' },
  name: { 'zh-CN': '项目名称', 'en-US': 'project name' },
  soe: { 'zh-CN': '合作央企', 'en-US': 'SOE' },
  sector: { 'zh-CN': '所属领域', 'en-US': 'sector' },
  stage: { 'zh-CN': '项目阶段', 'en-US': 'stage' },
  category: { 'zh-CN': '项目类别', 'en-US': 'category' },
  district: { 'zh-CN': '所属地区', 'en-US': 'district' },
  totalInvestment: { 'zh-CN': '总投资', 'en-US': 'total investment' },
  investedToDate: { 'zh-CN': '累计完成投资', 'en-US': 'invested to date' },
  startDate: { 'zh-CN': '开工时间', 'en-US': 'start date' },
  completionDate: { 'zh-CN': '竣工（投产）时间', 'en-US': 'completion date' },
  notes: { 'zh-CN': '备注', 'en-US': 'notes' },
  signDate: { 'zh-CN': '签约时间', 'en-US': 'signing date' },
  plannedStartDate: { 'zh-CN': '计划开工时间', 'en-US': 'planned start' },
  actualStartDate: { 'zh-CN': '实际开工时间', 'en-US': 'actual start' },
  plannedCompletionDate: { 'zh-CN': '计划竣工时间', 'en-US': 'planned completion' },
  annualPlanInvestment: { 'zh-CN': '年度计划投资', 'en-US': 'annual planned investment' },
  yearInvested: { 'zh-CN': '本年完成投资', 'en-US': 'invested this year' },
};

/** Display names of the canonical stages. */
export const STAGE_LABELS: Readonly<Record<Stage, Bilingual>> = {
  planning: { 'zh-CN': '谋划储备', 'en-US': 'planning' },
  signed: { 'zh-CN': '已签约', 'en-US': 'signed' },
  preparation: { 'zh-CN': '前期工作', 'en-US': 'preparation' },
  construction: { 'zh-CN': '在建', 'en-US': 'under construction' },
  completed: { 'zh-CN': '已竣工（投产）', 'en-US': 'completed' },
};
