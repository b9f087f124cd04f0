export * from './domain.module.js';
export * from './entities.js';
export * from './access/api-key.entity.js';
export * from './access/api-key.service.js';
export * from './actions/action.entities.js';
export * from './actions/action-filter.js';
export * from './actions/action.service.js';
export * from './actions/action-link.service.js';
export * from './actions/action-alternative.service.js';
export * from './actions/duplicate-candidate.service.js';
export type {
  PrefetchedParts,
  CitationRow,
  CitationFields,
  CountsAs,
} from './actions/action.repository.js';
export * from './actions/action-rules.js';
export * from './actions/action-selection.js';
export * from './figures/reported-figure.entity.js';
export * from './figures/reported-figure.service.js';
export * from './figures/figure-wording.js';
export * from './figures/claim-review.js';
export * from './figures/check-publication.service.js';
export type {
  FigureListOptions,
  FigureOrder,
  FigureScopeOverlap,
} from './figures/reported-figure.repository.js';
export * from './tallies/tally.types.js';
// Named explicitly: exchange/export-query.ts declares the same list; an explicit export settles the star-export clash.
export { TALLY_DIMENSIONS } from './tallies/tally.types.js';
export * from './tallies/tally.service.js';
export * from './tallies/figure-check.js';
export * from './tallies/figure-check.service.js';
export * from './history/history.service.js';
export type {
  ChangeOperation,
  ChangeRow,
  HistoryEntityType,
} from './history/history.repository.js';
export { HISTORY_ENTITY_TYPES } from './history/history.repository.js';
export * from './officers/officer.entity.js';
export * from './officers/officer.service.js';
export * from './officers/officer-merge.service.js';
export * from './reference/reference.entities.js';
export * from './reference/reference.service.js';
export * from './seed/seed.service.js';
export * from './sources/source.entity.js';
export * from './sources/source.service.js';
export * from './common/pagination.js';
export * from './common/partial-date.js';
export * from './common/viewer.js';
export { setActor } from './common/transaction.js';
export * from './common/uuid.js';
export * from './exchange/index.js';
export * from './feeds/index.js';
export * from './access/visibility.js';
