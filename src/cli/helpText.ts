import type { Lang } from '../domain';

const ZH = `ledger-stats — 央地合作项目台账统计（不需要 Excel）

用法：
  ledger-stats summarize <文件.xlsx|文件.csv> [--sheet 名称] [--json]
      打印关键指标（项目个数、合作央企、总投资、已开工、累计完成投资）和分类汇总表；
      --json 只输出汇总 JSON（docs/summary.schema.json）。
  ledger-stats validate <文件> [--json]
      按严重程度列出数据问题；有“错误”时退出码为 1，否则为 0。
  ledger-stats refresh <文件.xlsx> [-o 输出.xlsx [--force] | --in-place]
      写入与加载项相同的汇总表、校验表和原生图表；默认写到新文件 <名称>.summary.xlsx，不改动原文件；
      原文件中的图表、数据透视表、宏和加载项设置原样保留。
  ledger-stats brief <文件> [--style exact|rounded] [--lang] [--json]
      起草简报段落（总体、分类别、开工与竣工）；rounded 写成“近5000亿元/约3940.5亿元”。
  ledger-stats diff <上期.xlsx> <本期.xlsx> [--json]
      对比两期台账：新增、减少、阶段变化、投资变化及各关键指标增减。
  ledger-stats rank <文件> [--json] [--as-of YYYY-MM-DD] [--rules 规则.json]
      各组地区“赛马”排名（签约、开工、完成投资、完成率加权得分）；市本级/跨区域项目不参与排名。
  ledger-stats warn <文件> [--json] [--as-of YYYY-MM-DD] [--rules 规则.json]
      红黄绿灯预警：列出红灯、黄灯项目及原因（开工滞后、投资进度低于序时进度、竣工滞后）。
  ledger-stats merge <文件|文件夹>… -o 合并.xlsx [--unit 亿元|万元] [--force] [--json]
      合并各区县台账（每个文件各自识别表头、单位和列）为一个台账（“合并台账”表，带“来源”列）；
      跨文件的同一项目只计一次并列出不一致；有文件含“错误”时退出码为 1。

选项：
  --sheet 名称                   指定台账工作表（默认：第一个含台账表头的工作表）
  --mapping <JSON|文件>          指定列：字段 → 列字母或表头，如 '{"totalInvestment":"F","soe":"合作单位"}'
                                 字段：serial name soe sector stage category district totalInvestment
                                       investedToDate startDate completionDate notes signDate
                                       plannedStartDate actualStartDate plannedCompletionDate
                                       annualPlanInvestment yearInvested
  --as-of YYYY-MM-DD             数据截止日期（各命令的“截至”；默认：台账标题中的日期，如“截至2025年9月30日”；
                                 rank、warn 没有日期时用上一个完整月份的月末）
  --rules 文件.json              赛马与预警规则：weights、groups、lights（rank、warn）；
                                 未给出时读工作簿中的“赛马规则”工作表，没有则用默认规则
  --soe-attribution full|split   多家央企合作的项目：每家全额计入（full，默认）或平分（split）
  --lang zh-CN|en-US             输出语言（默认 zh-CN）
  --json                         输出 JSON（summarize、validate、diff、rank、warn）
  -o, --output 文件              refresh 的输出文件
  --in-place                     refresh 直接覆盖输入文件
  --force                        refresh 覆盖已存在的输出文件
  -h, --help                     显示帮助
  -v, --version                  显示版本

退出码：0 成功；1 validate 发现错误；2 参数错误或文件无法读取（不存在、有密码、格式不支持、找不到工作表或台账）。

示例：
  npx ledger-stats summarize assets/sample-ledger.xlsx
  npx ledger-stats validate 台账.xlsx --json
  npx ledger-stats refresh 台账.xlsx -o 台账-汇总.xlsx`;

const EN = `ledger-stats — statistics for investment-project ledgers (no Excel needed)

Usage:
  ledger-stats summarize <file.xlsx|file.csv> [--sheet NAME] [--json]
      Print the key figures (projects, SOEs, total investment, started, invested to date) and
      the breakdown tables; with --json, only the summary JSON (docs/summary.schema.json).
  ledger-stats validate <file> [--json]
      List the data issues by severity; exit 1 when any is an error, else 0.
  ledger-stats refresh <file.xlsx> [-o OUT.xlsx [--force] | --in-place]
      Write the add-in's summary and validation sheets and native charts into a new file, by
      default <name>.summary.xlsx; the input is not modified. Charts, pivots, macros and add-in
      settings of the input are kept as they are.
  ledger-stats brief <file> [--style exact|rounded] [--lang] [--json]
      Draft the briefing paragraph (the whole, each category, started and completed);
      rounded writes "close to 5000" / "about 3940.5" the way bulletins do.
  ledger-stats diff <old.xlsx> <new.xlsx> [--json]
      Compare two periods: new and removed projects, stage changes, investment changes and
      the change of every key figure.
  ledger-stats rank <file> [--json] [--as-of YYYY-MM-DD] [--rules RULES.json]
      The 赛马 ranking of the districts per group (weighted score of signed, started, invested
      this year and completion rate); city-level/cross-district projects are not ranked.
  ledger-stats warn <file> [--json] [--as-of YYYY-MM-DD] [--rules RULES.json]
      红黄绿灯 warnings: the red and yellow projects with their reasons (late start, investment
      behind the time-elapsed target, late completion).

  ledger-stats merge <file|folder>… -o CITY.xlsx [--unit yi|wan] [--force] [--json]
      Merge the districts' ledgers (each read with its own header, unit and columns) into one
      ledger (sheet 合并台账, with a 来源 column); a project in several files is counted once and
      its differences listed; exit 1 when any file has an error.
Options:
  --sheet NAME                   the ledger sheet (default: the first sheet with a ledger header)
  --mapping <JSON|file>          column overrides, field → column letter or header text,
                                 e.g. '{"totalInvestment":"F","soe":"合作单位"}'
                                 fields: serial name soe sector stage category district totalInvestment
                                         investedToDate startDate completionDate notes signDate
                                         plannedStartDate actualStartDate plannedCompletionDate
                                         annualPlanInvestment yearInvested
  --as-of YYYY-MM-DD             the data date, 截至, of every command (default: the date in the
                                 ledger's title, such as 截至2025年9月30日; rank and warn without
                                 one: the end of the last complete month)
  --rules FILE.json              赛马 and warning rules: weights, groups, lights (rank, warn);
                                 else the workbook's 赛马规则 sheet, else the defaults
  --soe-attribution full|split   a project with several SOEs: credit each in full (default) or split
  --lang zh-CN|en-US             output language (default zh-CN)
  --json                         JSON output (summarize, validate, diff, rank, warn)
  -o, --output FILE              refresh: the output file
  --in-place                     refresh: overwrite the input file
  --force                        refresh: overwrite an existing output file
  -h, --help                     show this help
  -v, --version                  show the version

Exit codes: 0 done; 1 validate found errors; 2 bad arguments or an unreadable input (missing,
password-protected, unsupported format, no such sheet, no ledger).

Examples:
  npx ledger-stats summarize assets/sample-ledger.xlsx
  npx ledger-stats validate ledger.xlsx --json
  npx ledger-stats refresh ledger.xlsx -o ledger-summary.xlsx`;

/** The `--help` text. */
export function helpText(lang: Lang): string {
  return lang === 'zh-CN' ? ZH : EN;
}
