/** Says which database the suite runs on (each test file then makes its own). */
export default async function globalSetup(): Promise<void> {
  process.stderr.write(
    process.env.DATABASE_URL
      ? '\nTests run on the PostgreSQL server of DATABASE_URL (a new database per test file)\n'
      : '\nTests run on the embedded database (DATABASE_URL is not set; a new one per test file)\n',
  );
}
