import type { Field } from './types';

/**
 * Header texts per field, Chinese and English, in one table. Compared after NFKC, without spaces or line
 * breaks, in lower case, and with a unit bracket ("（亿元）") removed. An exact match always wins; a header that
 * merely contains a synonym of three or more characters ("项目名称及建设内容") is a weaker match.
 */
export const HEADER_SYNONYMS: Readonly<Record<Field, readonly string[]>> = {
  serial: ['序号', '编号', 'no', 'no.', '#', 'serial', 'serialno'],
  name: ['项目名称', '名称', '项目', '项目全称', 'project', 'projectname', 'name'],
  soe: ['合作央企', '央企', '央企名称', '合作单位', '合作企业', '所属央企', '央企集团', '合作央企名称', 'soe', 'soes', 'centralsoe', 'partnersoe'],
  sector: ['所属领域', '领域', '行业', '所属行业', '行业领域', '产业领域', '行业类别', 'sector', 'industry'],
  stage: ['项目阶段', '建设阶段', '进展情况', '状态', '项目状态', '项目进展', '推进阶段', '进展阶段', '建设状态', 'stage', 'status'],
  category: ['项目类别', '类别', '项目类型', '类型', '项目分类', 'category', 'type'],
  district: ['所属地区', '地区', '区市县', '所在区域', '所在地区', '区域', '属地', '所在地', '所属区域', '项目所在地', 'district', 'region'],
  totalInvestment: ['总投资', '计划总投资', '项目总投资', '总投资额', '投资总额', 'totalinvestment', 'total'],
  investedToDate: [
    '累计完成投资',
    '已完成投资',
    '完成投资',
    '自开工累计完成投资',
    '自开始建设累计完成投资',
    '累计投资',
    '累计完成',
    'investedtodate',
    'invested',
  ],
  startDate: ['开工时间', '开工日期', '开工年份', '建设起止年限', '起止年限', '建设年限', '建设周期', 'startdate', 'start'],
  completionDate: ['竣工时间', '投产时间', '竣工(投产)时间', '竣工投产时间', '竣工日期', '完工时间', '投运时间', 'completiondate', 'completion'],
  notes: ['备注', '说明', 'notes', 'note', 'remarks'],
  // Issue 17: a planned date is its own column (计划开工时间 is no longer read as 开工时间).
  signDate: ['签约时间', '签约日期', '签约年月', '签订时间', 'signdate', 'signingdate'],
  plannedStartDate: ['计划开工时间', '计划开工日期', '拟开工时间', '预计开工时间', 'plannedstart', 'plannedstartdate'],
  actualStartDate: ['实际开工时间', '实际开工日期', 'actualstart', 'actualstartdate'],
  plannedCompletionDate: ['计划竣工时间', '计划竣工日期', '计划完工时间', '计划投产时间', '计划竣工(投产)时间', '预计竣工时间', 'plannedcompletion', 'plannedcompletiondate'],
  annualPlanInvestment: ['年度计划投资', '本年计划投资', '本年度计划投资', '年度投资计划', '今年计划投资', 'annualplan', 'annualplaninvestment'],
  yearInvested: ['本年完成投资', '本年累计完成投资', '今年完成投资', '本年度完成投资', '年度完成投资', 'yearinvested', 'investedthisyear'],
};
