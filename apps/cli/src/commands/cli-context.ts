import type { INestApplicationContext } from '@nestjs/common';
import {
  ConfigurationError,
  DATABASE_RUNTIME,
  LOG_LEVELS,
  loadConfig,
  StartupLogger,
  type AppConfig,
  type DatabaseRuntime,
} from '@app/core';
import type { TrackerOperations } from '../../../api/src/control/control.protocol.js';
import { runningApi } from '../control/control.client.js';

/** Runs work with the operations of the database: through the running API when it holds the embedded database, else here. */
export type WithOperations = <T>(work: (ops: TrackerOperations) => Promise<T>) => Promise<T>;

/**
 * The database the command works on. With a PostgreSQL server (DATABASE_URL), this process opens
 * it, as any number of processes may. With the embedded database, the process that holds its
 * directory runs the command: a running API through its control socket, or else this process,
 * which opens the directory (migrating it) for the command and closes it afterwards.
 */
export const withOperations: WithOperations = async (work) => {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    throw new ConfigurationError(err instanceof Error ? err.message : String(err));
  }
  const remote = config.databaseUrl ? undefined : runningApi(config.dataDir);
  if (remote) {
    if (config.logLevel === 'debug')
      process.stderr.write(`Sending the command to the API (process ${remote.pid})\n`);
    return work(remote);
  }
  // Loaded only to open the database here: a command sent to the API needs none of the domain.
  const { InProcessOperations } = await import('../../../api/src/control/control.operations.js');
  return withContext(config, (ctx) =>
    work(
      new InProcessOperations(ctx, ctx.get<DatabaseRuntime>(DATABASE_RUNTIME).migrationsApplied),
    ),
  );
};

async function withContext<T>(
  config: AppConfig,
  work: (ctx: INestApplicationContext) => Promise<T>,
): Promise<T> {
  // Every log line to stderr: stdout carries the command's output (a key, a report, an export).
  const logger = new StartupLogger(
    config.logLevel === 'debug' ? LOG_LEVELS.debug : LOG_LEVELS.warn,
    true,
  );
  const [{ NestFactory }, { CliModule }] = await Promise.all([
    import('@nestjs/core'),
    import('../cli.module.js'),
  ]);
  let ctx: INestApplicationContext;
  try {
    ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config, true), {
      logger,
      abortOnError: false,
    });
  } catch (err) {
    // main.ts reports the failure in one line.
    logger.failed(config.logLevel === 'debug');
    throw err;
  }
  logger.started();
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
