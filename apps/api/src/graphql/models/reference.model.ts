import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ProvinceTypeEnum, RankTierEnum } from '../enums.js';

@ObjectType({ description: 'A province or capital (ISO 3166-2 code, e.g. KH-12).' })
export class Province {
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'The name in Khmer script.' }) nameKm: string | null;
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
