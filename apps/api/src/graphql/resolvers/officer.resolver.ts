import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { OfficerService, type Viewer } from '@app/domain';
import { Officer, OfficerConnection } from '../models/officer.model.js';
import { toConnection, type ConnectionShape } from '../models/connection.model.js';
import { CreateOfficerInput, UpdateOfficerInput } from '../inputs/record.inputs.js';
import { IdArgs, OfficersArgs } from '../inputs/query.inputs.js';
import { toOfficer } from '../mappers.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

@Resolver(() => Officer)
export class OfficerResolver {
  constructor(private readonly officerService: OfficerService) {}

  @Query(() => Officer)
  async officer(@Args() { id }: IdArgs, @CurrentViewer() viewer: Viewer): Promise<Officer> {
    return toOfficer(await this.officerService.getById(id, viewer));
  }

  @Query(() => OfficerConnection, {
    description: 'Officers, newest first; with `search`, best name match first.',
  })
  async officers(
    @Args() args: OfficersArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ConnectionShape<Officer>> {
    const page = await this.officerService.list(
      { first: args.first ?? 20, after: args.after },
      args.search,
      viewer,
    );
    return toConnection(
      page,
      toOfficer,
      () => this.officerService.count(args.search, viewer),
      Boolean(args.after),
    );
  }

  @Editors()
  @Mutation(() => Officer)
  async createOfficer(
    @Args('input') input: CreateOfficerInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Officer> {
    return toOfficer(await this.officerService.create(input, viewer));
  }

  @Editors()
  @Mutation(() => Officer)
  async updateOfficer(
    @Args('input') input: UpdateOfficerInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Officer> {
    return toOfficer(await this.officerService.update(input, viewer));
  }
}
