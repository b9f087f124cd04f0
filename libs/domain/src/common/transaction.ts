import type { DataSource, EntityManager } from 'typeorm';
import { fromDatabaseError } from '@app/core';

/**
 * Runs `work` in one transaction: every multi-row write is all or nothing. Constraint violations
 * that are the client's fault come back as domain errors (`constraintFields` names the field of
 * each unique/foreign-key constraint); anything else propagates to be logged and masked.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  constraintFields: Record<string, string> = {},
): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (err) {
    throw fromDatabaseError(err, constraintFields);
  }
}
