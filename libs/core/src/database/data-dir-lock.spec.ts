import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLock, DataDirLockedError } from './data-dir-lock.js';

describe('DataDirLock (the embedded database directory lock)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdt-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is taken, refused to a second opener in the same process, and released', () => {
    const first = new DataDirLock(dir);
    first.acquire();
    expect(JSON.parse(readFileSync(first.path, 'utf8')).pid).toBe(process.pid);
    expect(() => new DataDirLock(dir).acquire()).toThrow(DataDirLockedError);
    first.release();
    expect(existsSync(first.path)).toBe(false);
    const again = new DataDirLock(dir);
    again.acquire();
    again.release();
  });

  it('refuses a directory held by another running process, naming it and saying what to do', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], {
      stdio: 'ignore',
    });
    try {
      writeFileSync(
        join(dir, '.tracker.lock'),
        JSON.stringify({ pid: child.pid, host: hostname(), since: new Date() }),
      );
      let message = '';
      try {
        new DataDirLock(dir).acquire();
      } catch (err) {
        expect(err).toBeInstanceOf(DataDirLockedError);
        message = (err as Error).message;
      }
      expect(message).toContain(`in use by process ${child.pid}`);
      expect(message).toContain('DATA_DIR');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that was killed', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], {
      stdio: 'ignore',
    });
    const pid = child.pid!;
    writeFileSync(
      join(dir, '.tracker.lock'),
      JSON.stringify({ pid, host: hostname(), since: new Date() }),
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const lock = new DataDirLock(dir);
    lock.acquire();
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    writeFileSync(join(dir, '.tracker.lock'), 'garbage');
    const lock = new DataDirLock(dir);
    lock.acquire();
    lock.release();
  });
});
