/**
 * Builds assets/sample-ledger.xlsx: a realistic 央地合作 project ledger for Dalian, laid out the way
 * statisticians keep it (title, unit line, two-row header with a merged "投资情况（亿元）" group cell,
 * numbered sections with 小计 rows, a 合计 row, a footnote) and with a handful of deliberate data
 * problems for `validate` to find.
 *
 * Project names and SOEs come from public reports (../shared/seeds: 大连数谷园区, 中粮油脂饲料蛋白,
 * 三峡庄河Ⅴ号海上风电, 华能普兰店陆上风电Ⅰ, 金州湾国际机场, 中车大连机车旅顺新厂 …); amounts, dates and
 * stages are illustrative, as the footnote row says.
 *
 * Deterministic: fixed workbook dates and zip entry times, so regenerating gives the same bytes.
 * Run: npx tsx scripts/makeSampleLedger.ts [out.xlsx]
 */
import ExcelJS from 'exceljs';
import { writeFile } from 'fs/promises';
import { join } from 'path';
import { readZipEntries } from '../src/xlsx/zipIndex';

/** One project row: amounts in 亿元 (a string is written as typed: 约50, 待定 …). */
interface SampleProject {
  readonly name: string;
  readonly soe: string;
  readonly category: '省重点' | '市谋划';
  readonly district: string;
  readonly stage: string;
  readonly total: number | string | null;
  readonly invested: number | string | null;
  /** `[year, month]` is written as a date cell (yyyy-mm); a string is written as text. */
  readonly start?: readonly [number, number] | string;
  readonly completion?: readonly [number, number] | string;
  readonly notes?: string;
}

interface SampleSection {
  readonly title: string;
  readonly sector: string;
  readonly projects: readonly SampleProject[];
}

/**
 * The ledger's content. Deliberate problems, one per kind:
 * 约30 / 约50 (approximate amount), 待定 (placeholder amount), 暂缓 (unknown stage), a duplicate row
 * (中车大连机车旅顺新厂), invested > total
 * (地铁5号线), completion before start (中储粮直属库), a negative invested amount (静脉产业园),
 * an SOE outside the SASAC list (国创氢能), an old SOE name (中船重工), mixed date formats.
 */
export const SAMPLE_SECTIONS: readonly SampleSection[] = [
  {
    title: '一、能源',
    sector: '能源',
    projects: [
      { name: '华能普兰店陆上风电Ⅰ项目', soe: '中国华能', category: '省重点', district: '普兰店区', stage: '已全容量并网', total: 15.6, invested: 15.2, start: [2022, 4], completion: [2023, 12] },
      { name: '华能大连市庄河海上风电场址Ⅳ2项目', soe: '华能集团', category: '省重点', district: '庄河市', stage: '全容量并网', total: 48.3, invested: 46.9, start: [2022, 6], completion: [2024, 9] },
      { name: '三峡集团庄河Ⅴ号海上风电项目', soe: '三峡集团', category: '省重点', district: '庄河市', stage: '已并网', total: 52, invested: 50.8, start: [2022, 8], completion: [2024, 6] },
      { name: '红沿河核电站二期工程（5、6号机组）', soe: '中广核、国家电投', category: '省重点', district: '瓦房店市', stage: '投运', total: 320, invested: 318.5, start: [2015, 3], completion: [2022, 6] },
      { name: '庄河核电一期工程', soe: '国家电投', category: '省重点', district: '庄河市', stage: '前期工作', total: 400, invested: 3.2, notes: '开展核准前期工作' },
      { name: '国电电力大连“上大压小”热电联产项目', soe: '国家能源集团', category: '省重点', district: '普兰店区', stage: '在建', total: 35.8, invested: 12.4, start: [2024, 5], notes: '配套工程保障' },
      { name: '招商局太平湾海上风电项目', soe: '招商局集团', category: '省重点', district: '太平湾合作创新区', stage: '前期', total: 110, invested: 0 },
      { name: '国创氢能燃料电池项目', soe: '国创氢能', category: '市谋划', district: '高新区', stage: '已完工', total: 6.5, invested: 6.5, start: '2023年3月', completion: '2024年11月' },
      { name: '华电太平湾海上风电场项目', soe: '中国华电', category: '市谋划', district: '太平湾合作创新区', stage: '谋划储备', total: '待定', invested: null },
      { name: '三峡能源普兰店全钒液流电池储能电站', soe: '三峡集团', category: '市谋划', district: '普兰店区', stage: '在建', total: '约30', invested: 9.6, start: '2024.3' },
      { name: '中国能建太平湾氢能产业园', soe: '中国能建', category: '市谋划', district: '太平湾合作创新区', stage: '签约', total: 45, invested: 0 },
    ],
  },
  {
    title: '二、工业',
    sector: '工业',
    projects: [
      { name: '中粮油脂大连饲料蛋白加工项目', soe: '中粮集团', category: '省重点', district: '太平湾合作创新区', stage: '在建', total: '约50', invested: 18.5, start: [2023, 6], notes: '力争年底前整体试运行' },
      { name: '中车大连机车旅顺新厂', soe: '中国中车', category: '省重点', district: '旅顺口区', stage: '已投产', total: 100, invested: 100, start: [2019, 6], completion: [2023, 10] },
      { name: '中石油大连石化易地升级改造项目', soe: '中国石油', category: '省重点', district: '长兴岛经济区', stage: '前期工作', total: 705, invested: 12, notes: '力争年底前开工' },
      { name: '大船集团易地升级改造项目', soe: '中国船舶', category: '省重点', district: '甘井子区', stage: '在建', total: 120, invested: 35.6, start: [2023, 9] },
      { name: '大连造船液化气船生产线技术改造', soe: '中国船舶集团', category: '市谋划', district: '西岗区', stage: '在建', total: 8.6, invested: 3.1, start: [2024, 2] },
      { name: '中车大连电力牵引研发中心', soe: '中车集团', category: '市谋划', district: '旅顺口区', stage: '已签约', total: 12, invested: 0 },
      { name: '北方工业大连精细化工新材料项目', soe: '中国兵器工业', category: '市谋划', district: '长兴岛经济区', stage: '前期', total: 26, invested: 0 },
      { name: '大连石化研究院中试基地', soe: '中国石化', category: '市谋划', district: '高新区', stage: '在建', total: 4.2, invested: 1.8, start: [2024, 8] },
      { name: '大连机床数控系统产业化项目', soe: '通用技术集团', category: '市谋划', district: '甘井子区', stage: '在建', total: 9.8, invested: 4.1, start: '2023/11' },
      { name: '七六〇所海洋装备试验场', soe: '中船重工', category: '市谋划', district: '旅顺口区', stage: '在建', total: 7.5, invested: 2.2, start: [2024, 4] },
      { name: '中车大连机车旅顺新厂', soe: '中国中车', category: '省重点', district: '旅顺口区', stage: '已投产', total: 100, invested: 100, start: [2019, 6], completion: [2023, 10], notes: '重复填报' },
    ],
  },
  {
    title: '三、交通',
    sector: '交通',
    projects: [
      { name: '大连金州湾国际机场', soe: '中国交建', category: '省重点', district: '金普新区', stage: '在建', total: 263, invested: 86, start: [2021, 3], notes: '航站楼桩基础施工，填海工程同步开展' },
      { name: '长海大桥工程', soe: '中国交建/中国中铁', category: '省重点', district: '长海县', stage: '在建', total: 118.5, invested: 21.7, start: [2024, 7], notes: '主线钢栈桥施工' },
      { name: '大连湾海底隧道及光明路延伸工程', soe: '中交集团', category: '省重点', district: '中山区', stage: '竣工', total: 125, invested: 125, start: [2018, 3], completion: [2023, 5] },
      { name: '太平湾港区航道及码头工程', soe: '招商局集团', category: '省重点', district: '太平湾合作创新区', stage: '在建', total: 68, invested: 30.5, start: [2022, 5] },
      { name: '大连地铁5号线工程', soe: '中国中铁', category: '市谋划', district: '西岗区', stage: '竣工', total: 220, invested: 236, start: [2016, 9], completion: [2023, 12] },
      { name: '沈大高速公路大连段改扩建', soe: '中国铁建', category: '市谋划', district: '金普新区', stage: '签约待落地', total: 95, invested: 0 },
      { name: '大连港集装箱码头智能化改造', soe: '中远海运', category: '市谋划', district: '金普新区', stage: '谋划', total: 15, invested: null },
    ],
  },
  {
    title: '四、仓储物流',
    sector: '仓储物流',
    projects: [
      { name: '中国物流集团东北区域总部及物流枢纽项目', soe: '中国物流集团', category: '省重点', district: '甘井子区', stage: '签约待落地', total: 30, invested: 0 },
      { name: '中储大连智慧物流园', soe: '中国物流集团', category: '市谋划', district: '金普新区', stage: '在建', total: 12.5, invested: 4, start: [2024, 3] },
      { name: '长兴岛商业储备油库项目', soe: '中国石化', category: '省重点', district: '长兴岛经济区', stage: '在建', total: 28, invested: 9.5, start: [2023, 10] },
      { name: '太平湾临港冷链物流园', soe: '招商局集团', category: '市谋划', district: '太平湾合作创新区', stage: '暂缓', total: 16, invested: 1 },
      { name: '北良港粮食物流提升项目', soe: '中粮', category: '省重点', district: '金普新区', stage: '在建', total: 22, invested: 8.8, start: [2023, 4] },
      { name: '中储粮大连直属库扩建', soe: '中储粮集团', category: '市谋划', district: '甘井子区', stage: '竣工', total: 5.2, invested: 5.2, start: [2023, 4], completion: [2022, 11] },
    ],
  },
  {
    title: '五、新型基础设施',
    sector: '新型基础设施',
    projects: [
      { name: '大连数谷园区综合开发建设项目', soe: '中国电信、中国中铁', category: '省重点', district: '金普新区', stage: '在建', total: 80, invested: 20.3, start: [2023, 5] },
      { name: '中国移动（大连）数据中心二期', soe: '中国移动', category: '市谋划', district: '高新区', stage: '在建', total: 25, invested: 11, start: [2023, 8] },
      { name: '中国联通东北（大连）算力中心', soe: '中国联通', category: '市谋划', district: '甘井子区', stage: '前期', total: 18, invested: 0 },
      { name: '大连海洋信息产业园', soe: '中国电科', category: '市谋划', district: '高新区', stage: '签约', total: 15, invested: 0 },
      { name: '大连数字文化产业基地', soe: '中国电子', category: '市谋划', district: '高新区', stage: '在建', total: 12, invested: 3.5, start: [2024, 6] },
    ],
  },
  {
    title: '六、现代服务业',
    sector: '现代服务业',
    projects: [
      { name: '中国旅游集团大连免税综合体', soe: '中国旅游集团', category: '市谋划', district: '中山区', stage: '签约', total: 20, invested: 0 },
      { name: '东昌置业城市更新项目', soe: '新兴际华集团', category: '市谋划', district: '沙河口区', stage: '前期', total: 18.6, invested: null, notes: '加快净地收储' },
      { name: '太平湾合作创新区综合开发（一期）', soe: '招商局', category: '省重点', district: '太平湾合作创新区', stage: '在建', total: 150, invested: 62, start: [2021, 9] },
      { name: '梭鱼湾体育中心片区开发', soe: '华润集团', category: '市谋划', district: '甘井子区', stage: '竣工', total: 48, invested: 47.2, start: [2020, 6], completion: [2023, 4] },
      { name: '大连滨海文旅综合体', soe: '中国绿发', category: '市谋划', district: '金普新区', stage: '谋划储备', total: 35, invested: null },
    ],
  },
  {
    title: '七、生态环保',
    sector: '生态环保',
    projects: [
      { name: '辽东半岛水资源配置一期工程', soe: '中国电建', category: '省重点', district: '庄河市', stage: '前期', total: 156, invested: 0 },
      { name: '大连静脉产业园', soe: '中国节能', category: '市谋划', district: '瓦房店市', stage: '在建', total: 14.5, invested: -2, start: [2024, 1] },
      { name: '长海县绿色低碳示范岛项目', soe: '国家电投', category: '市谋划', district: '长海县', stage: '在建', total: 9, invested: 3.3, start: [2024, 9] },
    ],
  },
];

const HEADER_TOP = ['序号', '项目名称', '合作央企', '所属领域', '项目类别', '所属地区', '项目阶段', '投资情况（亿元）', null, '开工时间', '竣工（投产）时间', '备注'];
const HEADER_SUB = [null, null, null, null, null, null, null, '总投资', '累计完成投资', null, null, null];
const COLUMN_WIDTHS = [6, 40, 22, 12, 9, 16, 13, 10, 13, 11, 15, 30];
const COLUMNS = HEADER_TOP.length;
const FIRST_DATA_ROW = 5;
/** Fixed workbook dates (and zip entry times): regenerating gives the same file. */
const FIXED_DATE = new Date(Date.UTC(2025, 8, 30, 0, 0, 0));

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function dateCell(cell: ExcelJS.Cell, value: SampleProject['start']): void {
  if (value === undefined) return;
  if (typeof value === 'string') {
    cell.value = value;
    return;
  }
  cell.value = new Date(Date.UTC(value[0], value[1] - 1, 1));
  cell.numFmt = 'yyyy-mm';
}

/** The numeric cells of a range, as SUBTOTAL(9, …) adds them (text and blanks ignored). */
const numeric = (values: readonly (number | string | null)[]): number => Math.round(values.reduce<number>((sum, v) => (typeof v === 'number' ? sum + v : sum), 0) * 100) / 100;

/** Build the sample ledger workbook in memory. */
export function buildSampleLedger(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ledger-stats';
  workbook.lastModifiedBy = 'ledger-stats';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }], pageSetup: { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 } });
  COLUMN_WIDTHS.forEach((w, i) => (sheet.getColumn(i + 1).width = w));

  sheet.getCell('A1').value = '大连市央地合作项目台账（2025年三季度）';
  sheet.mergeCells(1, 1, 1, COLUMNS);
  sheet.getCell('A1').font = { bold: true, size: 16 };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.getRow(1).height = 28;
  sheet.getCell('A2').value = '填报单位：大连市央地合作工作专班办公室　　截至2025年9月30日';
  sheet.mergeCells(2, 1, 2, 9);
  sheet.getCell('L2').value = '单位：亿元';
  sheet.getCell('L2').alignment = { horizontal: 'right' };

  sheet.getRow(3).values = [...HEADER_TOP] as ExcelJS.CellValue[];
  sheet.getRow(4).values = [...HEADER_SUB] as ExcelJS.CellValue[];
  for (let c = 1; c <= COLUMNS; c++) {
    if (c === 8) sheet.mergeCells(3, 8, 3, 9);
    else if (c !== 9) sheet.mergeCells(3, c, 4, c);
  }
  for (const r of [3, 4]) {
    for (let c = 1; c <= COLUMNS; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = thin;
    }
  }

  let row = FIRST_DATA_ROW;
  let serial = 0;
  const subtotalRows: number[] = [];
  const allTotals: (number | string | null)[] = [];
  const allInvested: (number | string | null)[] = [];
  for (const section of SAMPLE_SECTIONS) {
    sheet.getCell(row, 1).value = `${section.title}（${section.projects.length}个）`;
    sheet.mergeCells(row, 1, row, COLUMNS);
    sheet.getCell(row, 1).font = { bold: true };
    row++;
    const first = row;
    for (const p of section.projects) {
      serial++;
      const values: ExcelJS.CellValue[] = [serial, p.name, p.soe, section.sector, p.category, p.district, p.stage, p.total, p.invested];
      values.forEach((v, i) => {
        if (v !== null) sheet.getCell(row, i + 1).value = v;
      });
      for (const c of [8, 9]) sheet.getCell(row, c).numFmt = '0.00';
      dateCell(sheet.getCell(row, 10), p.start);
      dateCell(sheet.getCell(row, 11), p.completion);
      if (p.notes !== undefined) sheet.getCell(row, 12).value = p.notes;
      for (let c = 1; c <= COLUMNS; c++) sheet.getCell(row, c).border = thin;
      allTotals.push(p.total);
      allInvested.push(p.invested);
      row++;
    }
    const last = row - 1;
    sheet.getCell(row, 2).value = '小计';
    sheet.getCell(row, 8).value = { formula: `SUBTOTAL(9,H${first}:H${last})`, result: numeric(section.projects.map((p) => p.total)) };
    sheet.getCell(row, 9).value = { formula: `SUBTOTAL(9,I${first}:I${last})`, result: numeric(section.projects.map((p) => p.invested)) };
    for (let c = 1; c <= COLUMNS; c++) {
      const cell = sheet.getCell(row, c);
      cell.font = { bold: true };
      cell.border = thin;
      if (c === 8 || c === 9) cell.numFmt = '0.00';
    }
    subtotalRows.push(row);
    row++;
  }
  sheet.getCell(row, 2).value = '合计';
  sheet.getCell(row, 8).value = { formula: `SUBTOTAL(9,H${FIRST_DATA_ROW}:H${row - 1})`, result: numeric(allTotals) };
  sheet.getCell(row, 9).value = { formula: `SUBTOTAL(9,I${FIRST_DATA_ROW}:I${row - 1})`, result: numeric(allInvested) };
  for (let c = 1; c <= COLUMNS; c++) {
    const cell = sheet.getCell(row, c);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    cell.border = thin;
    if (c === 8 || c === 9) cell.numFmt = '0.00';
  }
  row += 2;
  sheet.getCell(row, 1).value = '注：1. 本表为演示用样例：项目名称与合作央企取自公开报道，金额、进度、日期均为示意。2. 多家央企合作的项目，按每家央企全额统计。';
  sheet.mergeCells(row, 1, row, COLUMNS);
  sheet.getCell(row, 1).alignment = { wrapText: true };
  sheet.getRow(row).height = 30;
  return workbook;
}

/** MS-DOS date and time of `FIXED_DATE`, as zip headers store them. */
function dosDateTime(date: Date): { date: number; time: number } {
  return {
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
  };
}

/**
 * Write the sample ledger to `path`. JSZip (inside ExcelJS) stamps every zip entry with the
 * current time; the stamps are overwritten with `FIXED_DATE` so that the bytes do not change.
 */
export async function writeSampleLedger(path: string): Promise<void> {
  const buffer = Buffer.from(await buildSampleLedger().xlsx.writeBuffer());
  await writeFile(path, buffer);
  const entries = (await readZipEntries(path)) ?? [];
  const { date, time } = dosDateTime(FIXED_DATE);
  for (const entry of entries) {
    buffer.writeUInt16LE(time, entry.localHeaderOffset + 10);
    buffer.writeUInt16LE(date, entry.localHeaderOffset + 12);
    buffer.writeUInt16LE(time, entry.centralOffset + 12);
    buffer.writeUInt16LE(date, entry.centralOffset + 14);
  }
  await writeFile(path, buffer);
}

if (require.main === module) {
  const out = process.argv[2] ?? join(__dirname, '..', 'assets', 'sample-ledger.xlsx');
  writeSampleLedger(out).then(
    () => process.stdout.write(`wrote ${out}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
