/**
 * Says which database the suite runs on (each test file then makes its own), and builds the
 * browser code (dist/web: the fact-check page's script, GraphiQL and its workers) when it is
 * missing or older than its sources, so that `npm test` works on a fresh clone.
 */
export default async function globalSetup(): Promise<void> {
  process.stderr.write(
    process.env.DATABASE_URL
      ? '\nTests run on the PostgreSQL server of DATABASE_URL (a new database per test file)\n'
      : '\nTests run on the embedded database (DATABASE_URL is not set; a new one per test file)\n',
  );
  const buildWeb = new URL('../../scripts/build-web.mjs', import.meta.url).href;
  const { ensureWebBuild } = (await import(buildWeb)) as { ensureWebBuild: () => Promise<boolean> };
  await ensureWebBuild();
}
