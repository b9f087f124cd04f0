import { DomainError } from '@app/core';
import type { ActionType } from './action.entities.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { checkId } from '../common/uuid.js';
import { parseCalendarDate } from '../common/partial-date.js';
import { seesConfidential, type Viewer } from '../common/viewer.js';

export const RANK_TIERS = ['GENERAL_OFFICER', 'SENIOR_OFFICER', 'JUNIOR_OFFICER', 'NON_COMMISSIONED', 'ENLISTED'] as const;
export type RankTier = (typeof RANK_TIERS)[number];

/** The ActionFilter of DOMAIN.md §2, shared by lists, tallies and exports. */
export interface ActionFilter {
  actionTypes?: ActionType[] | null;
  reasonCodes?: string[] | null;
  provinceCodes?: string[] | null;
  rankCodes?: string[] | null;
  rankTiers?: RankTier[] | null;
  officerId?: string | null;
  sourceId?: string | null;
  from?: string | null;
  to?: string | null;
  includeRetracted?: boolean | null;
  /** Count the records as the database held them at this moment (record time, not event time). */
  asRecordedAt?: Date | null;
}

// 200 values per list: more than every code there is; bounds the size of the SQL parameters.
const MAX_FILTER_VALUES = 200;

/** Checks a filter against the reference data; throws BAD_USER_INPUT naming the field. */
export async function checkActionFilter(filter: ActionFilter | null | undefined, reference: ReferenceService, prefix = 'filter'): Promise<ActionFilter> {
  const f = filter ?? {};
  for (const key of ['actionTypes', 'reasonCodes', 'provinceCodes', 'rankCodes', 'rankTiers'] as const) {
    const list = f[key];
    if (list === null || list === undefined) continue;
    if (list.length === 0) throw DomainError.badInput(`${prefix}.${key}`, `${key} must list at least one value, or be left out`);
    if (list.length > MAX_FILTER_VALUES) throw DomainError.badInput(`${prefix}.${key}`, `${key} lists more than ${MAX_FILTER_VALUES} values`);
    if (new Set(list).size !== list.length) throw DomainError.badInput(`${prefix}.${key}`, `${key} lists a value twice`);
  }
  reference.checkCodes('reason', f.reasonCodes, `${prefix}.reasonCodes`);
  reference.checkCodes('province', f.provinceCodes, `${prefix}.provinceCodes`);
  reference.checkCodes('rank', f.rankCodes, `${prefix}.rankCodes`);
  if (f.officerId != null) checkId(f.officerId, `${prefix}.officerId`);
  if (f.sourceId != null) checkId(f.sourceId, `${prefix}.sourceId`);
  if (f.from != null) parseCalendarDate(f.from, `${prefix}.from`);
  if (f.to != null) parseCalendarDate(f.to, `${prefix}.to`);
  if (f.asRecordedAt != null && (!(f.asRecordedAt instanceof Date) || Number.isNaN(f.asRecordedAt.getTime()))) {
    throw DomainError.badInput('asRecordedAt', 'asRecordedAt must be a date and time (ISO 8601)');
  }
  if (f.from != null && f.to != null && f.from > f.to) {
    throw DomainError.badInput(`${prefix}.to`, `The period ends (${f.to}) before it starts (${f.from})`);
  }
  return f;
}

/**
 * SQL conditions for a filter on `disciplinary_action` aliased `a`, appending parameters to
 * `params`. The period keeps every action that possibly falls in it (date ranges overlap); tallies
 * separate the certain from the possible themselves. INTERNAL actions only for editors and admins.
 */
export function actionFilterSql(filter: ActionFilter, viewer: Viewer, params: unknown[], alias = 'a'): string {
  const where: string[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (!seesConfidential(viewer)) where.push(`${alias}.visibility = 'PUBLIC'`);
  if (!filter.includeRetracted) where.push(`${alias}.retracted_at IS NULL`);
  if (filter.actionTypes) where.push(`${alias}.action_type = ANY(${p(filter.actionTypes)}::text[])`);
  if (filter.provinceCodes) where.push(`${alias}.province_code = ANY(${p(filter.provinceCodes)}::text[])`);
  if (filter.rankCodes) where.push(`${alias}.rank_code = ANY(${p(filter.rankCodes)}::text[])`);
  if (filter.rankTiers) {
    where.push(`${alias}.rank_code IN (SELECT code FROM rank WHERE tier = ANY(${p(filter.rankTiers)}::text[]))`);
  }
  if (filter.reasonCodes) {
    where.push(
      `EXISTS (SELECT 1 FROM action_reason ar WHERE ar.action_id = ${alias}.id AND ar.reason_code = ANY(${p(filter.reasonCodes)}::text[]))`,
    );
  }
  if (filter.officerId) where.push(`${alias}.officer_id = ${p(filter.officerId)}::uuid`);
  if (filter.sourceId) {
    where.push(`EXISTS (SELECT 1 FROM citation c WHERE c.action_id = ${alias}.id AND c.source_id = ${p(filter.sourceId)}::uuid)`);
  }
  if (filter.from) where.push(`${alias}.occurred_to >= ${p(filter.from)}::date`);
  if (filter.to) where.push(`${alias}.occurred_from <= ${p(filter.to)}::date`);
  return where.length ? where.join(' AND ') : 'true';
}
