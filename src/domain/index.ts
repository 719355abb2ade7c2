/**
 * The one import path into the domain. Each folder keeps its own explicit list of named
 * exports (`ledger/index.ts`, `summarize/index.ts`, …); this file joins them.
 */
export * from './ledger';
export * from './summarize';
export * from './layout';
export * from './brief';
export * from './diff';
export * from './race';
export * from './merge';
