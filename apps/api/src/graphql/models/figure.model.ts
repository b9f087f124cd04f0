import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from './connection.model.js';
import { DateScalar } from '../scalars.js';
import { ActionTypeEnum, FigureQualifierEnum } from '../enums.js';

@ObjectType({ description: 'What a published figure counts. Empty lists mean "any".' })
export class FigureScope {
  @Field(() => [ActionTypeEnum]) actionTypes: string[];
  @Field(() => [String]) reasonCodes: string[];
  @Field(() => [String]) provinceCodes: string[];
  @Field(() => [String]) rankCodes: string[];
  @Field(() => [String], {
    description:
      'Agencies, each counted with its sub-agencies (KH_NP includes the provincial commissariats).',
  })
  agencyCodes: string[];
  @Field(() => DateScalar, { nullable: true }) from: string | null;
  @Field(() => DateScalar, { nullable: true, description: '"As of" day.' }) to: string | null;
}

@ObjectType({ description: 'A number that an official or the press published.' })
export class ReportedFigure {
  @Field(() => ID) id: string;
  @Field(() => Int) value: number;
  @Field(() => FigureQualifierEnum) qualifier: string;
  @Field(() => Float, { description: 'For ABOUT: the relative margin (0.1 = 10 %).' })
  tolerance: number;
  @Field(() => FigureScope) scope: FigureScope;
  @Field(() => String, { nullable: true }) statedBy: string | null;
  @Field(() => DateScalar, { nullable: true }) statedOn: string | null;
  sourceId: string;
  excerpt: string | null;
  locator: string | null;
  parentId: string | null;
  repeatsId: string | null;
  @Field({ description: 'On a whole: its parts are meant to add up to it.' })
  partsAreExhaustive: boolean;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int) version: number;
}

export const ReportedFigureConnection = Connection(ReportedFigure, 'ReportedFigure');
