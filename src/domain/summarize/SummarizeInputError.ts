/** Why `summarize` refused its input. These are bugs of the caller, never bad ledger cells. */
export const SUMMARIZE_INPUT_ERROR_CODES = ['invalid_option', 'invalid_stage', 'invalid_amount'] as const;
/** A `SummarizeInputError` code. */
export type SummarizeInputErrorCode = (typeof SUMMARIZE_INPUT_ERROR_CODES)[number];

/**
 * Misuse of `summarize`: an unknown option value, or a `ProjectRow` that breaks its contract
 * (a stage outside `STAGES`, an amount that is not a finite number). The reader never produces
 * such rows; bad cells are issues there, not exceptions here.
 */
export class SummarizeInputError extends Error {
  override readonly name = 'SummarizeInputError';
  constructor(
    readonly code: SummarizeInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
