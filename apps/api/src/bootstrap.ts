import 'reflect-metadata';
import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DATABASE_RUNTIME, loadConfig, type AppConfig, type DatabaseRuntime } from '@app/core';
import { ApiKeyService, SeedService } from '@app/domain';
import { AppModule } from './app.module.js';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the API app (not listening): migrations applied, admin key registered, first data loaded on a new embedded database. */
export async function createApp(config: AppConfig = loadConfig()): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: LEVELS[config.logLevel],
    bodyParser: false,
  });
  // 1 MiB of JSON: a GraphQL request is a few KiB; anything larger is refused with 413.
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  await app.init();
  if (config.adminApiKey) await app.get(ApiKeyService).ensureAdminKey(config.adminApiKey);
  const runtime = app.get<DatabaseRuntime>(DATABASE_RUNTIME);
  if (runtime.freshlyCreated && config.seedOnFirstStart) {
    await app.get(SeedService).seedCambojaReport();
  }
  return app;
}

export async function startServer(config: AppConfig = loadConfig()): Promise<INestApplication> {
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  new Logger('Api').log(`Serving GraphQL at ${url}/graphql (explorer and examples at ${url}/)`);
  return app;
}
