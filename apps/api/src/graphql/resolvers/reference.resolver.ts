import { Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReferenceService } from '@app/domain';
import { Agency, Province, Rank, Reason } from '../models/reference.model.js';

@Resolver()
export class ReferenceResolver {
  constructor(private readonly reference: ReferenceService) {}

  @Query(() => [Province], { description: 'Provinces and the capital, in ISO 3166-2 order.' })
  provinces(): Province[] {
    return this.reference.provinces();
  }

  @Query(() => [Rank], { description: 'The police rank ladder, highest first.' })
  ranks(): Rank[] {
    return this.reference.ranks();
  }

  @Query(() => [Reason], { description: 'Reasons for disciplinary actions.' })
  reasons(): Reason[] {
    return this.reference.reasons();
  }

  @Query(() => [Agency], {
    description: 'Agencies (forces and departments), each after the agency it belongs to.',
  })
  agencies(): Agency[] {
    return this.reference.agencies();
  }
}

/** An agency's parent, from the in-memory reference data (no parameter decorators: the fast path). */
@Resolver(() => Agency)
export class AgencyResolver {
  constructor(private readonly reference: ReferenceService) {}

  @ResolveField(() => Agency, {
    nullable: true,
    description: 'The agency this one belongs to; null for a ministry (a root).',
  })
  parent(agency: Agency): Agency | null {
    return this.reference.agency(agency.parentCode);
  }
}
