// Builds the browser code with esbuild into dist/web/: the fact-check page's script and stylesheet
// (apps/api/src/web/client/) and the GraphQL explorer (GraphiQL with React, the Monaco editor and
// its web workers; apps/api/src/web/explorer/). Everything the pages load comes from these files:
// no CDN. dist/web/manifest.json names each output; the API reads it at start.
//
//   node scripts/build-web.mjs            build
//   node scripts/build-web.mjs --if-stale build only when an input is newer than the manifest
//
// Also imported by scripts/ensure-build.mjs and the jest global setup (ensureWebBuild).
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const WEB_OUT = join(root, 'dist/web');
const MANIFEST = join(WEB_OUT, 'manifest.json');
const SOURCES = join(root, 'apps/api/src/web');

// Browsers the pages support: the last two years of Chrome, Firefox and Safari (module scripts,
// module workers and Intl everywhere).
const TARGET = ['chrome111', 'firefox115', 'safari16.4'];

/** Newest modification time of the inputs: the browser sources, the installed packages, this script. */
function newestInput() {
  let newest = Math.max(
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
    statSync(join(root, 'package-lock.json')).mtimeMs,
  );
  const installed = join(root, 'node_modules/.package-lock.json');
  if (existsSync(installed)) newest = Math.max(newest, statSync(installed).mtimeMs);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(SOURCES);
  return newest;
}

export function webBuildIsStale() {
  return !existsSync(MANIFEST) || statSync(MANIFEST).mtimeMs < newestInput();
}

/**
 * An esbuild plugin for one language's bundle of the fact-check page: the other languages'
 * catalogues (apps/api/src/web/i18n/<lang>.messages.ts) are replaced by empty ones, so a reader
 * downloads only the words of the page's language.
 */
function onlyCatalogue(lang) {
  return {
    name: `only-${lang}-catalogue`,
    setup(build) {
      build.onResolve({ filter: /\/(\w+)\.messages\.js$/ }, (args) => {
        const other = /\/(\w+)\.messages\.js$/.exec(args.path)[1];
        return other === lang ? undefined : { path: other, namespace: 'other-catalogue' };
      });
      build.onLoad({ filter: /.*/, namespace: 'other-catalogue' }, (args) => ({
        contents: `export const ${args.path.toUpperCase()}_MESSAGES = {};`,
        loader: 'js',
      }));
    },
  };
}

/** The output file of an entry point, from esbuild's metafile. */
function outputOf(metafile, entryPoint, ext) {
  for (const [file, meta] of Object.entries(metafile.outputs)) {
    if (meta.entryPoint === entryPoint && file.endsWith(ext)) return basename(file);
  }
  throw new Error(`esbuild wrote no ${ext} for ${entryPoint}`);
}

export async function buildWeb({ quiet = false } = {}) {
  const started = performance.now();
  const esbuild = await import('esbuild');
  rmSync(WEB_OUT, { recursive: true, force: true });
  mkdirSync(WEB_OUT, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'linked',
    target: TARGET,
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: root,
    define: { 'process.env.NODE_ENV': '"production"' },
    // A worktree whose node_modules is a symlink: entry points keep their node_modules/... names.
    preserveSymlinks: true,
  };

  // The fact-check page: one script per language (an ES module, no chunks), each with its own
  // catalogue only (the page's language is chosen by the server), and one stylesheet.
  const page = await esbuild.build({
    ...common,
    entryPoints: {
      factcheck: 'apps/api/src/web/client/factcheck.client.ts',
      'factcheck-style': 'apps/api/src/web/client/factcheck.css',
    },
    outdir: join(WEB_OUT, 'factcheck'),
    format: 'esm',
    entryNames: '[name]',
    // The catalogues as UTF-8 (served as such): esbuild's default \uXXXX escapes take six bytes a
    // Khmer letter instead of three.
    charset: 'utf8',
    plugins: [onlyCatalogue('en')],
  });
  const pageKm = await esbuild.build({
    ...common,
    entryPoints: { 'factcheck-km': 'apps/api/src/web/client/factcheck.client.ts' },
    outdir: join(WEB_OUT, 'factcheck'),
    format: 'esm',
    entryNames: '[name]',
    charset: 'utf8',
    plugins: [onlyCatalogue('km')],
  });

  // Monaco's web workers, classic scripts the explorer starts by address (explorer-workers.client.ts).
  const workers = await esbuild.build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    outdir: join(WEB_OUT, 'explorer'),
    format: 'iife',
    entryNames: '[name]-[hash]',
  });
  const workerFiles = {
    editor: outputOf(
      workers.metafile,
      'node_modules/monaco-editor/esm/vs/editor/editor.worker.js',
      '.js',
    ),
    json: outputOf(
      workers.metafile,
      'node_modules/monaco-editor/esm/vs/language/json/json.worker.js',
      '.js',
    ),
    graphql: outputOf(workers.metafile, 'node_modules/monaco-graphql/esm/graphql.worker.js', '.js'),
  };

  // GraphiQL: an ES module split into chunks (Monaco and Prettier load when first needed), its
  // stylesheet (GraphiQL's and Monaco's CSS) and Monaco's icon font.
  const explorer = await esbuild.build({
    ...common,
    entryPoints: { explorer: 'apps/api/src/web/explorer/explorer.client.ts' },
    outdir: join(WEB_OUT, 'explorer'),
    format: 'esm',
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.ttf': 'file' },
  });

  // esbuild writes the CSS of lazily loaded chunks (Monaco's) beside them but never loads it: the
  // explorer's stylesheet is the entry's CSS followed by every chunk's, in one file.
  const entryJs = outputOf(
    explorer.metafile,
    'apps/api/src/web/explorer/explorer.client.ts',
    '.js',
  );
  const entryCss = explorer.metafile.outputs[`dist/web/explorer/${entryJs}`].cssBundle;
  const cssFiles = [
    entryCss,
    ...Object.keys(explorer.metafile.outputs)
      .filter((f) => f.endsWith('.css') && f !== entryCss)
      .sort(),
  ];
  const css = cssFiles.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const cssName = `explorer-${createHash('sha256').update(css).digest('hex').slice(0, 8).toUpperCase()}.css`;
  for (const f of cssFiles) {
    rmSync(join(root, f));
    delete explorer.metafile.outputs[f];
  }
  writeFileSync(join(WEB_OUT, 'explorer', cssName), css);
  explorer.metafile.outputs[`dist/web/explorer/${cssName}`] = { bytes: Buffer.byteLength(css) };

  const files = {};
  for (const result of [page, pageKm, workers, explorer]) {
    for (const [file, meta] of Object.entries(result.metafile.outputs)) {
      const name = relative(WEB_OUT, join(root, file));
      const body = readFileSync(join(root, file));
      // Pre-compressed once here; served when the browser accepts gzip.
      writeFileSync(join(root, `${file}.gz`), gzipSync(body, { level: 9 }));
      files[name] = {
        bytes: meta.bytes,
        gzipBytes: statSync(join(root, `${file}.gz`)).size,
        sha256: createHash('sha256').update(body).digest('base64url'),
      };
    }
  }
  const manifest = {
    factcheck: {
      scripts: { en: 'factcheck/factcheck.js', km: 'factcheck/factcheck-km.js' },
      style: 'factcheck/factcheck-style.css',
    },
    explorer: {
      script: `explorer/${entryJs}`,
      style: `explorer/${cssName}`,
      workers: Object.fromEntries(
        Object.entries(workerFiles).map(([k, v]) => [k, `explorer/${v}`]),
      ),
    },
    files,
    builtIn: Math.round(performance.now() - started),
  };
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  if (!quiet) {
    const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
    const sum = (prefix) =>
      Object.entries(files)
        .filter(([n]) => n.startsWith(prefix) && !n.endsWith('.txt'))
        .reduce((a, [, f]) => [a[0] + f.bytes, a[1] + f.gzipBytes], [0, 0]);
    // What a reader of each language downloads: that language's script and the stylesheet.
    const page = (lang) =>
      [manifest.factcheck.scripts[lang], manifest.factcheck.style]
        .map((n) => files[n])
        .reduce((a, f) => [a[0] + f.bytes, a[1] + f.gzipBytes], [0, 0]);
    const [enBytes, enGz] = page('en');
    const [kmBytes, kmGz] = page('km');
    const [explorerBytes, explorerGz] = sum('explorer/');
    process.stderr.write(
      `Browser code built in ${manifest.builtIn} ms: fact-check page ${kib(enBytes)} in English (${kib(enGz)} gzip), ` +
        `${kib(kmBytes)} in Khmer (${kib(kmGz)} gzip), ` +
        `explorer with workers ${kib(explorerBytes)} (${kib(explorerGz)} gzip) in dist/web/\n`,
    );
  }
  return manifest;
}

/** Builds when the bundle is missing or older than its inputs; quiet otherwise. */
export async function ensureWebBuild() {
  if (!webBuildIsStale()) return false;
  process.stderr.write('Building the browser code (first run, or its sources changed)...\n');
  await buildWeb();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  (ifStale ? ensureWebBuild() : buildWeb()).catch((err) => {
    process.stderr.write(
      `The browser build failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  });
}
