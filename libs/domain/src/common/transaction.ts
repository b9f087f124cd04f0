import type { DataSource, EntityManager } from 'typeorm';
import { fromDatabaseError } from '@app/core';

export interface TransactionOptions {
  /** Who makes the change, as the edit history records it (`actorName(viewer)`); unset: 'database'. */
  actor?: string;
}

/**
 * Names the author of the transaction's changes for the history triggers. Transaction-local
 * (`set_config(..., true)`), so a pooled connection never carries it into another request.
 */
export async function setActor(manager: EntityManager, actor: string): Promise<void> {
  await manager.query(`SELECT set_config('app.actor', $1, true)`, [actor]);
}

/**
 * Runs `work` in one transaction: every multi-row write is all or nothing. Constraint violations
 * that are the client's fault come back as domain errors (`constraintFields` names the field of
 * each unique/foreign-key constraint); anything else propagates to be logged and masked.
 * `options.actor` is recorded as the author of every change in the edit history.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  constraintFields: Record<string, string> = {},
  options: TransactionOptions = {},
): Promise<T> {
  try {
    return await dataSource.transaction(async (manager) => {
      if (options.actor) await setActor(manager, options.actor);
      return work(manager);
    });
  } catch (err) {
    throw fromDatabaseError(err, constraintFields);
  }
}
