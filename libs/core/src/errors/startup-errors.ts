import { DataDirLockedError } from '../database/data-dir-lock.js';

/** A setting read from the environment is invalid (thrown around loadConfig by the entry points). */
export class ConfigurationError extends Error {}

interface SystemError {
  code?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  message?: unknown;
  errors?: unknown[];
}

/**
 * One line for a failure at start-up (or of a command line run): what happened and what to do.
 * The stack trace is for LOG_LEVEL=debug only; these are the failures a user meets first (the data
 * directory in use, a bad setting, a port taken, a database server that refuses), and each one's
 * remedy is in the user's hands, not in the code.
 */
export function describeStartupError(err: unknown): string {
  if (err instanceof DataDirLockedError) return err.message;
  if (err instanceof ConfigurationError)
    return `Invalid setting: ${firstLine(err.message)}. Fix the environment variable and try again.`;
  // Node reports a failed connection to a host with several addresses as an AggregateError: its parts say which.
  const e = (err ?? {}) as SystemError;
  const first = (Array.isArray(e.errors) && e.errors.length ? e.errors[0] : e) as SystemError;
  const code =
    typeof e.code === 'string' ? e.code : typeof first.code === 'string' ? first.code : undefined;
  const where =
    first.address !== undefined
      ? `${String(first.address)}${first.port !== undefined ? `:${String(first.port)}` : ''}`
      : undefined;
  if (first.syscall === 'listen' || e.syscall === 'listen') {
    if (code === 'EADDRINUSE')
      return `The address ${where ?? ''} is already in use (another program, or another API, listens there). Stop it, or set PORT to a free port.`;
    if (code === 'EACCES')
      return `Not allowed to listen on ${where ?? 'this port'} (ports below 1024 need privileges). Set PORT to 1024 or above.`;
    if (code === 'EADDRNOTAVAIL')
      return `${where ?? 'The address'} is not an address of this machine. Set HOST to one of its addresses, or 0.0.0.0.`;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `The database server at ${where ?? 'DATABASE_URL'} refused the connection. Is PostgreSQL running there? Check DATABASE_URL, or unset it to use the embedded database.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The database host ${typeof first.hostname === 'string' ? first.hostname : ''} was not found. Check the host in DATABASE_URL.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The database server at ${where ?? 'DATABASE_URL'} cannot be reached (${code}). Check DATABASE_URL and the network.`;
    case '28000':
    case '28P01':
      return `The database server refused the login: ${firstLine(e.message)}. Check the user and password in DATABASE_URL.`;
    case '3D000':
      return `${capitalise(firstLine(e.message))} on the database server. Create it (createdb) or fix the database name in DATABASE_URL.`;
    case '57P03':
      return `The database server is starting up or shutting down: ${firstLine(e.message)}. Try again in a moment.`;
    case '53300':
      return `The database server has no free connection: ${firstLine(e.message)}. Lower DATABASE_POOL_SIZE or raise max_connections.`;
    default:
      return firstLine(e.message) || String(err);
  }
}

function firstLine(message: unknown): string {
  return typeof message === 'string' ? (message.split('\n')[0] ?? '').trim() : '';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
