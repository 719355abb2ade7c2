/** Public exports of `diff`: period snapshots, matching two ledger versions, and the diff JSON. */
export { makeSnapshot, snapshotOf, serializeSnapshot, type SnapshotOptions } from './makeSnapshot';
export { snapshotPieces } from './snapshotPieces';
export { parseSnapshot } from './parseSnapshot';
export { diffLedgers } from './diffLedgers';
export { changesByDistrict, type DistrictChanges } from './changesByDistrict';
export { snapshotFigures } from './snapshotFigures';
export { projectKey, sortedSoes } from './projectKey';
export { toDiffJson, type DiffJson, type DiffJsonFigures, type DiffJsonProject, type DiffJsonAmount, type DiffJsonMatched } from './toDiffJson';
export {
  KEY_FIGURES,
  SNAPSHOT_VERSION,
  type KeyFigure,
  type KeyFigures,
  type KeyFigureDeltas,
  type SnapshotProject,
  type SnapshotData,
  type SnapshotRank,
  type AmountDelta,
  type MatchedProject,
  type StageChange,
  type AmountChange,
  type LedgerDiff,
} from './types';
