import { registerEnumType } from '@nestjs/graphql';
import { ACTION_TYPES, FIGURE_ISSUE_KINDS, FIGURE_QUALIFIERS, FIGURE_VERDICTS, INTERVALS, RANK_TIERS, TALLY_DIMENSIONS } from '@app/domain';

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

registerEnumType(ActionTypeEnum, { name: 'ActionType', description: 'The kind of disciplinary action.' });
registerEnumType(RankTierEnum, { name: 'RankTier' });
registerEnumType(FigureQualifierEnum, {
  name: 'FigureQualifier',
  description: 'How a published number is worded: "about 70" is ABOUT 70, "more than 40" MORE_THAN 40.',
});
registerEnumType(VisibilityEnum, {
  name: 'Visibility',
  description: 'PUBLIC records are visible to all; INTERNAL ones (not yet verified) to editors and admins only.',
});
registerEnumType(SourceKindEnum, { name: 'SourceKind' });
registerEnumType(ProvinceTypeEnum, { name: 'ProvinceType' });
registerEnumType(RoleEnum, { name: 'Role' });

export const TallyDimensionEnum = enumOf(TALLY_DIMENSIONS);
export const IntervalEnum = enumOf(INTERVALS);
export const FigureVerdictEnum = enumOf(FIGURE_VERDICTS);
export const FigureIssueKindEnum = enumOf(FIGURE_ISSUE_KINDS);
export const FigureOrderEnum = enumOf(['NEWEST_FIRST', 'STATED_ON'] as const);
registerEnumType(TallyDimensionEnum, {
  name: 'TallyDimension',
  description: 'What to group a tally by. MONTH and YEAR never guess: a date range spanning two months is in its year\'s unknown-month group.',
});
registerEnumType(IntervalEnum, { name: 'Interval', description: 'Period of a running total; WEEK is the ISO week (Monday to Sunday).' });
registerEnumType(FigureVerdictEnum, {
  name: 'FigureVerdict',
  description:
    'CORROBORATED: the records are compatible with the figure. UNDER_RECORDED: the records account for fewer than claimed (incomplete coverage, not a contradiction). CONTRADICTED: there are certainly more records than the figure allows.',
});
registerEnumType(FigureIssueKindEnum, {
  name: 'FigureIssueKind',
  description:
    'PARTS_EXCEED_WHOLE: the parts\' lower bounds add up to more than the whole allows. PARTS_DO_NOT_SUM: the parts are meant to make up the whole but their sum does not overlap it. CUMULATIVE_DECREASE: a later "as of" figure with the same scope is below an earlier one.',
});
registerEnumType(FigureOrderEnum, {
  name: 'FigureOrder',
  description: 'NEWEST_FIRST: latest entry first. STATED_ON: the timeline, oldest statement first (undated last).',
});
