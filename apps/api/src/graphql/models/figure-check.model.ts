import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ActionFilter } from '@app/domain';
import { FigureIssueKindEnum, FigureVerdictEnum } from '../enums.js';
import { CountRange } from './tally.model.js';
import type { ReportedFigure } from './figure.model.js';

@ObjectType({ description: 'The interval a figure claims (DOMAIN.md §3); max is null when unbounded ("at least 40").' })
export class ClaimedRange {
  @Field(() => Int) min: number;
  @Field(() => Int, { nullable: true }) max: number | null;
}

@ObjectType({ description: 'An inconsistency between published figures.' })
export class FigureIssue {
  @Field(() => FigureIssueKindEnum) kind: string;
  @Field({ description: 'A plain-language explanation naming the numbers.' }) message: string;
  figureIds: string[];
}

@ObjectType({ description: 'A published figure checked against the records and against the other figures.' })
export class FigureCheck {
  figureId: string;
  figure: ReportedFigure;
  @Field(() => ClaimedRange) claimed: ClaimedRange;
  @Field(() => CountRange, { description: 'The tally of the figure\'s scope, as this caller may see it.' }) recorded: CountRange;
  @Field(() => FigureVerdictEnum) verdict: string;
  @Field(() => Float, { nullable: true, description: 'UNDER_RECORDED: recorded.max / claimed.min, the share the records account for. Null otherwise.' })
  coverage: number | null;
  @Field(() => [FigureIssue]) issues: FigureIssue[];
  @Field(() => String, {
    nullable: true,
    description: 'For a figure with parts: their sum against it, e.g. "40 + about 30 = 67–73, consistent with about 70 (63–77)".',
  })
  partsSummary: string | null;
  actionFilter: ActionFilter;
}
