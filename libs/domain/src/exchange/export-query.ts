import { DomainError } from '@app/core';
import {
  ACTION_TYPES,
  DISPUTED_AS,
  type ActionType,
  type DisputedAs,
} from '../actions/action.entities.js';
import { RANK_TIERS, type ActionFilter, type RankTier } from '../actions/action-filter.js';
import { checkGroupBy } from '../tallies/tally.service.js';
import { parseDateTime } from '../common/partial-date.js';
import { TALLY_DIMENSIONS, type TallyDimension } from '../tallies/tally.types.js';

/** Query parameters of the download routes (and CLI options), as received: one value or several. */
export type ExportQuery = Record<string, string | string[] | undefined>;

// Repeatable parameter -> ActionFilter list field. `actionType=A&actionType=B` or `actionType=A,B`.
const LIST_PARAMS = {
  actionType: 'actionTypes',
  reason: 'reasonCodes',
  province: 'provinceCodes',
  rank: 'rankCodes',
  rankTier: 'rankTiers',
  agency: 'agencyCodes',
} as const;
const SINGLE_PARAMS = [
  'officerId',
  'sourceId',
  'from',
  'to',
  'includeRetracted',
  'asRecordedAt',
  'publishedBy',
  'countDuplicates',
  'netOfReversals',
  'disputedAs',
] as const;

/** A download parameter as the API description (openapi.json) shows it. */
export interface QueryParamDoc {
  description: string;
  type: 'string' | 'boolean';
  format?: 'date' | 'date-time' | 'uuid';
  /** Repeatable (`actionType=A&actionType=B`) or comma-separated (`actionType=A,B`). */
  list?: boolean;
  enum?: readonly string[];
  /** A value the route accepts (the description's tests send it). */
  example: string;
}

/** Every filter parameter of the downloads, described: a parameter added above must be described here. */
export const FILTER_PARAM_DOCS: Record<
  keyof typeof LIST_PARAMS | (typeof SINGLE_PARAMS)[number],
  QueryParamDoc
> = {
  actionType: {
    type: 'string',
    list: true,
    enum: ACTION_TYPES,
    description: 'Action types',
    example: 'DISMISSAL',
  },
  reason: {
    type: 'string',
    list: true,
    description: 'Reason codes (the `reasons` query of the GraphQL API lists them)',
    example: 'DRUG_POSITIVE_TEST',
  },
  province: {
    type: 'string',
    list: true,
    description: 'ISO 3166-2 province codes (`provinces`)',
    example: 'KH-12',
  },
  rank: {
    type: 'string',
    list: true,
    description: 'Rank codes at the time of the action (`ranks`)',
    example: 'LT_COL',
  },
  rankTier: {
    type: 'string',
    list: true,
    enum: RANK_TIERS,
    description: 'Rank tiers',
    example: 'SENIOR_OFFICER',
  },
  agency: {
    type: 'string',
    list: true,
    description: 'Agency codes (`agencies`); an agency includes its sub-agencies',
    example: 'KH_NP',
  },
  officerId: {
    type: 'string',
    format: 'uuid',
    description: 'Actions of this officer',
    example: '00000000-0000-4000-8000-000000000000',
  },
  sourceId: {
    type: 'string',
    format: 'uuid',
    description: 'Actions citing this source',
    example: '00000000-0000-4000-8000-000000000000',
  },
  from: {
    type: 'string',
    format: 'date',
    description: 'First day of the period (actions whose dates possibly fall in it)',
    example: '2023-11-01',
  },
  to: {
    type: 'string',
    format: 'date',
    description: 'Last day of the period',
    example: '2024-01-23',
  },
  includeRetracted: {
    type: 'boolean',
    description: 'Include retracted actions (false by default)',
    example: 'true',
  },
  publishedBy: {
    type: 'string',
    format: 'date',
    description:
      'Count only records with a source published by this day (what could have been known then)',
    example: '2024-01-23',
  },
  countDuplicates: {
    type: 'boolean',
    description:
      'Count duplicates of one action and named officers of a counted group again (false by default: each person once)',
    example: 'true',
  },
  netOfReversals: {
    type: 'boolean',
    description: 'Leave out actions that a later record reverses (false by default)',
    example: 'true',
  },
  disputedAs: {
    type: 'string',
    enum: DISPUTED_AS,
    description:
      'Actions whose sources disagree: PREFERRED (default) counts the values shown; UNCERTAIN counts over every non-deprecated value (tallies; a list shows the actions as they stand)',
    example: 'UNCERTAIN',
  },
  asRecordedAt: {
    type: 'string',
    format: 'date-time',
    description:
      'The records as the database held them at this moment (record time, not event time)',
    example: '2024-01-23T23:59:59Z',
  },
};

/** `groupBy` of the tally downloads. */
export const GROUP_BY_PARAM_DOC: QueryParamDoc = {
  type: 'string',
  list: true,
  enum: TALLY_DIMENSIONS,
  description: 'Tally dimensions, in column order (none: the total)',
  example: 'PROVINCE',
};

function values(raw: string | string[] | undefined): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function one(name: string, raw: string | string[] | undefined): string | undefined {
  const list = values(raw);
  if (list.length > 1) throw DomainError.badInput(name, `${name} takes one value`);
  return list[0];
}

/**
 * Turns download parameters into an ActionFilter (names checked here; codes, ids and dates by
 * checkActionFilter). Unknown parameters are refused, naming them, so a typo never silently
 * widens a download. `extra` lists parameters a route accepts besides the filter (groupBy).
 */
export function parseExportQuery(query: ExportQuery, extra: readonly string[] = []): ActionFilter {
  for (const name of Object.keys(query)) {
    if (
      !(name in LIST_PARAMS) &&
      !(SINGLE_PARAMS as readonly string[]).includes(name) &&
      !extra.includes(name)
    ) {
      throw DomainError.badInput(
        name,
        `Unknown parameter "${name}": use ${[...Object.keys(LIST_PARAMS), ...SINGLE_PARAMS, ...extra].join(', ')}`,
      );
    }
  }
  const filter: ActionFilter = {};
  for (const [param, field] of Object.entries(LIST_PARAMS) as [
    keyof typeof LIST_PARAMS,
    (typeof LIST_PARAMS)[keyof typeof LIST_PARAMS],
  ][]) {
    const list = values(query[param]);
    if (list.length === 0) continue;
    if (param === 'actionType') {
      const bad = list.find((v) => !(ACTION_TYPES as readonly string[]).includes(v));
      if (bad)
        throw DomainError.badInput(
          param,
          `Unknown action type "${bad}": use ${ACTION_TYPES.join(', ')}`,
        );
      filter.actionTypes = list as ActionType[];
    } else if (param === 'rankTier') {
      const bad = list.find((v) => !(RANK_TIERS as readonly string[]).includes(v));
      if (bad)
        throw DomainError.badInput(
          param,
          `Unknown rank tier "${bad}": use ${RANK_TIERS.join(', ')}`,
        );
      filter.rankTiers = list as RankTier[];
    } else {
      filter[field as 'reasonCodes' | 'provinceCodes' | 'rankCodes' | 'agencyCodes'] = list;
    }
  }
  filter.officerId = one('officerId', query.officerId);
  filter.sourceId = one('sourceId', query.sourceId);
  filter.from = one('from', query.from);
  filter.to = one('to', query.to);
  filter.publishedBy = one('publishedBy', query.publishedBy);
  for (const name of ['includeRetracted', 'countDuplicates', 'netOfReversals'] as const) {
    const raw = one(name, query[name]);
    if (raw === undefined) continue;
    if (raw !== 'true' && raw !== 'false')
      throw DomainError.badInput(name, `${name} is true or false`);
    filter[name] = raw === 'true';
  }
  const disputedAs = one('disputedAs', query.disputedAs);
  if (disputedAs !== undefined) {
    if (!(DISPUTED_AS as readonly string[]).includes(disputedAs))
      throw DomainError.badInput('disputedAs', `disputedAs is ${DISPUTED_AS.join(' or ')}`);
    filter.disputedAs = disputedAs as DisputedAs;
  }
  const at = one('asRecordedAt', query.asRecordedAt);
  if (at !== undefined) filter.asRecordedAt = parseRecordTime(at);
  for (const key of Object.keys(filter) as (keyof ActionFilter)[])
    if (filter[key] === undefined) delete filter[key];
  return filter;
}

/** `asRecordedAt`: the records as the database held them at that moment (see the README). */
export function parseRecordTime(raw: string): Date {
  return parseDateTime(raw, 'asRecordedAt');
}

/** `groupBy=PROVINCE&groupBy=MONTH` (or lower case, or comma-separated). */
export function parseGroupBy(raw: string | string[] | undefined): TallyDimension[] {
  try {
    return checkGroupBy(values(raw).map((v) => v.toUpperCase()));
  } catch (err) {
    throw err instanceof DomainError
      ? new DomainError(err.code, err.message, { ...err.details, field: 'groupBy' })
      : err;
  }
}

/** ActionFilter field (as named by checkActionFilter) -> the download parameter a caller would fix. */
const FIELD_TO_PARAM: Record<string, string> = {
  actionTypes: 'actionType',
  reasonCodes: 'reason',
  provinceCodes: 'province',
  rankCodes: 'rank',
  rankTiers: 'rankTier',
  agencyCodes: 'agency',
};

/** Renames `filter.reasonCodes.0` (checkActionFilter's field) to `reason` (the parameter). */
export function toParamError(err: unknown): unknown {
  if (!(err instanceof DomainError) || typeof err.details.field !== 'string') return err;
  const key = err.details.field.split('.')[1];
  if (!key) return err;
  return new DomainError(err.code, err.message, {
    ...err.details,
    field: FIELD_TO_PARAM[key] ?? key,
  });
}
