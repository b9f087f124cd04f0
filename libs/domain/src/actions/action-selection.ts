import type { DisciplinaryActionEntity } from './action.entities.js';
import type { OfficerProperty } from '../officers/officer.repository.js';
import type { SourceProperty } from '../sources/source.repository.js';
import type { PropertySelection } from '../common/selection.js';

export type { OfficerProperty, SourceProperty, PropertySelection };
/** A property of an action (a selection names these). */
export type ActionProperty = keyof DisciplinaryActionEntity;

/**
 * What a caller will read of each action of a page, so that the page statement fetches only that:
 * a page of 20 actions asked with a dozen fields costs PostgreSQL and Node a third less than one
 * that brings every column of the action, its officer and each cited source (npm run bench). The
 * entities of a page read with a selection are partial: only the selected properties are set.
 */
export interface ActionSelection {
  action: PropertySelection<ActionProperty>;
  /** The officer of each action; null: not read. */
  officer: PropertySelection<OfficerProperty> | null;
  reasons: boolean;
  /**
   * The citations (excerpt, locator) with the properties read of their sources; null: not read. A
   * source always brings its id and whether it is confidential (which hides the excerpt).
   */
  citations: { source: PropertySelection<SourceProperty> } | null;
}

/** Everything: what a page brings when the caller does not say what it reads. */
export const FULL_ACTION_SELECTION: ActionSelection = {
  action: 'all',
  officer: 'all',
  reasons: true,
  citations: { source: 'all' },
};
