import { Query, Resolver } from '@nestjs/graphql';
import { ReferenceService } from '@app/domain';
import { Province, Rank, Reason } from '../models/reference.model.js';

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
}
