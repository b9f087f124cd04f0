import { ACTION_TYPES } from './action.entities.js';
import { parsePartialDate, type PartialDate } from '../common/partial-date.js';
import { DomainError } from '@app/core';

// 1,000,000 people in one group record is beyond any police force: a typing mistake.
export const MAX_SUBJECT_COUNT = 1_000_000;
// 20 reasons and 50 citations per action: far above real records, bounds one write's size.
export const MAX_REASONS = 20;
export const MAX_CITATIONS = 50;

/** The fields these rules speak of, as the GraphQL input names them (the import maps them to its columns). */
export type ActionRuleField =
  | 'actionType'
  | 'officerId'
  | 'subjectCount'
  | 'rankCode'
  | 'provinceCode'
  | 'agencyCode'
  | 'reasonCodes'
  | 'reasonCounts'
  | 'occurred'
  | 'visibility'
  | 'citations';

/**
 * Where a rule reports a problem, naming the field (with a list index where there is one:
 * `reasonCodes.1`): the GraphQL mutations throw the first; the import collects every one.
 */
export type RuleReport = (
  field: ActionRuleField | `${ActionRuleField}.${number}`,
  message: string,
) => void;

/** Codes known to the reference data. */
export interface ReferenceCodes {
  provinces: ReadonlySet<string>;
  ranks: ReadonlySet<string>;
  reasons: ReadonlySet<string>;
  agencies: ReadonlySet<string>;
}

/** What a code field refers to: the kind of reference data, the query that lists it, an example. */
const CODE_FIELDS = {
  rankCode: { kind: 'rank', query: 'ranks', hint: 'LT_COL' },
  provinceCode: { kind: 'province', query: 'provinces', hint: 'KH-12' },
  agencyCode: { kind: 'agency', query: 'agencies', hint: 'KH_NP_PP' },
} as const;

/**
 * The rules of an action record, one set for every write path (GraphQL mutations and CSV imports),
 * with the same messages: what the database would also refuse, said in the client's terms first.
 */
export const ActionRules = {
  actionType(value: string, report: RuleReport): void {
    if (!(ACTION_TYPES as readonly string[]).includes(value)) {
      report(
        'actionType',
        value
          ? `Unknown action type "${value.slice(0, 60)}": use ${ACTION_TYPES.join(', ')}`
          : 'actionType is required',
      );
    }
  },

  /** People: 1 to MAX_SUBJECT_COUNT, and exactly 1 when an officer is named. */
  subjects(officerNamed: boolean, subjectCount: number, report: RuleReport): void {
    if (!Number.isInteger(subjectCount) || subjectCount < 1 || subjectCount > MAX_SUBJECT_COUNT) {
      report('subjectCount', `subjectCount must be a whole number from 1 to ${MAX_SUBJECT_COUNT}`);
    } else if (officerNamed && subjectCount !== 1) {
      report(
        'subjectCount',
        'An action about a named officer concerns one person: subjectCount must be 1 (record unnamed groups without an officer)',
      );
    }
  },

  code(
    field: 'rankCode' | 'provinceCode' | 'agencyCode',
    value: string | null | undefined,
    known: ReadonlySet<string>,
    report: RuleReport,
  ): void {
    if (value === null || value === undefined) return;
    const { kind, query, hint } = CODE_FIELDS[field];
    if (!known.has(value))
      report(
        field,
        `Unknown ${kind} code "${value.slice(0, 60)}" (see the ${query} query; e.g. ${hint})`,
      );
  },

  reasons(codes: readonly string[], known: ReadonlySet<string>, report: RuleReport): void {
    if (codes.length === 0)
      report('reasonCodes', 'Give at least one reason (UNSPECIFIED when the source gives none)');
    else if (codes.length > MAX_REASONS) report('reasonCodes', `At most ${MAX_REASONS} reasons`);
    else if (new Set(codes).size !== codes.length)
      report('reasonCodes', 'A reason is listed twice');
    else {
      const at = codes.findIndex((c) => !known.has(c));
      if (at >= 0)
        report(
          `reasonCodes.${at}`,
          `Unknown reason code "${codes[at].slice(0, 60)}" (see the reasons query; e.g. DRUG_POSITIVE_TEST)`,
        );
    }
  },

  /**
   * How a group splits between its reasons (README "Counting"): one count per reason, in the order
   * of the reasons given, each from 0 to the group's size, adding up to at least the group (each
   * person has a reason; one person may have several). Only for a group with several reasons.
   */
  reasonCounts(
    codes: readonly string[],
    counts: readonly number[] | null | undefined,
    subjectCount: number,
    report: RuleReport,
  ): void {
    if (counts === null || counts === undefined) return;
    if (subjectCount < 2 || codes.length < 2) {
      report(
        'reasonCounts',
        'reasonCounts split a group between its reasons: give them only for a group (subjectCount above 1) with several reasons',
      );
    } else if (counts.length !== codes.length) {
      report(
        'reasonCounts',
        `Give one count per reason: ${codes.length} reasons, ${counts.length} counts`,
      );
    } else if (counts.some((k) => !Number.isInteger(k) || k < 0 || k > subjectCount)) {
      report(
        'reasonCounts',
        `Each count is a whole number from 0 to the group's ${subjectCount} people`,
      );
    } else if (counts.reduce((s, k) => s + k, 0) < subjectCount) {
      report(
        'reasonCounts',
        `The counts add up to ${counts.reduce((s, k) => s + k, 0)}, fewer than the group's ${subjectCount} people: each person has at least one reason`,
      );
    }
  },

  /** The EDTF date and the range it is counted over; null when it is not a valid date (reported). */
  occurred(
    text: string,
    report: RuleReport,
    parse: (text: string) => PartialDate = (t) => parsePartialDate(t, 'occurred'),
  ): PartialDate | null {
    try {
      return parse(text);
    } catch (err) {
      report('occurred', err instanceof DomainError ? err.message : 'Not a valid date');
      return null;
    }
  },

  visibility(value: string, report: RuleReport): void {
    if (value !== 'PUBLIC' && value !== 'INTERNAL')
      report('visibility', 'visibility is PUBLIC or INTERNAL');
  },

  citationCount(n: number, report: RuleReport): void {
    if (n === 0) report('citations', 'Give at least one citation: every record needs a source');
    else if (n > MAX_CITATIONS) report('citations', `At most ${MAX_CITATIONS} citations`);
  },
};

/** A report that throws the first problem as BAD_USER_INPUT naming its field (the GraphQL mutations). */
export const throwFirst: RuleReport = (field, message) => {
  throw DomainError.badInput(field, message);
};

/** Reasons stored sorted, with their counts in the same order. */
export function sortedReasons(
  codes: readonly string[],
  counts: readonly number[] | null | undefined,
): { codes: string[]; counts: number[] | null } {
  const pairs = codes
    .map((c, i) => [c, counts?.[i]] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    codes: pairs.map((p) => p[0]),
    counts: counts ? pairs.map((p) => p[1] as number) : null,
  };
}
