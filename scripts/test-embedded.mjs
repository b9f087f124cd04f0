// Runs the test suite on the embedded database (PGlite), whatever DATABASE_URL says.
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
delete env.DATABASE_URL;
const jest = new URL('../node_modules/jest/bin/jest.js', import.meta.url).pathname;
const result = spawnSync(process.execPath, ['--experimental-vm-modules', jest, '--runInBand', ...process.argv.slice(2)], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
