import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import { checkActionFilter, type ActionFilter } from '../actions/action-filter.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { Viewer } from '../common/viewer.js';
import { TallyRepository } from './tally.repository.js';
import {
  INTERVALS,
  TALLY_DIMENSIONS,
  type Interval,
  type RunningTotalPoint,
  type TallyDimension,
  type TallyResult,
} from './tally.types.js';

// 10,000 periods: 27 years of days, far more than a chart can show; bounds one response's size.
export const MAX_PERIODS = 10_000;

/** Checks a groupBy list: known dimensions, none twice. Throws BAD_USER_INPUT naming the field. */
export function checkGroupBy(
  groupBy: readonly string[] | null | undefined,
  field = 'groupBy',
): TallyDimension[] {
  const list = groupBy ?? [];
  const known = new Set<string>(TALLY_DIMENSIONS);
  list.forEach((d, i) => {
    if (!known.has(d))
      throw DomainError.badInput(
        `${field}.${i}`,
        `Unknown dimension "${d}": use one of ${TALLY_DIMENSIONS.join(', ')}`,
      );
  });
  const seen = new Set<string>();
  list.forEach((d, i) => {
    if (seen.has(d))
      throw DomainError.badInput(`${field}.${i}`, `The dimension ${d} is listed twice`);
    seen.add(d);
  });
  return list as TallyDimension[];
}

/** Counting of DOMAIN.md §2: tallies and running totals, each one aggregate SQL statement. */
@Injectable()
export class TallyService {
  constructor(
    private readonly tallies: TallyRepository,
    private readonly reference: ReferenceService,
  ) {}

  /** `options.adjustments: false` when the caller does not show the adjustments (they then read as 0). */
  async tally(
    filter: ActionFilter | null | undefined,
    groupBy: TallyDimension[] | null | undefined,
    viewer: Viewer,
    options: { adjustments?: boolean } = {},
  ): Promise<TallyResult> {
    const dimensions = checkGroupBy(groupBy);
    const checked = await checkActionFilter(filter, this.reference);
    const rows = await this.tallies.tally(checked, dimensions, viewer, options.adjustments ?? true);
    const sumMax = rows.groups.reduce((s, g) => s + g.range.max, 0);
    return {
      count: rows.total.min,
      range: rows.total,
      groups: rows.groups,
      // Each action is in one group per dimension value except reasons: only those can overlap.
      groupsOverlap: dimensions.includes('REASON') && sumMax > rows.total.max,
      multiReasonActions: rows.multiReason,
      adjustments: rows.adjustments,
    };
  }

  async runningTotals(
    filter: ActionFilter | null | undefined,
    interval: Interval,
    viewer: Viewer,
  ): Promise<RunningTotalPoint[]> {
    if (!(INTERVALS as readonly string[]).includes(interval)) {
      throw DomainError.badInput(
        'interval',
        `Unknown interval "${String(interval)}": use one of ${INTERVALS.join(', ')}`,
      );
    }
    const checked = await checkActionFilter(filter, this.reference);
    const points = await this.tallies.runningTotals(checked, interval, viewer, MAX_PERIODS);
    if (points.length > MAX_PERIODS) {
      throw DomainError.badInput(
        'interval',
        `More than ${MAX_PERIODS} periods: use a longer interval or a shorter from/to`,
      );
    }
    return points;
  }
}
