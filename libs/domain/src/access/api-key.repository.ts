import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity.js';
import type { Role } from '../common/viewer.js';

/** The api_key table: reads and writes by intent. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findByHash(hash: Buffer): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ secretHash: hash });
  }

  findByPrefix(prefix: string): Promise<ApiKeyEntity[]> {
    return this.dataSource.getRepository(ApiKeyEntity).findBy({ prefix });
  }

  async touchLastUsed(id: string): Promise<void> {
    await this.dataSource.query('UPDATE api_key SET last_used_at = now() WHERE id = $1', [id]);
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.dataSource.getRepository(ApiKeyEntity).find({ order: { createdAt: 'ASC' } });
  }

  getById(id: string, m: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity> {
    return m.getRepository(ApiKeyEntity).findOneByOrFail({ id });
  }

  /** The keys with this id or prefix, their rows locked until the transaction ends. */
  lockByIdOrPrefix(
    m: EntityManager,
    ref: { id: string } | { prefix: string },
  ): Promise<ApiKeyEntity[]> {
    return m.getRepository(ApiKeyEntity).find({
      where: ref,
      order: { createdAt: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async revoke(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [id]);
  }

  async insert(
    name: string,
    role: Role,
    prefix: string,
    hash: Buffer,
    m: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const rows = (await m.query(
      'INSERT INTO api_key (name, role, prefix, secret_hash) VALUES ($1, $2, $3, $4) RETURNING id',
      [name, role, prefix, hash],
    )) as { id: string }[];
    return rows[0].id;
  }
}
