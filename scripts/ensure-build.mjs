// Builds the API and CLI into dist/ when dist/ is missing or older than any source file, and the
// browser code into dist/web/ when it is missing or stale (scripts/build-web.mjs), so that
// `npm start` and `npm run cli` work right after `npm ci`. Quiet when there is nothing to do.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWebBuild } from './build-web.mjs';

const root = new URL('..', import.meta.url).pathname;
const outputs = ['dist/apps/api/apps/api/src/main.js', 'dist/apps/cli/apps/cli/src/main.js'].map(
  (p) => join(root, p),
);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  ...['apps', 'libs', 'migrations', 'types'].map((d) => newestSource(join(root, d))),
  statSync(join(root, 'tsconfig.json')).mtimeMs,
);
const built = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
if (built < sources) {
  process.stderr.write('Building the API and CLI (first run, or the sources changed)...\n');
  const nest = join(root, 'node_modules/@nestjs/cli/bin/nest.js');
  for (const project of ['api', 'cli']) {
    try {
      execFileSync(process.execPath, [nest, 'build', project], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } catch {
      process.stderr.write(`The build of ${project} failed (see above).\n`);
      process.exit(1);
    }
  }
}

try {
  await ensureWebBuild();
} catch (err) {
  process.stderr.write(
    `The build of the browser code failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
