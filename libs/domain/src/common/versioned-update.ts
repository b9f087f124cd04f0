import type { EntityManager } from 'typeorm';
import { DomainError } from '@app/core';
import { returnedRows } from './query-result.js';

/**
 * Optimistic locking in SQL: `UPDATE ... WHERE id = $1 AND version = $2`. Zero rows means the
 * record is missing (NOT_FOUND) or was changed since the caller read it (VERSION_CONFLICT with the
 * current version). TypeORM's @VersionColumn only increments and would not reject a stale write.
 * `columns` maps column names (fixed by the repository, never user input) to new values.
 */
export async function versionedUpdate(
  manager: EntityManager,
  table: string,
  label: string,
  id: string,
  expectedVersion: number,
  columns: Record<string, unknown>,
): Promise<number> {
  const names = Object.keys(columns);
  const sets = names.map((name, i) => `"${name}" = $${i + 3}`);
  sets.push('version = version + 1', 'updated_at = now()');
  const updated = returnedRows<{ version: number }>(
    await manager.query(
      `UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING version`,
      [id, expectedVersion, ...names.map((n) => columns[n])],
    ),
  );
  if (updated.length === 1) return updated[0].version;
  const current = (await manager.query(`SELECT version FROM ${table} WHERE id = $1`, [id])) as {
    version: number;
  }[];
  if (current.length === 0) throw DomainError.notFound(label, id);
  throw DomainError.versionConflict(label, id, current[0].version);
}
