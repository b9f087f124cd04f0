import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const API_MAIN = `${ROOT}dist/apps/api/apps/api/src/main.js`;
export const CLI_MAIN = `${ROOT}dist/apps/cli/apps/cli/src/main.js`;

/** Builds dist/ if the sources are newer (as `npm start` does). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [`${ROOT}scripts/ensure-build.mjs`], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'log' };
  delete env.DATABASE_URL;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the built API (PORT=0) and resolves once it logs the address it serves. */
export function startServer(env: NodeJS.ProcessEnv, timeoutMs = 45000): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [API_MAIN], {
      cwd: ROOT,
      env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    });
    let output = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${output}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Serving GraphQL at (http:\/\/[^/\s]+)\/graphql/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1].replace('localhost', '127.0.0.1'),
          output: () => output,
          exited,
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before serving:\n${output}`));
    });
  });
}

export async function gqlAt(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  key?: string,
): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

/** Runs the built API with exactly this environment until it exits (a start that must fail): its exit code and output. */
export function runApiToExit(
  env: NodeJS.ProcessEnv,
  timeoutMs = 45000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [API_MAIN], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not exit in time:\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The lines a process logged at the error level (Nest's format) or printed as `error: ...` (the CLI's). */
export function errorLines(output: string): string[] {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  return plain.split('\n').filter((line) => / ERROR \[/.test(line) || line.startsWith('error: '));
}
