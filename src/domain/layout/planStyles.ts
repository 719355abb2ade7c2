import type { PlanStyle } from './types';

/** Cell styles shared by the sheet plans, so the owned sheets look alike. */
export const PLAN_STYLES = {
  title: { bold: true, fontSize: 14 },
  section: { bold: true, fontSize: 12 },
  header: { bold: true, fill: '#D9E1F2', wrapText: true },
  /** A header over a column of numbers: right-aligned like the numbers, so it reads as theirs. */
  numberHeader: { bold: true, fill: '#D9E1F2', wrapText: true, horizontalAlignment: 'right' },
  total: { bold: true, fill: '#F2F2F2' },
  note: { fontColor: '#595959' },
  ok: { fontColor: '#006100' },
  error: { fontColor: '#C00000' },
  warning: { fontColor: '#9C5700' },
  info: { fontColor: '#595959' },
  paragraph: { wrapText: true },
} as const satisfies Readonly<Record<string, PlanStyle>>;
