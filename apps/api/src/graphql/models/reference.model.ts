import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AgencyKindEnum, ProvinceTypeEnum, RankTierEnum } from '../enums.js';

@ObjectType({ description: 'A province or capital (ISO 3166-2 code, e.g. KH-12).' })
export class Province {
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'The name in Khmer script.' }) nameKm:
    string | null;
  @Field(() => ProvinceTypeEnum) type: string;
  @Field(() => [String], { description: 'Other spellings seen in the press.' }) aliases: string[];
}

@ObjectType({ description: 'A police rank; order 1 is the highest.' })
export class Rank {
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) nameKm: string | null;
  @Field(() => RankTierEnum) tier: string;
  @Field(() => Int) order: number;
  @Field(() => [String]) aliases: string[];
}

@ObjectType({ description: 'Why an action was taken.' })
export class Reason {
  @Field() code: string;
  @Field() label: string;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType({
  description:
    'A force or department that disciplines or employs officers (the National Police, a provincial commissariat, the prisons...), in a tree: `parent` is the agency it belongs to. Each comes with the public source that supports it.',
})
export class Agency {
  @Field({
    description:
      'Stable code, e.g. KH_NP (the National Police), KH_NP_PP (Phnom Penh), KH_NP_PROV_14 (Prey Veng).',
  })
  code: string;
  @Field({ description: 'The English name.' }) name: string;
  @Field(() => String, {
    nullable: true,
    description: 'The name in Khmer script, as a source gives it; null when none does.',
  })
  nameKm: string | null;
  parentCode: string | null;
  @Field(() => AgencyKindEnum) kind: string;
  @Field({ description: 'The public page that best supports the entry.' }) source: string;
  @Field(() => String, {
    nullable: true,
    description: 'What the sources say: other names, doubts, confidence.',
  })
  note: string | null;
}
