import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../scalars.js';
import type { ActionFilter } from '@app/domain';
import { FigureIssueKindEnum, FigureVerdictEnum } from '../enums.js';
import { CountRange } from './tally.model.js';
import type { ReportedFigure } from './figure.model.js';

@ObjectType({
  description:
    'The interval a figure claims (DOMAIN.md §3); max is null when unbounded ("at least 40").',
})
export class ClaimedRange {
  @Field(() => Int) min: number;
  @Field(() => Int, { nullable: true }) max: number | null;
}

@ObjectType({ description: 'A ratio range (coverage): max is null when unbounded.' })
export class FloatRange {
  @Field(() => Float) min: number;
  @Field(() => Float, { nullable: true }) max: number | null;
}

@ObjectType({
  description:
    'An inconsistency between published figures, or a fact about them to know (informational).',
})
export class FigureIssue {
  @Field(() => FigureIssueKindEnum) kind: string;
  @Field({ description: 'A plain-language explanation naming the numbers.' }) message: string;
  @Field({ description: 'True for information that is no inconsistency (PARTS_MAY_OVERLAP).' })
  informational: boolean;
  figureIds: string[];
}

@ObjectType({
  description: 'A published figure checked against the records and against the other figures.',
})
export class FigureCheck {
  figureId: string;
  figure: ReportedFigure;
  @Field(() => ClaimedRange) claimed: ClaimedRange;
  @Field(() => CountRange, {
    description: "The tally of the figure's scope, as this caller may see it.",
  })
  recorded: CountRange;
  @Field(() => CountRange, {
    description:
      "The same tally counting only records that cite a source other than the figure's own: what can corroborate it.",
  })
  independent: CountRange;
  @Field(() => FigureVerdictEnum) verdict: string;
  @Field(() => Int, {
    description:
      "People who may or may not count (imprecise dates, a group's unknown split between reasons): recorded.max - recorded.min.",
  })
  undecided: number;
  @Field({
    description:
      'The verdict in plain words: what the records show against the claim, and what could tip it.',
  })
  explanation: string;
  @Field(() => Float, {
    nullable: true,
    deprecationReason:
      'Use coverageRange: the share of the claim the records account for is a range.',
    description: 'UNDER_RECORDED: recorded.max / claimed.min. Null otherwise.',
  })
  coverage: number | null;
  @Field(() => FloatRange, {
    nullable: true,
    description:
      'The share of the claim the records account for: recorded.min / claimed.max to recorded.max / claimed.min. Null when the claim has no lower bound.',
  })
  coverageRange: FloatRange | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: "The last day counted: the scope's `to`, else the day the figure was stated.",
  })
  countedUntil: string | null;
  @Field(() => [FigureIssue]) issues: FigureIssue[];
  @Field(() => String, {
    nullable: true,
    description:
      'For a figure with parts: their sum against it, e.g. "40 + about 30 = 67–73, consistent with about 70 (63–77)".',
  })
  partsSummary: string | null;
  actionFilter: ActionFilter;
}

@ObjectType({
  description:
    "A figure's check as it stood at the end of a period, by publication date: only records with a source published by `until`.",
})
export class VerdictPoint {
  @Field({
    description: 'DAY "2024-01-23", WEEK "2024-W04" (ISO week), MONTH "2024-01", YEAR "2024".',
  })
  period: string;
  @Field(() => DateScalar, {
    description:
      "The publication day counted up to: the period's last day, today for the current period.",
  })
  until: string;
  @Field(() => FigureVerdictEnum) verdict: string;
  @Field(() => CountRange, {
    description: "The tally of the figure's scope, counting records published by `until`.",
  })
  recorded: CountRange;
  @Field(() => CountRange, {
    description:
      "The same, counting only records that cite a source other than the statement's own.",
  })
  independent: CountRange;
}
