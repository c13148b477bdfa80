/** The seed loader's public API (the CLI in cli.ts is a thin shell over it). */
export { migrate } from '../db/migrate.ts';
export { ensureBaseData, seedFilesIn, BASE_DATA_DIR, type BaseDataResult } from './base.ts';
export {
  validateFiles,
  applyFiles,
  resetGraph,
  changeSetId,
  type ApplyOptions,
  type ApplyResult,
  type Progress,
  type ValidationResult,
  type SeedInput,
} from './loader.ts';
export { planFiles, type PlanOptions, type PlanResult } from './plan.ts';
export type { PlanFeed, PlanFeedChange, PlanFeedOptions } from './plan-feed.ts';
export { graphChecksum, provisionHistory, type ProvisionHistory, type HistoryVersion } from './inspect.ts';
export { exportGraph, type ExportResult } from './export.ts';
export { SeedValidationError, formatIssue, DEFAULT_MAX_TEXT_LENGTH, type SeedIssue, type SeedSource } from './files.ts';
export type { PlanSummary, TextDiff } from './summary.ts';
