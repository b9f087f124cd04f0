import { mkdirSync, openSync, readFileSync, closeSync, writeSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';

export class DataDirLockedError extends Error {}

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

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, '.tracker.lock');
  }

  acquire(): void {
    if (heldHere.has(this.path)) {
      throw new DataDirLockedError(
        `The embedded database in ${this.path.replace(/\/\.tracker\.lock$/, '')} is already open in this process.`,
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
      const owner = this.readOwner();
      if (owner && owner.pid !== process.pid && isRunning(owner.pid) && owner.host === hostname()) {
        throw new DataDirLockedError(
          `The embedded database in ${this.path.replace(/\/\.tracker\.lock$/, '')} is in use by process ${owner.pid}. ` +
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
      const owner = this.readOwner();
      if (owner?.pid === process.pid) unlinkSync(this.path);
    } catch {
      /* already gone */
    }
  }

  private readOwner(): { pid: number; host: string } | undefined {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as {
        pid?: unknown;
        host?: unknown;
      };
      if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
        return { pid: parsed.pid, host: parsed.host };
      }
    } catch {
      /* unreadable: treated as stale */
    }
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
