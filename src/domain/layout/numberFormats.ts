/** Excel number formats of the sheet plans for a number of decimals. */
export interface NumberFormats {
  /** Decimals of amounts, clamped to 0–6 (1 when not a number). */
  readonly decimals: number;
  /** Amounts in the display unit, e.g. `#,##0.0`. */
  readonly amount: string;
  /** A change of an amount, with its sign: `+#,##0.0;-#,##0.0;0.0`. */
  readonly amountDelta: string;
  /** Counts: `#,##0`. */
  readonly count: string;
  /** A change of a count: `+#,##0;-#,##0;0`. */
  readonly countDelta: string;
  /** Counts that may be fractions (split SOE credit): `#,##0.00`. */
  readonly fractionalCount: string;
  /** Shares as percentages: `0.0%`. */
  readonly share: string;
}

/**
 * The number formats for `decimals` decimals of amounts (clamped to 0–6): the cell keeps the
 * exact value and the format does the rounding (DOMAIN.md §3: never round before summing).
 * @example numberFormats(1).amount // '#,##0.0'
 */
export function numberFormats(decimals: number): NumberFormats {
  const places = Math.min(6, Math.max(0, Math.trunc(Number.isFinite(decimals) ? decimals : 1)));
  const amount = places === 0 ? '#,##0' : `#,##0.${'0'.repeat(places)}`;
  return {
    decimals: places,
    amount,
    amountDelta: `+${amount};-${amount};${amount}`,
    count: '#,##0',
    countDelta: '+#,##0;-#,##0;0',
    fractionalCount: '#,##0.00',
    share: '0.0%',
  };
}
