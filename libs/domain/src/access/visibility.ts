import { seesConfidential, type Viewer } from '../common/viewer.js';

/**
 * What each caller may see, in one place (README "Security model"). Editors and admins see
 * everything. Anonymous callers and readers do not see:
 * - INTERNAL actions (not yet verified for publication), now or in the past;
 * - officers who appear in no PUBLIC action (an officer named only in unverified records is not
 *   published), in lists, searches, by id, in the history and the change feed;
 * - what identifies a confidential source (its title, publisher, addresses, notes) and the
 *   excerpts and locators that quote it;
 * - the names of API keys in the history (the role that made a change is shown).
 */
export class VisibilityPolicy {
  constructor(readonly viewer: Viewer) {}

  /** Editors and admins: INTERNAL records, confidential sources, key names. */
  get seesAll(): boolean {
    return seesConfidential(this.viewer);
  }

  /** SQL: the action aliased `alias` may be shown (its visibility). */
  actionSql(alias = 'a'): string {
    return this.seesAll ? 'true' : `${alias}.visibility = 'PUBLIC'`;
  }

  /** SQL: the officer aliased `alias` may be shown (named in at least one PUBLIC action). */
  officerSql(alias = 'o'): string {
    return this.seesAll ? 'true' : publicOfficerSql(alias);
  }

  /** Who made a change, as this caller may read it: "Jane, newsroom (EDITOR)" becomes "EDITOR". */
  actor(changedBy: string): string {
    if (this.seesAll) return changedBy;
    return /\((READER|EDITOR|ADMIN)\)$/.exec(changedBy)?.[1] ?? changedBy;
  }
}

/** SQL: the officer with id expression `idExpr` is named in a PUBLIC action. */
export function publicOfficerSql(alias: string, idExpr = `${alias}.id`): string {
  return `EXISTS (SELECT 1 FROM disciplinary_action pa WHERE pa.officer_id = ${idExpr} AND pa.visibility = 'PUBLIC')`;
}

export function visibilityOf(viewer: Viewer): VisibilityPolicy {
  return new VisibilityPolicy(viewer);
}
