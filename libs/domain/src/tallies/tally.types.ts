import type { ActionType } from '../actions/action.entities.js';
import type { RankTier } from '../actions/action-filter.js';

/** What a tally can be grouped by (DOMAIN.md §2). */
export const TALLY_DIMENSIONS = [
  'ACTION_TYPE',
  'REASON',
  'PROVINCE',
  'RANK',
  'RANK_TIER',
  'MONTH',
  'YEAR',
  'AGENCY',
] as const;
export type TallyDimension = (typeof TALLY_DIMENSIONS)[number];

/** Period lengths of a running total. WEEK is the ISO week (Monday to Sunday). */
export const INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type Interval = (typeof INTERVALS)[number];

/**
 * A count that date precision leaves uncertain: `min` people certainly match, `max` possibly do.
 * Without a period (no from/to) every matching action counts for certain: min = max.
 */
export interface CountRange {
  min: number;
  max: number;
}

/** The values a group was formed on; dimensions not grouped on are left out. */
export interface TallyKey {
  actionType?: ActionType;
  reasonCode?: string;
  /** null: national or unknown. */
  provinceCode?: string | null;
  rankCode?: string | null;
  rankTier?: RankTier | null;
  /** The action's own agency (not its parents); null: unknown. */
  agencyCode?: string | null;
  /** "2024-01"; null when the action's date range spans more than one month (never guessed). */
  month?: string | null;
  /** null when the date range spans more than one year. */
  year?: number | null;
}

export interface TallyGroup {
  key: TallyKey;
  /** = range.min */
  count: number;
  range: CountRange;
}

/** What the counting rules changed, in people (README "Counting once"), so a reader sees why the count differs from the records. */
export interface TallyAdjustments {
  /** People in records folded into another record of the same action (SAME_AS). */
  duplicatesFolded: number;
  /** Named officers recorded apart and taken off the group that counts them (MEMBER_OF). */
  namedMembersOfGroups: number;
  /** People in actions left out as reversed (netOfReversals). */
  reversed: number;
  /** People in earlier steps of a case counted at its latest step (FOLLOWS). */
  earlierSteps: number;
}

export interface TallyResult {
  /** People (sum of subjectCount), = range.min. Each action once, whatever its reasons. */
  count: number;
  range: CountRange;
  groups: TallyGroup[];
  /**
   * True when an action is counted in more than one group (grouping by REASON, an action with
   * several reasons): then the groups add up to more than the total.
   */
  groupsOverlap: boolean;
  /** When grouped by REASON: people in actions with more than one (matching) reason; else null. */
  multiReasonActions: CountRange | null;
  adjustments: TallyAdjustments;
}

export interface RunningTotalPoint {
  /** DAY "2024-01-23", WEEK "2024-W04" (ISO), MONTH "2024-01", YEAR "2024". */
  period: string;
  /** People whose action certainly lies within this period (and the filter's from/to). */
  count: number;
  /** min: certainly on or before the period's end (and from the filter's `from`); max: possibly. */
  cumulative: CountRange;
}
