import type { ProjectRow, Stage } from '../../../src/domain/ledger/types';
import type { LedgerRead } from '../../../src/domain/validate/types';

/** A counted project row with sensible defaults; SOEs are given by canonical name. */
export function projectRow(sheetRow: number, name: string, soes: readonly string[], stage: Stage, totalWan: number, investedWan = 0): ProjectRow {
  return {
    sheetRow,
    name,
    nameKey: name.normalize('NFKC').replace(/\s+/g, ''),
    soes: soes.map((canonical) => ({ raw: canonical, canonical, shortName: canonical, isKnown: true })),
    sector: '能源',
    stage,
    stageRaw: stage,
    category: null,
    district: null,
    totalWan,
    investedWan,
    startDate: null,
    completionDate: null,
    isApproximate: false,
  };
}

/** A read holding `rows`, as `readLedger` would return it for a clean sheet. */
export function ledgerRead(rows: readonly ProjectRow[], sheet = '台账'): LedgerRead {
  return {
    sheet,
    header: null,
    rows,
    issues: [],
    counts: { dataRows: rows.length, validRows: rows.length, warningRows: 0, errorRows: 0, skippedRows: 0 },
  };
}
