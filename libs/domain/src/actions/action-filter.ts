import { DomainError } from '@app/core';
import { DISPUTED_AS, type ActionType, type DisputedAs } from './action.entities.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { checkId } from '../common/uuid.js';
import { parseCalendarDate } from '../common/partial-date.js';
import type { Viewer } from '../common/viewer.js';
import type { SqlParams } from '../common/sql-params.js';
import type { RecordTime } from '../history/record-time.js';
import { visibilityOf } from '../access/visibility.js';

export const RANK_TIERS = [
  'GENERAL_OFFICER',
  'SENIOR_OFFICER',
  'JUNIOR_OFFICER',
  'NON_COMMISSIONED',
  'ENLISTED',
] as const;
export type RankTier = (typeof RANK_TIERS)[number];

/** The ActionFilter of DOMAIN.md §2, shared by lists, tallies and exports. */
export interface ActionFilter {
  actionTypes?: ActionType[] | null;
  reasonCodes?: string[] | null;
  provinceCodes?: string[] | null;
  rankCodes?: string[] | null;
  rankTiers?: RankTier[] | null;
  /**
   * Agencies, each with its sub-agencies (a filter on the National Police counts the provincial
   * commissariats too). checkActionFilter expands the list to every agency it covers, so the SQL
   * compares the action's own agency with a list of codes (planned for its values, like provinces).
   */
  agencyCodes?: string[] | null;
  officerId?: string | null;
  sourceId?: string | null;
  from?: string | null;
  to?: string | null;
  includeRetracted?: boolean | null;
  /** Count the records as the database held them at this moment (record time, not event time). */
  asRecordedAt?: Date | null;
  /**
   * Publication time: only actions with at least one cited source published on or before this day
   * ("what had been published by 23 January"); a source of unknown publication date does not count.
   */
  publishedBy?: string | null;
  /** Count records instead of people: duplicates, named members of groups and steps of a case each count (README "Counting once"). */
  countDuplicates?: boolean | null;
  /** Leave out actions reversed (REVERSES) by the end of the period. */
  netOfReversals?: boolean | null;
  /**
   * Disagreeing sources (README "Disagreeing sources"): PREFERRED (default) counts each action by
   * its fields as they stand; UNCERTAIN over every non-deprecated value of its attributes (tallies,
   * running totals and figure checks; lists show the actions as they stand).
   */
  disputedAs?: DisputedAs | null;
}

// 200 values per list: more than every code there is; bounds the size of the SQL parameters.
const MAX_FILTER_VALUES = 200;

/** Checks a filter against the reference data; throws BAD_USER_INPUT naming the field. */
export async function checkActionFilter(
  filter: ActionFilter | null | undefined,
  reference: ReferenceService,
  prefix = 'filter',
): Promise<ActionFilter> {
  const f = filter ?? {};
  for (const key of [
    'actionTypes',
    'reasonCodes',
    'provinceCodes',
    'rankCodes',
    'rankTiers',
    'agencyCodes',
  ] as const) {
    const list = f[key];
    if (list === null || list === undefined) continue;
    if (list.length === 0)
      throw DomainError.badInput(
        `${prefix}.${key}`,
        `${key} must list at least one value, or be left out`,
      );
    if (list.length > MAX_FILTER_VALUES)
      throw DomainError.badInput(
        `${prefix}.${key}`,
        `${key} lists more than ${MAX_FILTER_VALUES} values`,
      );
    if (new Set(list).size !== list.length)
      throw DomainError.badInput(`${prefix}.${key}`, `${key} lists a value twice`);
  }
  reference.checkCodes('reason', f.reasonCodes, `${prefix}.reasonCodes`);
  reference.checkCodes('province', f.provinceCodes, `${prefix}.provinceCodes`);
  reference.checkCodes('rank', f.rankCodes, `${prefix}.rankCodes`);
  reference.checkCodes('agency', f.agencyCodes, `${prefix}.agencyCodes`);
  if (f.officerId != null) checkId(f.officerId, `${prefix}.officerId`);
  if (f.sourceId != null) checkId(f.sourceId, `${prefix}.sourceId`);
  if (f.from != null) parseCalendarDate(f.from, `${prefix}.from`);
  if (f.to != null) parseCalendarDate(f.to, `${prefix}.to`);
  if (f.publishedBy != null) parseCalendarDate(f.publishedBy, `${prefix}.publishedBy`);
  if (
    f.asRecordedAt != null &&
    (!(f.asRecordedAt instanceof Date) || Number.isNaN(f.asRecordedAt.getTime()))
  ) {
    throw DomainError.badInput('asRecordedAt', 'asRecordedAt must be a date and time (ISO 8601)');
  }
  if (f.disputedAs != null && !(DISPUTED_AS as readonly string[]).includes(f.disputedAs)) {
    throw DomainError.badInput(`${prefix}.disputedAs`, `disputedAs is ${DISPUTED_AS.join(' or ')}`);
  }
  if (f.from != null && f.to != null && f.from > f.to) {
    throw DomainError.badInput(
      `${prefix}.to`,
      `The period ends (${f.to}) before it starts (${f.from})`,
    );
  }
  // Sub-agencies included; expanding an expanded list changes nothing, so a checked filter checks again.
  return f.agencyCodes ? { ...f, agencyCodes: reference.agencyCodesWithin(f.agencyCodes) } : f;
}

/**
 * SQL conditions for a filter on the actions aliased `alias` (a relation of `rt`: live or as
 * recorded at a moment). The period keeps every action that possibly falls in it (date ranges
 * overlap); counting separates the certain from the possible itself (tallies/counting-sql.ts).
 * What the viewer may see comes from the visibility policy: INTERNAL actions only for editors and
 * admins, and in the past, an action INTERNAL now stays hidden even where it was PUBLIC then.
 */
export function actionFilterSql(
  filter: ActionFilter,
  viewer: Viewer,
  p: SqlParams,
  rt: RecordTime,
  alias = 'a',
): string {
  return `${visibleActionSql(viewer, filter.includeRetracted ?? false, rt, alias)} AND ${actionMatchSql(filter, p, rt, alias)}`;
}

/** The actions this viewer may count or list (visibility, retractions), at the record time of `rt`. */
/**
 * `relation`: `rt.of('disciplinary_action')` (the default; its rows carry `_current`), or `history`
 * for a query over the history table itself, or `current` over the table itself.
 */
export function visibleActionSql(
  viewer: Viewer,
  includeRetracted: boolean,
  rt: RecordTime,
  alias = 'a',
  relation: 'as-of' | 'history' | 'current' = 'as-of',
): string {
  const where: string[] = [];
  const visibility = visibilityOf(viewer);
  where.push(visibility.actionSql(alias));
  if (!rt.live && !visibility.seesAll && relation !== 'current') {
    // A current row that is visible is visible now: only a past version needs the probe (which a
    // planner would otherwise run for every row, about half of an as-of tally's time).
    const nowInternal = `NOT EXISTS (SELECT 1 FROM disciplinary_action now_internal WHERE now_internal.id = ${alias}.id AND now_internal.visibility = 'INTERNAL')`;
    where.push(relation === 'history' ? nowInternal : `(${alias}._current OR ${nowInternal})`);
  }
  if (!includeRetracted) where.push(`${alias}.retracted_at IS NULL`);
  return where.join(' AND ');
}

/** The filter's own conditions (what it asks for), apart from what the viewer may see. */
export function actionMatchSql(
  filter: ActionFilter,
  p: SqlParams,
  rt: RecordTime,
  alias = 'a',
): string {
  const where: string[] = ['true'];
  if (filter.actionTypes)
    where.push(`${alias}.action_type = ANY(${p.add(filter.actionTypes, 'text[]')})`);
  if (filter.provinceCodes)
    where.push(`${alias}.province_code = ANY(${p.add(filter.provinceCodes, 'text[]')})`);
  if (filter.rankCodes)
    where.push(`${alias}.rank_code = ANY(${p.add(filter.rankCodes, 'text[]')})`);
  if (filter.agencyCodes)
    where.push(`${alias}.agency_code = ANY(${p.add(filter.agencyCodes, 'text[]')})`);
  if (filter.rankTiers)
    where.push(
      `${alias}.rank_code IN (SELECT code FROM rank WHERE tier = ANY(${p.add(filter.rankTiers, 'text[]')}))`,
    );
  if (filter.reasonCodes)
    where.push(`${alias}.reason_codes && ${p.add(filter.reasonCodes, 'text[]')}`);
  if (filter.officerId) {
    // A merged officer's id counts the survivor's actions (one person), as merged at the record time.
    where.push(
      `${alias}.officer_id = (SELECT coalesce(fo.merged_into, fo.id) FROM ${rt.of('officer')} fo WHERE fo.id = ${p.add(filter.officerId, 'uuid')})`,
    );
  }
  if (filter.sourceId) {
    where.push(
      `EXISTS (SELECT 1 FROM ${rt.of('citation')} fc WHERE fc.action_id = ${alias}.id AND fc.source_id = ${p.add(filter.sourceId, 'uuid')})`,
    );
  }
  if (filter.publishedBy) {
    where.push(
      `EXISTS (SELECT 1 FROM ${rt.of('citation')} pc JOIN ${rt.of('source')} ps ON ps.id = pc.source_id
        WHERE pc.action_id = ${alias}.id AND ps.published_on <= ${p.add(filter.publishedBy, 'date')})`,
    );
  }
  if (filter.from) where.push(`${alias}.occurred_to >= ${p.add(filter.from, 'date')}`);
  if (filter.to) where.push(`${alias}.occurred_from <= ${p.add(filter.to, 'date')}`);
  return where.length > 1 ? where.slice(1).join(' AND ') : 'true';
}
