import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { DataDirLock, DataDirLockedError, dataDirOwner } from './data-dir-lock.js';

/**
 * Tries to take the lock of `dir` in another Node process (this module, compiled to plain
 * JavaScript on the fly: the child has no TypeScript loader). Resolves with what it printed.
 */
async function acquireInAnotherProcess(dir: string, scratch: string): Promise<string> {
  const source = readFileSync(new URL('./data-dir-lock.ts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const modulePath = join(scratch, 'data-dir-lock.mjs');
  writeFileSync(modulePath, outputText);
  const script =
    `const { DataDirLock } = await import(${JSON.stringify(modulePath)});` +
    `try { new DataDirLock(${JSON.stringify(dir)}).acquire(); console.log('acquired'); }` +
    `catch (err) { console.log(err.constructor.name + ': ' + err.message); }`;
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--input-type=module',
    '-e',
    script,
  ]);
  return stdout.trim();
}

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

  it('takes over an unreadable lock file: the file then names this process, and another process is refused', async () => {
    writeFileSync(join(dir, '.tracker.lock'), 'garbage');
    const lock = new DataDirLock(dir);
    lock.acquire();
    try {
      expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({
        pid: process.pid,
        host: hostname(),
      });
      expect(dataDirOwner(dir)).toEqual({ pid: process.pid, host: hostname() });
      const scratch = mkdtempSync(join(tmpdir(), 'pdt-lock-js-'));
      try {
        expect(await acquireInAnotherProcess(dir, scratch)).toBe(
          `DataDirLockedError: The embedded database in ${dir} is in use by process ${process.pid}. ` +
            'Stop that process, or set DATA_DIR to another directory, or set DATABASE_URL to use a PostgreSQL server.',
        );
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    } finally {
      lock.release();
    }
    // Released: the next process takes it.
    const scratch = mkdtempSync(join(tmpdir(), 'pdt-lock-js-'));
    try {
      expect(await acquireInAnotherProcess(dir, scratch)).toBe('acquired');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('names no owner for a free directory or a stale lock, and creates a new directory private to its user', () => {
    expect(dataDirOwner(dir)).toBeUndefined();
    writeFileSync(
      join(dir, '.tracker.lock'),
      JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: new Date() }),
    );
    expect(dataDirOwner(dir)).toBeUndefined();
    writeFileSync(
      join(dir, '.tracker.lock'),
      JSON.stringify({ pid: process.pid, host: 'another-host', since: new Date() }),
    );
    expect(dataDirOwner(dir)).toBeUndefined();
    const fresh = join(dir, 'new', 'data');
    new DataDirLock(fresh);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
  });
});
