import { lstatSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local control channel of an API process on the embedded database: a Unix socket in the data
 * directory, `<DATA_DIR>/control.sock`, that the command line uses while the API holds the
 * directory's lock. Its only authentication is the file system: the socket is mode 0600 in a
 * directory that other users cannot write, so only the same operating-system user (or root) can
 * open it, and a client checks both before trusting it.
 */
export const CONTROL_SOCKET_NAME = 'control.sock';

// sun_path holds 108 bytes on Linux and 104 on macOS, NUL included: a longer path cannot be bound.
export const MAX_SOCKET_PATH_BYTES = 103;

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, CONTROL_SOCKET_NAME);
}

/** Why a directory may not hold the control socket (others could replace it), or undefined when it may. */
export function unsafeDirectoryReason(dir: string): string | undefined {
  const st = statSync(dir);
  if (!st.isDirectory()) return `${dir} is not a directory`;
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid)
    return `${dir} belongs to another user (uid ${st.uid}, this process runs as ${uid})`;
  if (st.mode & 0o002)
    return `${dir} is writable by every user (mode ${octal(st.mode)}); run chmod o-w ${dir}`;
  return undefined;
}

export type SocketCheck = { ok: true } | { ok: false; missing: boolean; reason: string };

/** Checks that `path` is a socket of this user that no other user can open (mode 0600 or stricter). */
export function checkControlSocket(path: string): SocketCheck {
  let st;
  try {
    st = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: false, missing: true, reason: `${path} does not exist` };
    throw err;
  }
  if (!st.isSocket()) return { ok: false, missing: false, reason: `${path} is not a socket` };
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid)
    return { ok: false, missing: false, reason: `${path} belongs to another user (uid ${st.uid})` };
  if (st.mode & 0o077)
    return {
      ok: false,
      missing: false,
      reason: `${path} can be opened by other users (mode ${octal(st.mode)})`,
    };
  return { ok: true };
}

/**
 * Removes a socket left by a process that was killed (the caller holds the directory's lock, so
 * no live process serves it). Anything that is not a socket is left alone and reported.
 */
export function removeStaleSocket(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (!st.isSocket()) throw new Error(`${path} exists and is not a socket: move it away`);
  unlinkSync(path);
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}
