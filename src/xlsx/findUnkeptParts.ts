import { readZipEntries } from './zipIndex';

/** Kinds of workbook content that ExcelJS 4.4 drops when it loads and saves a file. */
export const UNKEPT_PARTS = ['charts', 'pivots', 'macros', 'slicers', 'addins'] as const;
/** A kind of content ExcelJS does not keep. */
export type UnkeptPart = (typeof UNKEPT_PARTS)[number];

const PATTERNS: Readonly<Record<UnkeptPart, RegExp>> = {
  charts: /^xl\/charts\/chart\d*\.xml$/,
  pivots: /^xl\/pivotTables\//,
  macros: /^xl\/vbaProject\.bin$/,
  slicers: /^xl\/(slicers|slicerCaches|timelines)\//,
  // Office add-ins keep their task-pane binding and document settings here (the add-in's own state).
  addins: /^xl\/webextensions\//,
};

/**
 * The content of an .xlsx file that a load-and-save through ExcelJS would lose: charts, pivot
 * tables, VBA macros, slicers, and Office add-ins' parts (task pane and document settings, where
 * the Excel add-in keeps its state). Read from the zip directory only.
 */
export async function findUnkeptParts(path: string): Promise<UnkeptPart[]> {
  const entries = (await readZipEntries(path)) ?? [];
  return UNKEPT_PARTS.filter((kind) => entries.some((e) => PATTERNS[kind].test(e.name)));
}
