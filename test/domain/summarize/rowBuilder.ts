import type { ColumnMapping, ColumnRef, ProjectRow, SoeRef } from '../../../src/domain/ledger/types';
import type { LedgerRead } from '../../../src/domain/validate/types';
import { SOE_CANONICAL } from '../../fixtures/seed000';

/** Canonical names of the SOEs the tests use, by short name (the seed-000 fixture's table). */
export const SOE_NAMES = SOE_CANONICAL;

/** An SoeRef from a short name (known when listed in `SOE_NAMES`). */
export function soeRef(shortName: string): SoeRef {
  const canonical = SOE_NAMES[shortName];
  return canonical === undefined
    ? { raw: shortName, canonical: shortName, shortName, isKnown: false }
    : { raw: shortName, canonical, shortName, isKnown: true };
}

/** Fields a test may set on a row; `soes` as short names. */
export type RowSpec = Partial<Omit<ProjectRow, 'soes'>> & { readonly soes?: readonly string[] };

let nextSheetRow = 2;

/**
 * A ProjectRow with defaults: one SOE (中国华能), sector 能源, stage construction, no category
 * or district, 10,000 万元 total, nothing invested. Sheet rows count up from 2 unless given.
 * @example row({ sector: '交通', totalWan: 35_000, soes: ['中国交建', '中国中铁'] })
 */
export function row(spec: RowSpec = {}): ProjectRow {
  const name = spec.name ?? `项目${nextSheetRow}`;
  const { soes, ...rest } = spec;
  return {
    sheetRow: nextSheetRow++,
    name,
    nameKey: name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase(),
    sector: '能源',
    stage: 'construction',
    stageRaw: spec.stage ?? '在建',
    category: null,
    district: null,
    totalWan: 10_000,
    investedWan: 0,
    startDate: null,
    completionDate: null,
    isApproximate: false,
    ...rest,
    soes: (soes ?? ['中国华能']).map(soeRef),
  };
}

/** Column refs for `readOf`'s header, by field. */
const COLUMN_LETTERS = { name: 'A', soe: 'B', sector: 'C', stage: 'D', category: 'E', district: 'F', totalInvestment: 'G', investedToDate: 'H' } as const;

/**
 * A LedgerRead around `rows`: sheet 台账, a one-row header mapping name, SOE, sector, stage and
 * total investment (亿元), plus the columns listed in `extraColumns`. Counts say every row is valid.
 */
export function readOf(
  rows: readonly ProjectRow[],
  options: { extraColumns?: readonly ('category' | 'district' | 'investedToDate')[]; issues?: LedgerRead['issues'] } = {},
): LedgerRead {
  const fields = ['name', 'soe', 'sector', 'stage', 'totalInvestment', ...(options.extraColumns ?? [])] as const;
  const columns: ColumnMapping = Object.fromEntries(
    fields.map((field) => {
      const letter = COLUMN_LETTERS[field];
      const ref: ColumnRef = { index: letter.charCodeAt(0) - 65, letter, header: field, ...(field === 'totalInvestment' ? { unit: 'yi' as const } : {}) };
      return [field, ref];
    }),
  );
  return {
    sheet: '台账',
    header: { headerRowIndex: 0, headerRows: 1, dataStartRowIndex: 1, columns },
    rows,
    issues: options.issues ?? [],
    counts: { dataRows: rows.length, validRows: rows.length, warningRows: 0, errorRows: 0, skippedRows: 0 },
  };
}
