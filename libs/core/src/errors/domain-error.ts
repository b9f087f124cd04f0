/** Error codes of the public contract (DOMAIN.md §4), carried in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNAVAILABLE = 'UNAVAILABLE',
}

export interface DomainErrorDetails {
  /** The input field at fault, as a dotted path (`citations.0.excerpt`). */
  field?: string;
  /** For VERSION_CONFLICT: the version the record has now. */
  currentVersion?: number;
  /** For RATE_LIMITED: seconds until a retry can succeed. */
  retryAfter?: number;
  /** Extra structured facts for the client (never internal details). */
  [key: string]: unknown;
}

/** A failure the client can act on. Services throw these; the API maps them to GraphQL/HTTP. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(field: string, message: string, extra: DomainErrorDetails = {}): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, message, { field, ...extra });
  }

  static notFound(what: string, id: string, field = 'id'): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { field });
  }

  static versionConflict(what: string, id: string, currentVersion: number): DomainError {
    return new DomainError(
      ErrorCode.VERSION_CONFLICT,
      `${what} ${id} was changed by someone else: it is at version ${currentVersion}. Reload it and apply your change again.`,
      { field: 'expectedVersion', currentVersion },
    );
  }
}

/** HTTP status for each code, for the REST routes. Exhaustive: a new code fails to compile. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.VERSION_CONFLICT:
    case ErrorCode.CONFLICT:
      return 409;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.UNAVAILABLE:
      return 503;
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped error code ${String(unreachable)}`);
    }
  }
}

/**
 * PostgreSQL errors that are the client's fault, turned into domain errors; anything else is
 * rethrown untouched (to be logged and masked). Never exposes the database's own message.
 */
export function fromDatabaseError(err: unknown, context: Record<string, string> = {}): unknown {
  const e = err as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e?.driverError?.code ?? e?.code;
  const constraint = e?.driverError?.constraint ?? e?.constraint ?? '';
  if (code === '23505') {
    const field = context[constraint] ?? 'input';
    return new DomainError(ErrorCode.CONFLICT, `A record with this ${field} already exists`, {
      field,
    });
  }
  if (code === '23503') {
    const field = context[constraint] ?? 'input';
    return DomainError.badInput(field, `The ${field} refers to a record that does not exist`);
  }
  if (code === '57014') {
    return new DomainError(ErrorCode.UNAVAILABLE, 'The query took too long and was cancelled');
  }
  // pg-pool: no connection became free within DATABASE_ACQUIRE_TIMEOUT_MS.
  if (
    /timeout exceeded when trying to connect/i.test((err as { message?: string })?.message ?? '')
  ) {
    return new DomainError(
      ErrorCode.UNAVAILABLE,
      'The database is busy: no connection became free in time. Try again shortly',
      { retryAfter: 2 },
    );
  }
  if (code === '55P03') {
    return new DomainError(
      ErrorCode.UNAVAILABLE,
      'The records were held by another change for too long; try again',
    );
  }
  return err;
}
