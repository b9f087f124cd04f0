import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type ApiKeyEntity, type Role } from '@app/domain';
import { RoleEnum } from '../enums.js';

@ObjectType({
  description: 'An API key as admins see it: never the secret, only its visible prefix.',
})
export class ApiKey {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => RoleEnum) role: Role;
  @Field({ description: 'The first characters of the key, shown to identify it (e.g. in logs).' })
  prefix: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'Set once revoked: the key is refused from the next request on.',
  })
  revokedAt: Date | null;
}

@ObjectType({
  description: 'A new key: `key` is shown this once and never again (only its hash is stored).',
})
export class CreatedApiKey {
  @Field() key: string;
  @Field(() => ApiKey) apiKey: ApiKey;
}

@InputType()
export class CreateApiKeyInput {
  // 100 characters: a person's or a script's name, shown in lists and in the edit history.
  @Field({ description: 'Who or what the key is for; recorded as the author of its changes.' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @Field(() => RoleEnum) @IsIn(ROLES) role: Role;
}

@InputType()
export class ApiKeyRefInput {
  // 64 characters: a UUID (36) or a prefix (12) with room to spare.
  @Field(() => ID, { description: 'The key id or its visible prefix.' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  id: string;
}

export function toApiKey(e: ApiKeyEntity): ApiKey {
  return {
    id: e.id,
    name: e.name,
    role: e.role,
    prefix: e.prefix,
    createdAt: e.createdAt,
    lastUsedAt: e.lastUsedAt,
    revokedAt: e.revokedAt,
  };
}
