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
});
