/** Small sheet plans for adapter tests, shaped like the layout's (title, key figures, a chart). */
import type { SheetPlan } from '../../src/domain/layout/types';

/** A summary plan: a title, a table of sectors with amounts, a link and a column chart. */
export function summaryPlan(overrides: Partial<SheetPlan> = {}): SheetPlan {
  return {
    role: 'summary',
    name: '汇总',
    blocks: [
      { row: 0, col: 0, values: [['央地合作项目汇总', null, null]], style: { bold: true, fontSize: 14 } },
      { row: 1, col: 0, values: [['截至 2025年9月30日 14:05', null, null]] },
      {
        row: 3,
        col: 0,
        values: [
          ['领域', '项目数', '总投资（亿元）'],
          ['能源', 12, 1234.5],
          ['交通', 5, 400.25],
          ['=HYPERLINK("http://x","y")', 1, 2],
        ],
        numberFormat: [null, '0', '#,##0.0'],
      },
      { row: 8, col: 0, values: [[{ link: { sheet: '校验', address: 'A1' }, text: '查看问题清单' }, { formula: '=SUM(B5:B7)', result: 18 }, null]] },
    ],
    formats: [{ range: { row: 3, col: 0, rows: 1, cols: 3 }, style: { bold: true, fill: '#DDEBF7', horizontalAlignment: 'center' } }],
    merges: [{ row: 0, col: 0, rows: 1, cols: 3 }],
    columnWidths: [24, 10, 16],
    freeze: { rows: 4, cols: 0 },
    charts: [
      {
        id: 'sectorTotals',
        type: 'columnClustered',
        title: '各领域总投资',
        categories: { row: 4, col: 0, rows: 3, cols: 1 },
        series: [{ name: '总投资', values: { row: 4, col: 1, rows: 3, cols: 1 } }],
        valueAxisTitle: '亿元',
        categoryAxisTitle: '领域',
        showDataLabels: true,
        position: { row: 10, col: 0, rows: 15, cols: 6 },
      },
    ],
    ...overrides,
  };
}

/** A validation plan: one issue row linking to the ledger. */
export function validationPlan(overrides: Partial<SheetPlan> = {}): SheetPlan {
  return {
    role: 'validation',
    name: '校验',
    blocks: [
      {
        row: 0,
        col: 0,
        values: [
          ['位置', '问题', '原值'],
          [{ link: { sheet: '台账', address: 'F3' }, text: 'F3' }, '总投资不是数字', '=待定'],
        ],
      },
    ],
    formats: [],
    merges: [],
    columnWidths: [8, 30, 12],
    charts: [],
    ...overrides,
  };
}
