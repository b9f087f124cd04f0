import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SourceService, type Viewer } from '@app/domain';
import { Source, SourceConnection } from '../models/source.model.js';
import { toConnection, type ConnectionShape } from '../models/connection.model.js';
import { CreateSourceInput, UpdateSourceInput } from '../inputs/record.inputs.js';
import { IdArgs, PageArgs } from '../inputs/query.inputs.js';
import { toSource } from '../mappers.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

@Resolver(() => Source)
export class SourceResolver {
  constructor(private readonly sourceService: SourceService) {}

  @Query(() => Source)
  async source(@Args() { id }: IdArgs, @CurrentViewer() viewer: Viewer): Promise<Source> {
    return toSource(await this.sourceService.getById(id), viewer);
  }

  @Query(() => SourceConnection, {
    description: 'Sources, newest first. Confidential ones are listed only for editors and admins.',
  })
  async sources(
    @Args() args: PageArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ConnectionShape<Source>> {
    const page = await this.sourceService.list(
      { first: args.first ?? 20, after: args.after },
      viewer,
    );
    return toConnection(
      page,
      (s) => toSource(s, viewer),
      () => this.sourceService.count(viewer),
      Boolean(args.after),
    );
  }

  @Editors()
  @Mutation(() => Source)
  async createSource(
    @Args('input') input: CreateSourceInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Source> {
    return toSource(await this.sourceService.create(input, viewer), viewer);
  }

  @Editors()
  @Mutation(() => Source)
  async updateSource(
    @Args('input') input: UpdateSourceInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Source> {
    return toSource(await this.sourceService.update(input, viewer), viewer);
  }
}
