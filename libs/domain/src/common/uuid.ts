import { DomainError } from '@app/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is a bad input (not a "not found", and never a database error). */
export function checkId(id: unknown, field = 'id'): string {
  if (typeof id !== 'string' || !UUID.test(id)) {
    throw DomainError.badInput(field, `${field} must be an id returned by this API (a UUID)`);
  }
  return id.toLowerCase();
}

export function isUuid(text: string): boolean {
  return UUID.test(text);
}
