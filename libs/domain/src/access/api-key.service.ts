import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@app/core';
import type { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyRepository } from './api-key.repository.js';
import type { Role, Viewer } from '../common/viewer.js';

export const ROLES: readonly Role[] = ['READER', 'EDITOR', 'ADMIN'];
// The visible part of a key, stored in clear to identify it in lists and logs: `pdt_` + 8 characters.
const PREFIX_LENGTH = 12;
// Keys given in ADMIN_API_KEY must be long enough to resist guessing (128 bits in base62 ~ 22 chars).
export const MIN_KEY_LENGTH = 24;
// How precisely `lastUsedAt` is kept: a minute is enough to spot unused keys.
const LAST_USED_RESOLUTION_MS = 60_000;
// A key's id, as opposed to its prefix (`pdt_` + 8 characters).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Longest Authorization value worth hashing; anything longer is refused without work.
const MAX_KEY_LENGTH = 256;

export interface CreatedKey {
  key: string;
  record: ApiKeyEntity;
}

export interface RevokedKey {
  key: ApiKeyEntity;
  /** The key had been revoked before this call: nothing changed. */
  alreadyRevoked: boolean;
}

function newKey(): string {
  return `pdt_${randomBytes(6).toString('base64url')}_${randomBytes(30).toString('base64url')}`;
}

function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * API keys: random, shown once, stored as a SHA-256 hash (the keys are 238-bit random strings,
 * so a slow password hash adds nothing) beside a visible prefix used to find the row; the hash is
 * compared in constant time.
 */
@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger('ApiKeys');

  constructor(private readonly keys: ApiKeyRepository) {}

  async create(name: string, role: Role): Promise<CreatedKey> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100)
      throw DomainError.badInput('name', 'name must be 1 to 100 characters');
    if (!ROLES.includes(role))
      throw DomainError.badInput('role', `role must be one of ${ROLES.join(', ')}`);
    const key = newKey();
    const record = await this.insert(trimmed, role, key);
    return { key, record };
  }

  /** Registers `key` as an admin key unless it is known already (ADMIN_API_KEY at start). */
  async ensureAdminKey(key: string): Promise<void> {
    if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH || /\s/.test(key)) {
      throw new Error(
        `ADMIN_API_KEY must be ${MIN_KEY_LENGTH} to ${MAX_KEY_LENGTH} characters without spaces`,
      );
    }
    const existing = await this.keys.findByHash(hashKey(key));
    if (existing) return;
    await this.insert('ADMIN_API_KEY', 'ADMIN', key);
    this.logger.log(
      `Registered ADMIN_API_KEY as an admin key (prefix ${key.slice(0, PREFIX_LENGTH)})`,
    );
  }

  /** The viewer for a bearer token; UNAUTHENTICATED for an unknown or revoked key. */
  async authenticate(token: string): Promise<Viewer> {
    const unauthenticated = () =>
      new DomainError(
        // UNAUTHENTICATED both for unknown and revoked keys: do not tell which.
        ErrorCode.UNAUTHENTICATED,
        'The API key is not valid (unknown or revoked)',
      );
    if (token.length < MIN_KEY_LENGTH || token.length > MAX_KEY_LENGTH) throw unauthenticated();
    const candidates = await this.keys.findByPrefix(token.slice(0, PREFIX_LENGTH));
    const hash = hashKey(token);
    const match = candidates.find(
      (c) => c.secretHash.length === hash.length && timingSafeEqual(c.secretHash, hash),
    );
    if (!match || match.revokedAt) throw unauthenticated();
    // Recorded to the minute: one write a minute per key at most, not one per request.
    if (!match.lastUsedAt || Date.now() - match.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.touchLastUsed(match.id);
    }
    return { role: match.role, keyId: match.id, keyName: match.name };
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.list();
  }

  /**
   * Revokes exactly one key, named by its id or its prefix, in one transaction. Revoking a revoked
   * key changes nothing and says so.
   */
  async revoke(idOrPrefix: string): Promise<RevokedKey> {
    return this.keys.transaction(async (m) => {
      const key = await this.lockOne(m, idOrPrefix, 'revoked');
      if (key.revokedAt) return { key, alreadyRevoked: true };
      await this.keys.revoke(m, key.id);
      return { key: await this.keys.getById(key.id, m), alreadyRevoked: false };
    });
  }

  /**
   * A new secret for a key, same name and role; the old secret stops working at once (both in one
   * transaction, so there is never a moment with neither or both). A revoked key cannot be rotated.
   */
  async rotate(idOrPrefix: string): Promise<CreatedKey> {
    const key = newKey();
    const id = await this.keys.transaction(async (m) => {
      const old = await this.lockOne(m, idOrPrefix, 'rotated');
      if (old.revokedAt) throw DomainError.notFound('API key (active)', idOrPrefix.trim());
      await this.keys.revoke(m, old.id);
      return this.keys.insert(old.name, old.role, key.slice(0, PREFIX_LENGTH), hashKey(key), m);
    });
    return { key, record: await this.keys.getById(id) };
  }

  /**
   * The one key named by `idOrPrefix`, its row locked until the transaction ends (a concurrent
   * revoke or rotate of it waits). A prefix shared by several keys (possible: prefixes are short
   * and random, and ADMIN_API_KEY chooses its own) is refused, listing the keys.
   */
  private async lockOne(
    m: EntityManager,
    idOrPrefix: string,
    outcome: 'revoked' | 'rotated',
  ): Promise<ApiKeyEntity> {
    const ref = idOrPrefix.trim();
    const keys = await this.keys.lockByIdOrPrefix(
      m,
      UUID.test(ref) ? { id: ref.toLowerCase() } : { prefix: ref },
    );
    if (keys.length === 0) throw DomainError.notFound('API key', ref);
    if (keys.length > 1) {
      throw DomainError.badInput(
        'id',
        `The prefix ${ref} matches ${keys.length} keys: ${keys.map((k) => `${k.id} "${k.name}"`).join(', ')}. ` +
          `Nothing was ${outcome}: name one of them by its id.`,
        {
          matches: keys.map((k) => ({
            id: k.id,
            name: k.name,
            role: k.role,
            revokedAt: k.revokedAt,
          })),
        },
      );
    }
    return keys[0];
  }

  private async insert(name: string, role: Role, key: string): Promise<ApiKeyEntity> {
    return this.keys.getById(
      await this.keys.insert(name, role, key.slice(0, PREFIX_LENGTH), hashKey(key)),
    );
  }
}
