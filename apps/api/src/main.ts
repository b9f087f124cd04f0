// First: sets process defaults that libraries read when they load.
import './production-defaults.js';
import { Logger } from '@nestjs/common';
import { ConfigurationError, describeStartupError, loadConfig, type AppConfig } from '@app/core';
import { startServer } from './bootstrap.js';

/** One line that says what happened and what to do; the stack trace only at LOG_LEVEL=debug. */
function fail(err: unknown): never {
  new Logger('Api').error(`Could not start: ${describeStartupError(err)}`);
  if (process.env.LOG_LEVEL === 'debug' && err instanceof Error && err.stack)
    process.stderr.write(`${err.stack}\n`);
  process.exit(1);
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (err) {
  fail(new ConfigurationError(err instanceof Error ? err.message : String(err)));
}
startServer(config).catch(fail);
