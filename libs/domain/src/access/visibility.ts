import { seesConfidential, type Viewer } from '../common/viewer.js';
import type { SqlParams } from '../common/sql-params.js';

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

  /** SQL: whether this caller sees only `[confidential source]` of the source aliased `alias` (bound in `p`). */
  sourceWithheldSql(alias: string, p: SqlParams): string {
    return `(${alias}.confidential AND NOT ${p.add(this.seesAll, 'boolean')})`;
  }

  /** Whether what identifies this source (and the excerpts that quote it) is withheld from this caller. */
  withholdsSource(source: { confidential: boolean }): boolean {
    return source.confidential && !this.seesAll;
  }

  /**
   * A source as this caller may see it: a confidential one keeps its kind and language, and says it
   * is redacted. `s` is the caller's own fresh object (a mapper's output): it is redacted in place and
   * returned, so that a page of citations builds one object per source, not three.
   */
  source<S extends SourceShape>(s: S): S & { redacted: boolean } {
    const shown = s as S & { redacted: boolean };
    shown.redacted = this.withholdsSource(s);
    if (shown.redacted) for (const f of SOURCE_IDENTIFYING_FIELDS) (shown as SourceShape)[f] = null;
    return shown;
  }

  /** A citation (excerpt, locator) of this source as this caller may see it; `c` is redacted in place, as in source(). */
  citation<C extends { excerpt: string | null; locator: string | null }>(
    c: C,
    source: { confidential: boolean },
  ): C {
    if (this.withholdsSource(source)) {
      c.excerpt = null;
      c.locator = null;
    }
    return c;
  }

  /**
   * One side (before or after) of a history entry as this caller may see it: INTERNAL actions not at
   * all, confidential sources without what identifies them, citations and figures quoting them
   * without the excerpt. `confidential` holds the ids of the sources confidential now.
   */
  historySide(
    entityType: string,
    entityId: string,
    side: Record<string, unknown> | null,
    confidential: ReadonlySet<string>,
  ): Record<string, unknown> | null {
    if (!side || this.seesAll) return side;
    switch (entityType) {
      case 'disciplinary_action':
        if (side.visibility !== 'PUBLIC') return null;
        return {
          ...side,
          citations: citationsOf(side).map((c) =>
            confidential.has(c.source_id) ? { ...c, excerpt: null, locator: null } : c,
          ),
        };
      case 'source':
        if (side.confidential !== true && !confidential.has(entityId)) return side;
        return {
          ...side,
          ...Object.fromEntries(SOURCE_IDENTIFYING_COLUMNS.map((f) => [f, null])),
          redacted: true,
        };
      case 'reported_figure':
      case 'action_link':
      case 'action_alternative':
        return typeof side.source_id === 'string' && confidential.has(side.source_id)
          ? { ...side, excerpt: null, locator: null }
          : side;
      default:
        return side;
    }
  }

  /** Who made a change, as this caller may read it: "Jane, newsroom (EDITOR)" becomes "EDITOR". */
  actor(changedBy: string): string {
    if (this.seesAll) return changedBy;
    return /\((READER|EDITOR|ADMIN)\)$/.exec(changedBy)?.[1] ?? changedBy;
  }
}

/** What identifies a source (DOMAIN.md: for editors and admins only when it is confidential), as properties and as columns. */
const SOURCE_IDENTIFYING_FIELDS = [
  'title',
  'publisher',
  'url',
  'publishedOn',
  'archiveUrl',
  'accessedOn',
  'notes',
] as const;
const SOURCE_IDENTIFYING_COLUMNS = [
  'title',
  'publisher',
  'url',
  'published_on',
  'archive_url',
  'accessed_on',
  'notes',
];

type SourceShape = { confidential: boolean } & Partial<
  Record<(typeof SOURCE_IDENTIFYING_FIELDS)[number], unknown>
>;

/** The citations of a history snapshot. */
export function citationsOf(side: Record<string, unknown>): { source_id: string }[] {
  return Array.isArray(side.citations) ? (side.citations as { source_id: string }[]) : [];
}

/** SQL: the officer with id expression `idExpr` is named in a PUBLIC action. */
export function publicOfficerSql(alias: string, idExpr = `${alias}.id`): string {
  return `EXISTS (SELECT 1 FROM disciplinary_action pa WHERE pa.officer_id = ${idExpr} AND pa.visibility = 'PUBLIC')`;
}

export function visibilityOf(viewer: Viewer): VisibilityPolicy {
  return new VisibilityPolicy(viewer);
}
