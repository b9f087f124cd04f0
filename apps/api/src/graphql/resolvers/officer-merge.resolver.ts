import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { OfficerMergeService, type Viewer } from '@app/domain';
import { Officer } from '../models/officer.model.js';
import { MergeOfficersInput, SplitOfficerInput } from '../inputs/officer-merge.inputs.js';
import { toOfficer } from '../mappers.js';
import { Editors } from '../../auth/roles.guard.js';
import { CurrentViewer } from '../../auth/viewer.decorator.js';

/** Merging officers who are one person, and undoing a merge (README "Merging officers"). */
@Resolver(() => Officer)
export class OfficerMergeResolver {
  constructor(private readonly merges: OfficerMergeService) {}

  @Editors()
  @Mutation(() => Officer, {
    description:
      'Merges officers who are one person into the survivor: their actions count under it, their names become its aliases, their ids answer it. Answers the survivor.',
  })
  async mergeOfficers(
    @Args('input') input: MergeOfficersInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Officer> {
    return toOfficer(await this.merges.merge(input, viewer));
  }

  @Editors()
  @Mutation(() => Officer, {
    description:
      'Undoes one merge: the merged officer gets back the actions entered for it and the names it brought. Answers that officer.',
  })
  async splitOfficer(
    @Args('input') input: SplitOfficerInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Officer> {
    return toOfficer(await this.merges.split(input, viewer));
  }

  @ResolveField(() => [ID], {
    description:
      'The ids of the officers merged into this one (they answer it), oldest merge first.',
  })
  async mergedFrom(@Parent() officer: Officer): Promise<string[]> {
    const [ids] = await this.merges.mergedFrom([officer.id]);
    return ids;
  }
}
