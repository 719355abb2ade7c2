import fc from 'fast-check';
import { matchSoes } from '../../../src/domain/ledger/matchSoes';
import { normalizeText } from '../../../src/domain/ledger/normalizeText';
import { parseAmount } from '../../../src/domain/ledger/parseAmount';
import { parseLedgerDate } from '../../../src/domain/ledger/parseLedgerDate';
import { parseStage } from '../../../src/domain/ledger/parseStage';
import { readLedger } from '../../../src/domain/ledger/readLedger';
import type { CellValue } from '../../../src/domain/ledger/types';
import { AMOUNT_UNITS } from '../../../src/domain/ledger/types';

/** Words that steer the parsers into their interesting branches. */
const WORDS = [
  '约', '左右', '以上', '亿元', '万元', '万亿', '元', '人民币', '美元', '—', '-', '/', '待定', '无', '合计', '小计', '其中', '注：',
  '一、', '（一）', '华能', '中国中铁', '中储', '中储粮', '中铁十九局', '、', '和', '在建', '竣工', '谋划', '2024.10', '2023-2025',
  '年', '月', '１２．５', '1,234.5', '〇', '\n', '\u3000', ' ', '（集团）', '(集团)', '项目名称', '合作央企', '总投资', '累计完成投资',
  '所属领域', '项目阶段', '投资情况（亿元）', '单位：亿元', '%', 'e', '.', ',', '840–931', 'Ⅴ', '\u200b',
];

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...WORDS),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((ws) => ws.join('')),
  fc.tuple(fc.constantFrom(...WORDS), fc.double(), fc.constantFrom(...WORDS)).map(([a, n, b]) => `${a}${n}${b}`),
);

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  text,
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 2024.1, 45366, 20240315),
  fc.integer({ min: -1e6, max: 1e9 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

const HEADER: CellValue[] = ['序号', '项目名称', '合作央企', '所属领域', '项目阶段', '总投资（亿元）', '累计完成投资', '开工时间', '竣工时间', '所属地区'];

/** Ragged grids of arbitrary cells, half of them under a real header so that the row rules run. */
const grid = fc
  .tuple(fc.boolean(), fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 25 }))
  .map(([withHeader, rows]) => (withHeader ? [HEADER, ...rows] : rows));

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('cell parsers', () => {
  it('never throw and are deterministic on arbitrary cells', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(...AMOUNT_UNITS), (value, unit) => {
        expect(parseAmount(value, unit)).toEqual(parseAmount(value, unit));
        expect(parseLedgerDate(value)).toEqual(parseLedgerDate(value));
        expect(parseStage(value)).toEqual(parseStage(value));
        expect(matchSoes(value)).toEqual(matchSoes(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('give a finite 万元 amount whenever they accept one', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(...AMOUNT_UNITS), (value, unit) => {
        const parsed = parseAmount(value, unit);
        if (parsed.kind === 'ok') expect(Number.isFinite(parsed.wan)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('normalise idempotently', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('readLedger', () => {
  it('never throws, never changes its input and gives the same result twice', () => {
    fc.assert(
      fc.property(grid, (g) => {
        const frozen = deepFreeze(g);
        const first = readLedger(frozen);
        const second = readLedger(frozen);
        expect(second).toEqual(first);
        for (const row of first.rows) {
          expect(Number.isFinite(row.totalWan)).toBe(true);
          expect(row.totalWan).toBeGreaterThanOrEqual(0);
        }
        const c = first.counts;
        expect(c.dataRows).toBe(c.validRows + c.warningRows + c.errorRows + (c.duplicateRows ?? 0));
        expect(first.rows).toHaveLength(c.validRows + c.warningRows);
      }),
      { numRuns: 300 },
    );
  });

  it('orders issues sheet-level first, then by row and column', () => {
    fc.assert(
      fc.property(grid, (g) => {
        const issues = readLedger(g).issues;
        const key = (i: (typeof issues)[number]): [number, number] => [i.sheetRow ?? -1, i.column?.index ?? -1];
        for (let i = 1; i < issues.length; i++) {
          const [r0, c0] = key(issues[i - 1]!);
          const [r1, c1] = key(issues[i]!);
          expect(r0 < r1 || (r0 === r1 && c0 <= c1)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
