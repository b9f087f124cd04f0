import { MAX_VERDICT_POINTS } from '@app/domain';

/**
 * The weights of the fields whose resolvers aggregate (README "Limits"). Objects cost 1 point and
 * connections `first` times their nodes, which prices rows sent; an aggregate sends a few rows but
 * scans every matching record, so each has a constant weight of its own, added where it is asked
 * (under a connection of `first: N`, N times). Measured on 5,000 actions, each alone after a warm-up
 * (PostgreSQL 15 server / embedded PGlite): a tally 22-48 / 200-460 ms, running totals 27-42 /
 * 27-120 ms, a figure check 31 / 36-74 ms, a totalCount 14-56 ms, and the same with
 * `asRecordedAt` (records rebuilt from the edit history) 460-820 / 640-1,900 ms. Against the budget
 * of 10,000 points: 20 live tallies (a year of monthly tallies side by side) and a page of 20
 * figures with their checks (the fact-check page's own query, 8,422 points) fit; more than 3
 * aggregates as of a past moment do not.
 */

// A tally: one statement over every matching record; 300 lets 20 side by side (the aliases limit) and no more.
const TALLY_WEIGHT = 300;
// A figure check: the tally of the figure's scope plus three reads of related figures (parts, whole,
// same-scope totals): a tally and 100. A page of 20 checked figures costs 8,422 of 10,000.
const CHECK_WEIGHT = TALLY_WEIGHT + 100;
// A verdict timeline: one scan of the records with a figure's four aggregates per period. Priced per
// period, at the most periods its interval may answer (the domain's MAX_VERDICT_POINTS; the
// number actually answered depends on the day the figure was stated, unknown before it runs):
// a timeline by MONTH (120 periods) costs 400 + 120 x 40 = 5,200 points; two do not fit with a page
// of checked figures, and one per figure of a list of 20 is refused.
const VERDICT_POINT_WEIGHT = 40;
const VERDICT_POINTS: Readonly<Record<string, number>> = MAX_VERDICT_POINTS;
// A count of a list (`totalCount`): one COUNT over the list's filter, no ranges or groups: a third of a tally.
const COUNT_WEIGHT = 100;
// `asRecordedAt` rebuilds the records from the history first: measured 10-20 times a live tally on the
// server and 4-6 times on the embedded database; 10 times keeps at most 3 such aggregates in one request.
export const AS_RECORDED_FACTOR = 10;

export interface AggregateWeight {
  /** Points added each time the field is resolved. */
  weight: number;
  /** Points added per period the field may answer, for the interval given in the `interval` argument. */
  perPeriod?: number;
  /** The argument that, when given, multiplies the weight by AS_RECORDED_FACTOR. */
  asRecordedArgument?: 'asRecordedAt';
}

/**
 * Every field whose resolver aggregates records, keyed `Type.field`, with its weight. Each also counts
 * towards `maxAggregates`. test/cost-weights.e2e-spec.ts fails when the schema has a field returning
 * an aggregate (a Tally, running totals, a FigureCheck, a connection's totalCount) that is not here.
 */
export const AGGREGATE_FIELDS: Readonly<Record<string, AggregateWeight>> = {
  'Query.tally': { weight: TALLY_WEIGHT, asRecordedArgument: 'asRecordedAt' },
  // One statement like a tally's, with a window function over its periods.
  'Query.runningTotals': { weight: TALLY_WEIGHT, asRecordedArgument: 'asRecordedAt' },
  'Query.checkFigure': { weight: CHECK_WEIGHT, asRecordedArgument: 'asRecordedAt' },
  'ReportedFigure.check': { weight: CHECK_WEIGHT },
  'ReportedFigure.checkAsStated': { weight: CHECK_WEIGHT },
  'ReportedFigure.verdictTimeline': { weight: CHECK_WEIGHT, perPeriod: VERDICT_POINT_WEIGHT },
  'DisciplinaryActionConnection.totalCount': { weight: COUNT_WEIGHT },
  'OfficerConnection.totalCount': { weight: COUNT_WEIGHT },
  'SourceConnection.totalCount': { weight: COUNT_WEIGHT },
  'ReportedFigureConnection.totalCount': { weight: COUNT_WEIGHT },
  'ChangeConnection.totalCount': { weight: COUNT_WEIGHT },
  // A count of the stored pairs (after the page's scoring of queued records, README "Duplicate candidates").
  'ActionDuplicateCandidateConnection.totalCount': { weight: COUNT_WEIGHT },
  'OfficerDuplicateCandidateConnection.totalCount': { weight: COUNT_WEIGHT },
};

/** The weight of one resolution of `Type.field` with these (coerced) arguments; 0 for a field that does not aggregate. */
export function aggregateWeight(key: string, args: Record<string, unknown>): number {
  const entry = AGGREGATE_FIELDS[key];
  if (!entry) return 0;
  const asRecorded =
    entry.asRecordedArgument !== undefined && args[entry.asRecordedArgument] != null;
  const periods = entry.perPeriod
    ? entry.perPeriod *
      (VERDICT_POINTS[String(args.interval)] ?? Math.max(...Object.values(VERDICT_POINTS)))
    : 0;
  return (asRecorded ? entry.weight * AS_RECORDED_FACTOR : entry.weight) + periods;
}

/** Whether `Type.field` is an aggregate (counted towards maxAggregates). */
export function isAggregateField(key: string): boolean {
  return Object.hasOwn(AGGREGATE_FIELDS, key);
}
