/**
 * The hidden workbook-scoped name that marks the sheet `WorkbookPort.writeGridSheet` wrote for `name` (the merged
 * ledger), on every host (`_LedgerStats_Grid_合并台账` → its A1). Not a role's owner name (`ownerName`): the sheet is a
 * plain ledger the user may pick as the refresh source, so `listSheets` reports it without an owned role.
 * @example gridOwnerName('合并台账') // '_LedgerStats_Grid_合并台账'
 */
export function gridOwnerName(name: string): string {
  return `_LedgerStats_Grid_${name}`;
}
