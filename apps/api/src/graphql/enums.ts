import { registerEnumType } from '@nestjs/graphql';
import {
  ACTION_ATTRIBUTES,
  ACTION_LINK_KINDS,
  ACTION_TYPES,
  ALTERNATIVE_STATUSES,
  DISPUTED_AS,
  AGENCY_KINDS,
  FIGURE_ISSUE_KINDS,
  FIGURE_QUALIFIERS,
  FIGURE_VERDICTS,
  INTERVALS,
  RANK_TIERS,
  TALLY_DIMENSIONS,
} from '@app/domain';

function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const ActionTypeEnum = enumOf(ACTION_TYPES);
export const RankTierEnum = enumOf(RANK_TIERS);
export const FigureQualifierEnum = enumOf(FIGURE_QUALIFIERS);
export const VisibilityEnum = enumOf(['PUBLIC', 'INTERNAL'] as const);
export const SourceKindEnum = enumOf([
  'NEWS_ARTICLE',
  'OFFICIAL_STATEMENT',
  'OFFICIAL_DOCUMENT',
  'SOCIAL_MEDIA',
  'NGO_REPORT',
  'OTHER',
] as const);
export const ProvinceTypeEnum = enumOf(['PROVINCE', 'CAPITAL'] as const);
export const RoleEnum = enumOf(['READER', 'EDITOR', 'ADMIN'] as const);
export const AgencyKindEnum = enumOf(AGENCY_KINDS);

registerEnumType(ActionTypeEnum, {
  name: 'ActionType',
  description: 'The kind of disciplinary action.',
});
registerEnumType(RankTierEnum, { name: 'RankTier' });
registerEnumType(FigureQualifierEnum, {
  name: 'FigureQualifier',
  description:
    'How a published number is worded: "about 70" is ABOUT 70, "more than 40" MORE_THAN 40.',
});
registerEnumType(VisibilityEnum, {
  name: 'Visibility',
  description:
    'PUBLIC records are visible to all; INTERNAL ones (not yet verified) to editors and admins only.',
});
registerEnumType(SourceKindEnum, { name: 'SourceKind' });
registerEnumType(ProvinceTypeEnum, { name: 'ProvinceType' });
registerEnumType(RoleEnum, { name: 'Role' });
registerEnumType(AgencyKindEnum, {
  name: 'AgencyKind',
  description:
    'MINISTRY (a root), NATIONAL_POLICE (the General Commissariat), GENERAL_DEPARTMENT, DEPARTMENT (a central department), PROVINCIAL_COMMISSARIAT (the police of a province or the capital), GENDARMERIE, PRISONS, IMMIGRATION.',
});

export const TallyDimensionEnum = enumOf(TALLY_DIMENSIONS);
export const IntervalEnum = enumOf(INTERVALS);
export const FigureVerdictEnum = enumOf(FIGURE_VERDICTS);
export const FigureIssueKindEnum = enumOf(FIGURE_ISSUE_KINDS);
export const FigureOrderEnum = enumOf(['NEWEST_FIRST', 'STATED_ON'] as const);
registerEnumType(TallyDimensionEnum, {
  name: 'TallyDimension',
  description:
    "What to group a tally by. MONTH and YEAR never guess: a date range spanning two months is in its year's unknown-month group. AGENCY groups by each action's own agency (not its parents; null: unknown).",
});
registerEnumType(IntervalEnum, {
  name: 'Interval',
  description: 'Period of a running total; WEEK is the ISO week (Monday to Sunday).',
});
registerEnumType(FigureVerdictEnum, {
  name: 'FigureVerdict',
  description:
    "Records are a lower bound of reality (coverage is unknown). CONTRADICTED: the records certainly count more than the figure allows. UNDER_RECORDED: the records hold fewer than claimed (this tracker may be incomplete, or the figure too high). CORROBORATED: records citing sources other than the figure's own certainly reach the claim and stay within it (never for a claim without a lower bound). INCONCLUSIVE: anything else (imprecise dates, an unknown split between reasons, a missing lower bound, or only the figure's own source decide it; see undecided and explanation).",
});
registerEnumType(FigureIssueKindEnum, {
  name: 'FigureIssueKind',
  description:
    "For parts that cannot count the same action (different action types, provinces or ranks, or periods that do not meet): PARTS_EXCEED_WHOLE, the parts' lower bounds add up to more than the whole allows; PARTS_DO_NOT_SUM, the parts are meant to make up the whole but their sum does not overlap it. PARTS_MAY_OVERLAP (information): the parts may count the same actions (split by reason), so their sum may exceed the whole. CUMULATIVE_DECREASE: a later figure whose scope contains an earlier one's is below it (a running total cannot shrink).",
});
registerEnumType(FigureOrderEnum, {
  name: 'FigureOrder',
  description:
    'NEWEST_FIRST: latest entry first. STATED_ON: the timeline, oldest statement first (undated last).',
});

export const DateQualifierEnum = {
  APPROXIMATE: 'APPROXIMATE',
  UNCERTAIN: 'UNCERTAIN',
  APPROXIMATE_AND_UNCERTAIN: 'APPROXIMATE_AND_UNCERTAIN',
} as const;
registerEnumType(DateQualifierEnum, {
  name: 'DateQualifier',
  description:
    'How sure a date is (EDTF level 1): APPROXIMATE (~, "about"), UNCERTAIN (?, "perhaps"), or both (%).',
});

export const ActionLinkKindEnum = enumOf(ACTION_LINK_KINDS);
registerEnumType(ActionLinkKindEnum, {
  name: 'ActionLinkKind',
  description:
    'How two actions relate (README "Counting once"). SAME_AS: both record the same action (the set counts once, as its earliest-created record). MEMBER_OF: `from`, naming one officer, is one of the people counted by the group `to` (the group counts its subjectCount less its named members). FOLLOWS: `from` is a later step of the case of `to` (a tally counts a case once, at its latest step matching the filter). REVERSES: `from` (e.g. a reinstatement) reverses `to` (left out with netOfReversals).',
});

export const ActionAttributeEnum = enumOf(ACTION_ATTRIBUTES);
registerEnumType(ActionAttributeEnum, {
  name: 'ActionAttribute',
  description:
    'An attribute of an action that sources may disagree on (README "Disagreeing sources"), and the form of its values: ACTION_TYPE (an ActionType), OCCURRED (an EDTF date, partial or qualified, as createAction takes it), RANK, PROVINCE, AGENCY (codes of the ranks, provinces and agencies queries), SUBJECT_COUNT (a whole number of people), REASONS (reason codes, comma-separated), OFFICER (an officer id, or a name: a name matching exactly one officer is stored as its id).',
});
export const AlternativeStatusEnum = enumOf(ALTERNATIVE_STATUSES);
registerEnumType(AlternativeStatusEnum, {
  name: 'AlternativeStatus',
  description:
    "PREFERRED: the action's own field shows this value (at most one per attribute; preferring one demotes the other to ALTERNATIVE). ALTERNATIVE: another sourced value, counted as possible with disputedAs UNCERTAIN. DEPRECATED: a value shown to be wrong, kept with its source but never counted.",
});
export const DisputedAsEnum = enumOf(DISPUTED_AS);
registerEnumType(DisputedAsEnum, {
  name: 'DisputedAs',
  description:
    'How to count an action whose sources disagree (README "Disagreeing sources"). PREFERRED (default): by its fields as they stand (the preferred values). UNCERTAIN: over every non-deprecated value; it counts for certain only where all of them put it in the same group and period, and as possible wherever one does.',
});
