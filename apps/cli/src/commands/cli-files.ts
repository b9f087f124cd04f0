import { constants, createWriteStream, unlinkSync, type WriteStream } from 'node:fs';
import { access, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { DomainError } from '@app/core';

/**
 * The file a command reads (`import <file>`): there, a file (not a folder), readable. Checked before
 * the database is opened or the API asked, so that a mistyped path is one clear line (exit code 2),
 * not a system error or a lost connection. Returns its size in bytes.
 */
export async function checkInputFile(path: string, field = 'file'): Promise<number> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory())
      throw DomainError.badInput(field, `${path} is a folder: give the path of a CSV file`);
    if (!st.isFile()) throw DomainError.badInput(field, `${path} is not a file`);
    size = st.size;
    await access(path, constants.R_OK);
  } catch (err) {
    throw fileError(err, path, field, 'read');
  }
  return size;
}

/**
 * The file a command writes (`export --out <file>`), written whole or not at all: the output goes
 * to a hidden file beside it, renamed over it once complete (`commit`), removed if the command fails
 * (`discard`), so that a failure midway never leaves a truncated file that looks finished. The
 * folder is checked before the export starts.
 */
export interface OutputFile {
  stream: WriteStream;
  /** A system error of writing the file, as one line (exit code 2); any other error as it is. */
  describe(err: unknown): unknown;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * `mode`: the file's permissions (0o644 by default; less the umask). A file with confidential
 * material (`export --internal`) is best 0o600: readable by its owner only.
 */
export async function openOutputFile(
  path: string,
  { field = 'out', mode = 0o644 }: { field?: string; mode?: number } = {},
): Promise<OutputFile> {
  try {
    const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (st?.isDirectory())
      throw DomainError.badInput(field, `${path} is a folder: give the path of the file to write`);
    const folder = await stat(dirname(path));
    if (!folder.isDirectory())
      throw DomainError.badInput(field, `${dirname(path)} is not a folder`);
  } catch (err) {
    throw fileError(err, path, field, 'write');
  }
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  // Interrupted (Ctrl-C, kill): the hidden file goes too, then the usual exit status of the signal.
  // Listening starts before the file is created: the file exists as soon as the system has
  // created it, before this process hears so, and a signal in between must not leave it behind.
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  // The file once its creation has started, and whether this process has heard it was created.
  const creating: { stream?: WriteStream; opened: boolean } = { opened: false };
  const removeAndExit = (code: number) => {
    creating.stream?.destroy();
    if (creating.opened) {
      try {
        unlinkSync(partial);
      } catch {
        // already gone
      }
    }
    process.exit(code);
  };
  const onSignal = (signal: keyof typeof signals) => {
    const code = signals[signal];
    if (creating.stream && !creating.opened) {
      // Being created: removed once it is; a name that was taken (not ours) is left alone.
      creating.stream.once('open', () => removeAndExit(code));
      creating.stream.once('error', () => process.exit(code));
      return;
    }
    removeAndExit(code);
  };
  for (const signal of Object.keys(signals) as (keyof typeof signals)[])
    process.once(signal, onSignal);
  const settle = () => {
    for (const signal of Object.keys(signals)) process.removeListener(signal, onSignal);
  };
  // Created, never opened: a file or link already at that name (in a shared folder, anyone's) is
  // refused rather than written through.
  const file = createWriteStream(partial, { flags: 'wx', mode });
  creating.stream = file;
  file.once('open', () => (creating.opened = true));
  try {
    await once(file, 'open');
  } catch (err) {
    settle();
    throw fileError(err, path, field, 'write');
  }
  const discard = async () => {
    settle();
    // Writes still pending fail once it is destroyed: nothing more to say of them.
    file.on('error', () => undefined);
    file.destroy();
    await unlink(partial).catch(() => undefined);
  };
  return {
    stream: file,
    describe: (err) =>
      (err as NodeJS.ErrnoException)?.path === partial ? fileError(err, path, field, 'write') : err,
    commit: async () => {
      if (!file.writableFinished) await once(file, 'finish');
      settle();
      try {
        await rename(partial, path);
      } catch (err) {
        await discard();
        throw fileError(err, path, field, 'write');
      }
    },
    discard,
  };
}

/** A system error on a file, as one line naming the file and the option; other errors as they are. */
export function fileError(
  err: unknown,
  path: string,
  field: string,
  verb: 'read' | 'write',
): DomainError | unknown {
  if (err instanceof DomainError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return DomainError.badInput(
        field,
        verb === 'read'
          ? `There is no file at ${path}`
          : `The folder ${dirname(path)} does not exist: create it first, or give another path`,
      );
    case 'ENOTDIR':
      return DomainError.badInput(field, `A part of ${path} is a file, not a folder`);
    case 'EACCES':
    case 'EPERM':
      return DomainError.badInput(field, `Permission denied: cannot ${verb} ${path}`);
    case 'EEXIST':
      return DomainError.badInput(
        field,
        `Something is already at the name of the unfinished file beside ${path}: remove the hidden .${basename(path)}.*.partial there`,
      );
    case 'EISDIR':
      return DomainError.badInput(field, `${path} is a folder`);
    case 'EROFS':
      return DomainError.badInput(field, `${path} is on a read-only file system`);
    case 'ENOSPC':
      return DomainError.badInput(field, `No space left on the device to write ${path}`);
    default:
      return err;
  }
}
