export * from './csv.js';
export * from './action-columns.js';
export * from './export-query.js';
export * from './export.service.js';
export * from './import-rows.js';
export * from './import.service.js';
export type { ImportOutcome } from './import.repository.js';
export {
  IMPORT_PHASES,
  OFFICER_MATCH_MODES,
  type ImportPhase,
  type OfficerMatch,
  type OfficerMatchReport,
} from './import.repository.js';
export * from './xlsx.js';
export { FIGURE_COLUMNS, tallyColumns } from './summary-columns.js';
