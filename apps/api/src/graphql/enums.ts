import { registerEnumType } from '@nestjs/graphql';
import { ACTION_TYPES, FIGURE_QUALIFIERS, RANK_TIERS } from '@app/domain';

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
