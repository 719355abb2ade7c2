import { createLedgerReader } from '../../../src/domain/ledger/createLedgerReader';
import { readLedger } from '../../../src/domain/ledger/readLedger';
import type { CellValue, Grid } from '../../../src/domain/ledger/types';
import { realisticLedgerExpected as expected, realisticLedgerGrid } from '../../fixtures/realisticLedger';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('readLedger', () => {
  describe('on the realistic ledger', () => {
    const read = readLedger(realisticLedgerGrid(), { sheetName: '台账' });

    it('finds the two-row header below the title, reporting-unit and unit lines', () => {
      expect(read.header).toMatchObject({ headerRowIndex: 3, headerRows: 2, dataStartRowIndex: 5, sheetUnit: 'yi' });
      expect(read.header?.columns.totalInvestment).toMatchObject({ letter: 'H', unit: 'yi' });
      expect(read.header?.columns.investedToDate).toMatchObject({ letter: 'I', unit: 'yi' });
    });

    it('counts the hand-computed rows', () => {
      expect(read.sheet).toBe('台账');
      expect(read.counts).toEqual({
        dataRows: expected.dataRows,
        validRows: expected.validRows,
        warningRows: expected.warningRows,
        errorRows: expected.errorRows,
        skippedRows: expected.skippedRows,
        duplicateRows: expected.duplicateRows,
      });
      expect(read.rows).toHaveLength(expected.countedRows);
    });

    it('sums the hand-computed amounts in 万元', () => {
      expect(sum(read.rows.map((r) => r.totalWan))).toBeCloseTo(expected.totalWan, 6);
      expect(sum(read.rows.map((r) => r.investedWan))).toBeCloseTo(expected.investedWan, 6);
    });

    it('counts started projects and distinct SOEs', () => {
      expect(read.rows.filter((r) => r.stage === 'construction' || r.stage === 'completed')).toHaveLength(expected.started);
      const soes = new Set(read.rows.flatMap((r) => r.soes.map((s) => s.canonical)));
      expect(soes.size).toBe(expected.distinctSoes);
      const known = new Set(read.rows.flatMap((r) => r.soes.filter((s) => s.isKnown).map((s) => s.canonical)));
      expect(known.size).toBe(expected.knownSoes);
    });

    it('lists the deliberate problems', () => {
      const errors = read.issues.filter((i) => i.severity === 'error');
      expect(errors.map((i) => [i.code, i.sheetRow])).toEqual([
        ['stage_unknown', 30],
        ['required_missing', 31],
        ['amount_range', 32],
        ['amount_foreign_currency', 36],
      ]);
      expect(errors.map((i) => i.sheetRow)).toEqual(expected.errorSheetRows);
      const warnings = read.issues.filter((i) => i.severity === 'warning');
      expect(warnings.map((i) => [i.code, i.sheetRow])).toEqual([
        ['amount_approximate', 8],
        ['soe_unknown', 19],
        ['amount_approximate', 24],
        ['invested_exceeds_total', 33],
        ['soe_unknown', 34],
        ['duplicate_project', expected.duplicateSheetRow],
      ]);
    });

    it('gives every issue a position, a raw value and both languages', () => {
      const unknownStage = read.issues.find((i) => i.code === 'stage_unknown');
      expect(unknownStage).toMatchObject({
        sheetRow: 30,
        column: { letter: 'G', header: '项目阶段', index: 6 },
        raw: '竣公',
        suggestion: { 'zh-CN': expect.stringContaining('竣工'), 'en-US': expect.stringContaining('竣工') },
      });
      for (const issue of read.issues) {
        expect(issue.message['zh-CN']).not.toBe('');
        expect(issue.message['en-US']).not.toBe('');
      }
    });

    it('rolls subsidiaries up and keeps stage and district normalisation', () => {
      const byRow = new Map(read.rows.map((r) => [r.sheetRow, r]));
      expect(byRow.get(12)?.soes.map((s) => s.shortName)).toEqual(['中国交建']);
      expect(byRow.get(18)?.soes.map((s) => s.shortName)).toEqual(['中国建筑', '中国中铁']);
      expect(byRow.get(8)?.district).toBe('金普新区');
      expect(byRow.get(16)).toMatchObject({ stage: 'construction', stageRaw: '部分投产' });
      expect(byRow.get(13)?.startDate).toBe('2024-10');
    });
  });

  it('orders issues sheet-level first, then by sheet row, then by column', () => {
    const read = readLedger([
      ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资', '累计完成投资'],
      ['甲', '大连城投', '能源', '在建', '约5', 9],
      ['乙', '华能', '能源', '在建', 1, 0],
      ['丙', '华能', '能源', '在建', 2, 1],
      ['丁', '华能', '能源', '在建', 100_000, 1],
    ]);
    const keys = read.issues.map((i) => [i.sheetRow, i.column?.index ?? null, i.code]);
    expect(keys).toEqual([
      [null, 4, 'unit_assumed'],
      [null, 5, 'unit_assumed'],
      [2, 1, 'soe_unknown'],
      [2, 4, 'amount_approximate'],
      [2, 5, 'invested_exceeds_total'],
      [3, 5, 'construction_without_investment'],
      [5, 4, 'amount_outlier'],
    ]);
  });

  it('never changes its input', () => {
    const grid = realisticLedgerGrid();
    const copy = JSON.parse(JSON.stringify(grid)) as CellValue[][];
    readLedger(grid);
    expect(grid).toEqual(copy);
  });

  it('reads a row that is not an array as blank', () => {
    const grid = [['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）'], undefined, ['甲', '华能', '能源', '在建', 1]] as unknown as Grid;
    const read = readLedger(grid);
    expect(read.rows).toHaveLength(1);
    expect(read.issues.map((i) => i.code)).toEqual(['row_blank']);
  });

  it('throws a TypeError only when the grid is not an array', () => {
    expect(() => readLedger('x' as unknown as Grid)).toThrow(TypeError);
    expect(readLedger([]).issues.map((i) => i.code)).toEqual(['header_not_found']);
  });
});

describe('createLedgerReader', () => {
  it('gives the same result as readLedger, row by row', () => {
    const grid = realisticLedgerGrid();
    const reader = createLedgerReader({ sheetName: '台账' });
    for (const row of grid) reader.push(row);
    expect(reader.finish()).toEqual(readLedger(grid, { sheetName: '台账' }));
  });

  it('finds a header that starts late in the 40-row window', () => {
    const grid: CellValue[][] = Array.from({ length: 38 }, (_, i) => [`说明第${i + 1}行`]);
    grid.push(['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）'], ['甲', '华能', '能源', '在建', 5]);
    const reader = createLedgerReader();
    for (const row of grid) reader.push(row);
    const read = reader.finish();
    expect(read.header?.headerRowIndex).toBe(38);
    expect(read.rows.map((r) => r.sheetRow)).toEqual([40]);
  });

  it('does not keep pushed rows: changing a row after the push does not change the result', () => {
    const reader = createLedgerReader();
    const header: CellValue[] = ['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）'];
    const row: CellValue[] = ['甲', '华能', '能源', '在建', 5];
    reader.push(header);
    reader.push(row);
    row[4] = 999;
    header[4] = '别的列';
    expect(reader.finish().rows[0]?.totalWan).toBe(5);
  });

  it('returns the same result from a second finish and ignores later pushes', () => {
    const reader = createLedgerReader();
    reader.push(['项目名称', '合作央企', '所属领域', '项目阶段', '总投资（万元）']);
    const first = reader.finish();
    reader.push(['甲', '华能', '能源', '在建', 5]);
    expect(reader.finish()).toBe(first);
  });

  it('throws a TypeError when options are not an object', () => {
    expect(() => createLedgerReader('x' as never)).toThrow(TypeError);
  });
});
