/**
 * Change of each key figure since the last period (this period minus the last).
 * Amounts in 万元. Used by the summary sheet's "比上次" column and the 变动 sheet.
 */
export interface KeyFigureDeltas {
  readonly projects: number;
  readonly soes: number;
  readonly started: number;
  readonly completed: number;
  readonly totalWan: number;
  readonly investedWan: number;
}
