import { mkdirSync, openSync, readFileSync, closeSync, writeSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';

export class DataDirLockedError extends Error {}

export const LOCK_FILE_NAME = '.tracker.lock';

/** The process named in a lock file. */
export interface LockOwner {
  pid: number;
  host: string;
}

/**
 * An exclusive lock on the embedded database's directory. PGlite does not lock its data directory
 * and two processes opening it corrupt it, so the app holds `<dir>/.tracker.lock` (created with
 * O_EXCL, holding the owner's pid). A lock whose owner is no longer running (killed with SIGKILL,
 * say) is taken over at once. Written by hand rather than with proper-lockfile because that
 * library only detects a dead owner after a staleness delay, by mtime, while a pid check is
 * immediate and exact on one machine, which is the only place an embedded database lives.
 */
/** Directories locked by this process (a second opener in the same process is refused too). */
const heldHere = new Set<string>();

export class DataDirLock {
  private held = false;
  readonly path: string;

  constructor(private readonly dir: string) {
    // 0700 for a new directory: it holds the whole database, confidential sources included.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = join(dir, LOCK_FILE_NAME);
  }

  acquire(): void {
    if (heldHere.has(this.path)) {
      throw new DataDirLockedError(
        `The embedded database in ${this.dir} is already open in this process.`,
      );
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(this.path, 'wx');
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date() }));
        closeSync(fd);
        this.held = true;
        heldHere.add(this.path);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = liveOwner(readOwner(this.path));
      if (owner && owner.pid !== process.pid) {
        throw new DataDirLockedError(
          `The embedded database in ${this.dir} is in use by process ${owner.pid}. ` +
            'Stop that process, or set DATA_DIR to another directory, or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      // Stale lock (owner gone, or unreadable): take it over.
      try {
        unlinkSync(this.path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    throw new DataDirLockedError(`Could not take the lock ${this.path}`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    heldHere.delete(this.path);
    try {
      const owner = readOwner(this.path);
      if (owner?.pid === process.pid) unlinkSync(this.path);
    } catch {
      /* already gone */
    }
  }
}

/**
 * The running process that holds `dir`, if any: undefined when the directory is free, or its lock
 * is stale (owner gone, unreadable) and would be taken over by the next opener. Reads only; creates
 * nothing.
 */
export function dataDirOwner(dir: string): LockOwner | undefined {
  return liveOwner(readOwner(join(dir, LOCK_FILE_NAME)));
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host };
    }
  } catch {
    /* missing or unreadable: treated as stale */
  }
  return undefined;
}

/** The owner when it runs on this machine; a lock from another host, or of a dead pid, is stale. */
function liveOwner(owner: LockOwner | undefined): LockOwner | undefined {
  return owner && owner.host === hostname() && isRunning(owner.pid) ? owner : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
