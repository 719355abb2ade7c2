import { utf8Length } from '../workflows/utf8Length';
export { utf8Length };

/**
 * Payload budgeting. Excel on the web rejects a request or a response above 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded) and a read above 5,000,000
 * cells; the desktop hosts document no payload limit but stall on huge batches
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization,
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-large; OFFICE-PLATFORM.md §2).
 * Chunks aim well below the limit so that an estimate that is off by 10–20% still fits.
 */
export const PAYLOAD_TARGET_BYTES = 3_500_000;

/** Cells per read chunk at most (far below the 5,000,000-cell read limit). */
export const MAX_CELLS_PER_CHUNK = 1_000_000;

/** Safety factor on a measured bytes-per-row figure. */
export const ESTIMATE_MARGIN = 1.1;

/** Bytes per cell assumed before anything was measured (CJK text is 3 bytes per character in UTF-8). */
export const GUESSED_BYTES_PER_CELL = 40;

/** Size of a value as JSON in UTF-8 bytes: the estimate of its share of a request or response. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

/**
 * The byte budget of one round trip. It starts at `PAYLOAD_TARGET_BYTES` and halves each time the
 * host rejects a payload as too large, so a host with a smaller limit than Excel on the web is
 * probed once, not on every chunk.
 */
export class PayloadBudget {
  bytes = PAYLOAD_TARGET_BYTES;

  /** The host refused a payload: aim lower from now on. */
  shrink(): void {
    this.bytes = Math.max(1_000, Math.floor(this.bytes / 2));
  }
}

/** Rows per chunk for a measured (or guessed) bytes-per-row figure, at least 1. */
export function rowsPerChunk(bytesPerRow: number, columns: number, budgetBytes = PAYLOAD_TARGET_BYTES): number {
  const byBytes = Math.floor(budgetBytes / Math.max(1, bytesPerRow * ESTIMATE_MARGIN));
  const byCells = Math.floor(MAX_CELLS_PER_CHUNK / Math.max(1, columns));
  return Math.max(1, Math.min(byBytes, byCells));
}
