/**
 * The refresh lease's sheet and timings (`WorkbookPort.exclusive`), shared by the Office.js port (src/excel/refreshLock.ts,
 * which says why the lease lives in the workbook) and the WPS 表格 port (src/wps/etLease.ts), so a lease one host left
 * in a workbook is recognised, and expires, in the other: a sheet `LEASE_SHEET_NAME` whose A1:C1 hold `LEASE_MARKER`,
 * the holder's token and the expiry (epoch milliseconds), and A2 `LEASE_NOTE`.
 */

/** The lease sheet's name. */
export const LEASE_SHEET_NAME = '台账统计_刷新中';

/** A1 of the lease sheet: tells the lease apart from a user's sheet of the same name. */
export const LEASE_MARKER = 'ledger-stats refresh lease 1';

/** A2 of the lease sheet, for whoever sees it (ExcelApi 1.1 cannot hide it). */
export const LEASE_NOTE = '台账统计正在刷新，刷新结束后此表自动删除。 ledger-stats is refreshing; this sheet is deleted when it ends.';

/** How long a lease holds without being released. */
export const LEASE_TTL_MS = 5 * 60 * 1000;

/** How long a refresh waits for another runtime's lease before it is refused. */
export const LEASE_WAIT_MS = 60 * 1000;

/** Pause between two looks at another runtime's lease (in Office.js each look is one round trip). */
export const LEASE_POLL_MS = 1000;
