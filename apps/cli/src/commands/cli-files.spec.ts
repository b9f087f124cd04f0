import { jest } from '@jest/globals';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@app/core';
import { checkInputFile, openOutputFile } from './cli-files.js';

describe('the files of the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdt-cli-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const refusal = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  };

  it('reads the size of a file, and refuses a missing path or a folder naming the option', async () => {
    writeFileSync(join(dir, 'a.csv'), 'x,y\n');
    expect(await checkInputFile(join(dir, 'a.csv'))).toBe(4);
    const missing = await refusal(checkInputFile(join(dir, 'b.csv')));
    expect(missing.message).toBe(`There is no file at ${join(dir, 'b.csv')}`);
    expect(missing.details.field).toBe('file');
    expect((await refusal(checkInputFile(dir))).message).toContain('is a folder');
  });

  it('writes the file whole on commit, with the mode asked, and leaves nothing on discard', async () => {
    const out = join(dir, 'out.csv');
    const file = await openOutputFile(out, { mode: 0o600 });
    file.stream.end('a,b\n');
    await file.commit();
    expect(readFileSync(out, 'utf8')).toBe('a,b\n');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const again = await openOutputFile(out);
    again.stream.write('half');
    await again.discard();
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(out, 'utf8')).toBe('a,b\n');
  });

  it('never writes through a link planted at the name of the unfinished file', async () => {
    const target = join(dir, 'victim.txt');
    writeFileSync(target, 'keep me');
    symlinkSync(target, join(dir, `.out.csv.${process.pid}.partial`));
    const err = await refusal(openOutputFile(join(dir, 'out.csv')));
    expect(err.details.field).toBe('out');
    expect(err.message).toContain('remove the hidden .out.csv.*.partial');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  describe('a signal while the hidden file is being created', () => {
    let exit: jest.SpiedFunction<typeof process.exit>;
    let listening: jest.SpiedFunction<typeof process.once>;
    /** What the folder held when the command started listening for signals. */
    let filesWhenListening: string[] | undefined;
    beforeEach(() => {
      exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
      // Ctrl-C right after the command starts listening for it, before it hears that the file
      // was created (a microtask: the file's 'open' comes on a later turn of the event loop).
      const once = process.once.bind(process);
      listening = jest.spyOn(process, 'once').mockImplementation(((
        event: string,
        listener: (...args: unknown[]) => void,
      ) => {
        once(event, listener);
        if (event === 'SIGHUP') {
          filesWhenListening = readdirSync(dir);
          queueMicrotask(() => process.emit('SIGINT', 'SIGINT'));
        }
        return process;
      }) as typeof process.once);
    });
    afterEach(() => {
      listening.mockRestore();
      exit.mockRestore();
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
        process.removeAllListeners(signal);
    });
    const exited = async () => {
      for (let i = 0; i < 200 && !exit.mock.calls.length; i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
      return exit.mock.calls.map((c) => c[0]);
    };

    it('removes the file once it is created, then exits 130', async () => {
      const out = join(dir, 'x.csv');
      const opening = openOutputFile(out).catch(() => undefined);
      expect(await exited()).toEqual([130]);
      await opening;
      // It listened before the file existed (listening after, a signal in between left it).
      expect(filesWhenListening).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
    });

    it('leaves alone a file that was already at its name (not its own), and exits 130', async () => {
      const planted = join(dir, `.x.csv.${process.pid}.partial`);
      writeFileSync(planted, 'not ours');
      const opening = openOutputFile(join(dir, 'x.csv')).catch((e: unknown) => e);
      expect(await exited()).toEqual([130]);
      expect(await opening).toBeInstanceOf(DomainError);
      expect(readFileSync(planted, 'utf8')).toBe('not ours');
    });
  });
});
