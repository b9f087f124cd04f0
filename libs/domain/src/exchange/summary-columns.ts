import type { SourceEntity } from '../sources/source.entity.js';
import type { FigureCheckResult } from '../tallies/figure-check.service.js';
import type { TallyDimension, TallyGroup, TallyResult } from '../tallies/tally.types.js';
import { joinMultiValue, neutraliseFormula } from './csv.js';
import { WITHHELD_PUBLISHER, WITHHELD_TITLE, type ColumnSpec } from './action-columns.js';

/** tally.csv: one column per grouped dimension, in the order of groupBy, then the counts. */
const DIMENSION_COLUMNS: Record<TallyDimension, ColumnSpec & { cell: (g: TallyGroup) => string }> =
  {
    ACTION_TYPE: {
      name: 'action_type',
      type: 'string',
      description: 'Action type',
      cell: (g) => g.key.actionType ?? '',
    },
    REASON: {
      name: 'reason_code',
      type: 'string',
      description: 'Reason code (an action with several reasons is in each of their groups)',
      cell: (g) => g.key.reasonCode ?? '',
    },
    PROVINCE: {
      name: 'province_code',
      type: 'string',
      description: 'Province code; empty = national or unknown',
      cell: (g) => g.key.provinceCode ?? '',
    },
    RANK: {
      name: 'rank_code',
      type: 'string',
      description: 'Rank code; empty = unknown',
      cell: (g) => g.key.rankCode ?? '',
    },
    RANK_TIER: {
      name: 'rank_tier',
      type: 'string',
      description: 'Rank tier; empty = unknown',
      cell: (g) => g.key.rankTier ?? '',
    },
    MONTH: {
      name: 'month',
      type: 'string',
      description: 'Month YYYY-MM; empty = the date spans several months (never guessed)',
      cell: (g) => g.key.month ?? '',
    },
    AGENCY: {
      name: 'agency_code',
      type: 'string',
      description: "The action's own agency code (not its parents); empty = unknown",
      cell: (g) => g.key.agencyCode ?? '',
    },
    YEAR: {
      name: 'year',
      type: 'integer',
      description: 'Year; empty = the date spans several years',
      cell: (g) => (g.key.year == null ? '' : String(g.key.year)),
    },
  };
const COUNT_COLUMNS: ColumnSpec[] = [
  { name: 'count', type: 'integer', description: 'People certainly counted (= count_min)' },
  {
    name: 'count_min',
    type: 'integer',
    description: 'People whose action certainly falls in the period (and group)',
  },
  {
    name: 'count_max',
    type: 'integer',
    description: 'People whose action possibly falls in the period (and group)',
  },
  {
    name: 'groups_overlap',
    type: 'boolean',
    description:
      'true when a record can be in several groups (by reason: an action counts in each of its reasons), so the groups add up to more than the total',
  },
];
const ROW_TYPE: ColumnSpec = {
  name: 'row_type',
  type: 'string',
  description: 'total: the whole filter (each record once); group: one group',
};

/** The dimension columns: month groups always carry their year, so two unknown months of different years stay apart. */
function dimensionsOf(groupBy: readonly TallyDimension[]): TallyDimension[] {
  return groupBy.includes('MONTH') && !groupBy.includes('YEAR')
    ? [...groupBy, 'YEAR']
    : [...groupBy];
}

/** tally.csv: row_type, one column per grouped dimension (in the order of groupBy, then year for months), then the counts. */
export function tallyColumns(groupBy: readonly TallyDimension[]): ColumnSpec[] {
  const dims = dimensionsOf(groupBy)
    .map((d) => DIMENSION_COLUMNS[d])
    .map(({ name, type, description }) => ({ name, type, description }));
  return [ROW_TYPE, ...dims, ...COUNT_COLUMNS];
}

/** The records of tally.csv: the total first (dimension cells empty), then the groups. */
export function tallyRows(result: TallyResult, groupBy: readonly TallyDimension[]): string[][] {
  const dims = dimensionsOf(groupBy);
  const overlap = String(result.groupsOverlap);
  const counts = (r: { min: number; max: number }) => [
    String(r.min),
    String(r.min),
    String(r.max),
    overlap,
  ];
  return [
    ['total', ...dims.map(() => ''), ...counts(result.range)],
    ...result.groups.map((g) => [
      'group',
      ...dims.map((d) => DIMENSION_COLUMNS[d].cell(g)),
      ...counts(g.range),
    ]),
  ];
}

/** figures.csv: each reported figure with its check against the records. */
export const FIGURE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'id', type: 'string', description: 'Id of the figure' },
  { name: 'parent_id', type: 'string', description: 'The figure this one is a part of' },
  {
    name: 'repeats_id',
    type: 'string',
    description: 'The figure this one repeats (the same statement reported by another outlet)',
  },
  { name: 'value', type: 'integer', description: 'The number published' },
  {
    name: 'qualifier',
    type: 'string',
    description: 'EXACT, ABOUT, AT_LEAST, MORE_THAN, AT_MOST or FEWER_THAN',
  },
  {
    name: 'tolerance',
    type: 'number',
    description: 'For ABOUT: the relative tolerance (0.1 = 10 %)',
  },
  {
    name: 'scope_action_types',
    type: 'string',
    description: 'Action types counted (empty = any)',
    multiValue: true,
  },
  {
    name: 'scope_reason_codes',
    type: 'string',
    description: 'Reasons counted (empty = any)',
    multiValue: true,
  },
  {
    name: 'scope_province_codes',
    type: 'string',
    description: 'Provinces counted (empty = any)',
    multiValue: true,
  },
  {
    name: 'scope_rank_codes',
    type: 'string',
    description: 'Ranks counted (empty = any)',
    multiValue: true,
  },
  {
    name: 'scope_agency_codes',
    type: 'string',
    description: 'Agencies counted, each with its sub-agencies (empty = any)',
    multiValue: true,
  },
  { name: 'scope_from', type: 'date', description: 'First day counted' },
  { name: 'scope_to', type: 'date', description: 'Last day counted ("as of")' },
  { name: 'stated_by', type: 'string', description: 'Who published the figure' },
  { name: 'stated_on', type: 'date', description: 'When' },
  { name: 'description', type: 'string', description: 'What the figure says' },
  {
    name: 'parts_are_exhaustive',
    type: 'boolean',
    description: 'Its parts are meant to add up to it',
  },
  { name: 'source_title', type: 'string', description: 'Source of the figure' },
  { name: 'source_publisher', type: 'string', description: 'Publisher of the source' },
  { name: 'source_url', type: 'string', description: 'Address of the source' },
  { name: 'citation_excerpt', type: 'string', description: 'The passage that states the figure' },
  { name: 'claimed_min', type: 'integer', description: 'Lower bound of the claim' },
  {
    name: 'claimed_max',
    type: 'integer',
    description: 'Upper bound of the claim (empty = unbounded)',
  },
  {
    name: 'recorded_min',
    type: 'integer',
    description: 'People the records certainly count in the scope',
  },
  {
    name: 'recorded_max',
    type: 'integer',
    description: 'People the records possibly count in the scope',
  },
  {
    name: 'independent_min',
    type: 'integer',
    description:
      "recorded_min, counting only records that cite a source other than the figure's own",
  },
  {
    name: 'independent_max',
    type: 'integer',
    description:
      "recorded_max, counting only records that cite a source other than the figure's own",
  },
  {
    name: 'verdict',
    type: 'string',
    description:
      'CORROBORATED, INCONCLUSIVE, UNDER_RECORDED or CONTRADICTED (README "How a figure is checked")',
  },
  {
    name: 'undecided',
    type: 'integer',
    description: 'People who may or may not count (recorded_max - recorded_min)',
  },
  { name: 'explanation', type: 'string', description: 'The verdict in plain words' },
  {
    name: 'coverage_min',
    type: 'number',
    description: 'recorded_min / claimed_max: the least share of the claim the records account for',
  },
  {
    name: 'coverage_max',
    type: 'number',
    description:
      'recorded_max / claimed_min: the greatest share (empty when the claim has no lower bound)',
  },
  {
    name: 'counted_until',
    type: 'date',
    description: 'The last day counted: scope_to, else stated_on',
  },
  {
    name: 'issues',
    type: 'string',
    description:
      'Consistency issues (PARTS_EXCEED_WHOLE, PARTS_DO_NOT_SUM, PARTS_MAY_OVERLAP, CUMULATIVE_DECREASE)',
    multiValue: true,
  },
  {
    name: 'parts_summary',
    type: 'string',
    description: 'How the parts add up, when the figure has parts',
  },
];

export function figureCells(
  check: FigureCheckResult,
  source: SourceEntity | null,
  withheld: boolean,
): string[] {
  const f = check.figure;
  const text = (v: string | null | undefined) => (v == null ? '' : neutraliseFormula(v));
  return [
    f.id,
    f.parentId ?? '',
    f.repeatsId ?? '',
    String(f.value),
    f.qualifier,
    String(f.tolerance),
    joinMultiValue(f.scopeActionTypes),
    joinMultiValue(f.scopeReasonCodes),
    joinMultiValue(f.scopeProvinceCodes),
    joinMultiValue(f.scopeRankCodes),
    joinMultiValue(f.scopeAgencyCodes),
    f.scopeFrom ?? '',
    f.scopeTo ?? '',
    text(f.statedBy),
    f.statedOn ?? '',
    text(f.description),
    String(f.partsAreExhaustive),
    withheld ? WITHHELD_TITLE : text(source?.title),
    withheld ? WITHHELD_PUBLISHER : text(source?.publisher),
    withheld ? '' : text(source?.url),
    withheld ? '' : text(f.excerpt),
    String(check.claimed.min),
    check.claimed.max === null ? '' : String(check.claimed.max),
    String(check.recorded.min),
    String(check.recorded.max),
    String(check.independent.min),
    String(check.independent.max),
    check.verdict,
    String(check.undecided),
    text(check.explanation),
    check.coverageRange === null ? '' : String(check.coverageRange.min),
    check.coverageRange?.max == null ? '' : String(check.coverageRange.max),
    check.countedUntil ?? '',
    joinMultiValue(check.issues.map((i) => i.kind)),
    text(check.partsSummary),
  ];
}
