import { DomainError } from '@app/core';

// 2048: the longest URL that every browser and spreadsheet handles.
export const MAX_URL_LENGTH = 2048;

/** An absolute http(s) URL with a host, or BAD_USER_INPUT naming the field. */
export function checkHttpUrl(
  value: string | null | undefined,
  field: string,
): string | null | undefined {
  if (value === null || value === undefined) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw DomainError.badInput(field, `${field} must be an absolute http(s) URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw DomainError.badInput(field, `${field} must use http or https`);
  }
  if (value.length > MAX_URL_LENGTH) {
    throw DomainError.badInput(field, `${field} must be at most ${MAX_URL_LENGTH} characters`);
  }
  return value;
}
