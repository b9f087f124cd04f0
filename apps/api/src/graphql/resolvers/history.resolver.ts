import {
  Args,
  ArgsType,
  Context,
  Field,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import {
  HISTORY_ENTITY_TYPES,
  HistoryService,
  type ChangeRow,
  type HistoryEntityType,
  type Viewer,
} from '@app/domain';
import { ChangeConnection, ChangeEntityTypeEnum, HistoryEntry } from '../models/history.model.js';
import { Officer } from '../models/officer.model.js';
import { Source } from '../models/source.model.js';
import { DisciplinaryAction } from '../models/action.model.js';
import { ReportedFigure } from '../models/figure.model.js';
import { ActionAlternative } from '../models/action-alternative.model.js';
import { toConnection, type ConnectionShape } from '../models/connection.model.js';
import { PageArgs } from '../inputs/query.inputs.js';
import type { GqlContext } from '../context.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

@ArgsType()
export class ChangesArgs extends PageArgs {
  @Field(() => Date, { nullable: true, description: 'Only changes made at or after this moment.' })
  @IsOptional()
  @IsDate()
  since?: Date | null;

  @Field(() => ChangeEntityTypeEnum, {
    nullable: true,
    description: 'Only changes to this kind of record.',
  })
  @IsOptional()
  @IsIn(HISTORY_ENTITY_TYPES.map((t) => t.toUpperCase()))
  entityType?: string | null;
}

export function toHistoryEntry(row: ChangeRow): HistoryEntry {
  return { ...row, entityType: row.entityType.toUpperCase() };
}

function historyOf(
  ctx: GqlContext,
  entityType: HistoryEntityType,
  entityId: string,
): Promise<HistoryEntry[]> {
  return ctx.loaders.history
    .load(`${entityType}:${entityId}`)
    .then((rows) => rows.map(toHistoryEntry));
}

const HISTORY_DESCRIPTION =
  'Every change to this record, oldest first: who, when, before and after.';

@Resolver()
export class ChangesResolver {
  constructor(private readonly historyService: HistoryService) {}

  @Query(() => ChangeConnection, {
    description:
      'What changed, oldest first, deletions and retractions included (a feed to keep a copy up to date).',
  })
  async changes(
    @Args() args: ChangesArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ConnectionShape<HistoryEntry>> {
    const query = {
      since: args.since,
      entityType: (args.entityType?.toLowerCase() as HistoryEntityType | undefined) ?? null,
    };
    const page = await this.historyService.changes(
      query,
      { first: args.first ?? 20, after: args.after },
      viewer,
    );
    return toConnection(
      page,
      toHistoryEntry,
      () => this.historyService.countChanges(query, viewer),
      Boolean(args.after),
    );
  }
}

@Resolver(() => Officer)
export class OfficerHistoryResolver {
  @ResolveField(() => [HistoryEntry], { description: HISTORY_DESCRIPTION })
  history(@Parent() officer: Officer, @Context() ctx: GqlContext): Promise<HistoryEntry[]> {
    return historyOf(ctx, 'officer', officer.id);
  }
}

@Resolver(() => Source)
export class SourceHistoryResolver {
  @ResolveField(() => [HistoryEntry], {
    description: `${HISTORY_DESCRIPTION} Identifying fields of a confidential source are withheld.`,
  })
  history(@Parent() source: Source, @Context() ctx: GqlContext): Promise<HistoryEntry[]> {
    return historyOf(ctx, 'source', source.id);
  }
}

@Resolver(() => DisciplinaryAction)
export class ActionHistoryResolver {
  @ResolveField(() => [HistoryEntry], {
    description: `${HISTORY_DESCRIPTION} The reasons and citations are part of each snapshot (reason_codes, citations).`,
  })
  history(
    @Parent() action: DisciplinaryAction,
    @Context() ctx: GqlContext,
  ): Promise<HistoryEntry[]> {
    return historyOf(ctx, 'disciplinary_action', action.id);
  }
}

@Resolver(() => ReportedFigure)
export class FigureHistoryResolver {
  @ResolveField(() => [HistoryEntry], { description: HISTORY_DESCRIPTION })
  history(@Parent() figure: ReportedFigure, @Context() ctx: GqlContext): Promise<HistoryEntry[]> {
    return historyOf(ctx, 'reported_figure', figure.id);
  }
}

@Resolver(() => ActionAlternative)
export class AlternativeHistoryResolver {
  @ResolveField(() => [HistoryEntry], { description: HISTORY_DESCRIPTION })
  history(
    @Parent() alternative: ActionAlternative,
    @Context() ctx: GqlContext,
  ): Promise<HistoryEntry[]> {
    return historyOf(ctx, 'action_alternative', alternative.id);
  }
}

export const HISTORY_RESOLVERS = [
  ChangesResolver,
  OfficerHistoryResolver,
  SourceHistoryResolver,
  ActionHistoryResolver,
  FigureHistoryResolver,
  AlternativeHistoryResolver,
];
