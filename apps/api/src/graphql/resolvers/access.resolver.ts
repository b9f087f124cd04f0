import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyService } from '@app/domain';
import {
  ApiKey,
  ApiKeyRefInput,
  CreateApiKeyInput,
  CreatedApiKey,
  toApiKey,
} from '../models/api-key.model.js';
import { RequireRole } from '../../auth/roles.guard.js';

/** Key management, for admins only. Revocation and rotation take effect on the next request (keys are checked on every request). */
@Resolver(() => ApiKey)
@RequireRole('ADMIN')
export class AccessResolver {
  constructor(private readonly keys: ApiKeyService) {}

  @Query(() => [ApiKey], { description: 'Every API key, oldest first (admins only).' })
  async apiKeys(): Promise<ApiKey[]> {
    return (await this.keys.list()).map(toApiKey);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'Creates a key; the secret is in the answer once and never again.',
  })
  async createApiKey(@Args('input') input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const { key, record } = await this.keys.create(input.name, input.role);
    return { key, apiKey: toApiKey(record) };
  }

  @Mutation(() => CreatedApiKey, {
    description:
      "Replaces a key's secret (same name and role); the old secret stops working at once.",
  })
  async rotateApiKey(@Args('input') input: ApiKeyRefInput): Promise<CreatedApiKey> {
    const { key, record } = await this.keys.rotate(input.id);
    return { key, apiKey: toApiKey(record) };
  }

  @Mutation(() => ApiKey, {
    description: 'Revokes a key: refused from the next request on. Revoking twice changes nothing.',
  })
  async revokeApiKey(@Args('input') input: ApiKeyRefInput): Promise<ApiKey> {
    return toApiKey((await this.keys.revoke(input.id)).key);
  }
}
