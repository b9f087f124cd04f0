// First: sets process defaults that libraries read when they load.
import './production-defaults.js';
import 'reflect-metadata';
import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { LOG_LEVELS, loadConfig, StartupLogger, type AppConfig } from '@app/core';
import { ApiKeyService, SeedService } from '@app/domain';
import { AppModule } from './app.module.js';
import { OpenApiDocument } from './http/openapi.document.js';
import { JSON_BODY_LIMIT, bodyParserErrors } from './graphql/limits/body-errors.js';
import { baseHeaders, graphqlSubpathsNotFound } from './http/base-headers.js';
import { InProcessOperations } from './control/control.operations.js';
import { ControlServer } from './control/control.server.js';

/** The request headers a page on another origin may send: a key, GraphQL's, and conditional GETs. */
const CORS_REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
  'If-None-Match',
  'If-Modified-Since',
];

/** Builds the API app (not listening): migrations applied, admin key registered, first data loaded on a new embedded database. */
export async function createApp(
  config: AppConfig = loadConfig(),
  logger?: LoggerService,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: logger ?? LOG_LEVELS[config.logLevel],
    bodyParser: false,
    // Throw start-up errors to the caller (logged, exit code 1 from main) instead of exiting inside Nest.
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // Behind a load balancer: the proxies whose X-Forwarded-For, -Proto and -Host are believed, so
  // that rate limits count each caller (req.ip) and links use the public address (TRUST_PROXY).
  app.set('trust proxy', config.trustProxy);
  // Pages on other origins (a newsroom's chart, a notebook) may read the API (CORS_ORIGINS). Keys
  // travel in the Authorization header, never in cookies, so no request carries a caller's
  // credentials without the page having been given the key. Before every route and middleware:
  // preflights are answered here (204), and GraphQL's CSRF guard sees only the real request; even
  // the body parser's refusals (413) carry the headers a page needs to read them.
  if (config.corsOrigins) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST'],
      allowedHeaders: CORS_REQUEST_HEADERS,
      exposedHeaders: ['Retry-After', 'Content-Disposition', 'ETag'],
      credentials: false,
      maxAge: 600,
    });
  }
  app.use(baseHeaders);
  // 1 MiB of JSON: a GraphQL request is a few KiB; anything larger is refused with 413.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  // Right after the parser: its errors (413, bad JSON) answer in JSON, not Express's HTML page.
  app.use(bodyParserErrors);
  app.use(graphqlSubpathsNotFound);
  // No ETag on responses: Express would hash every GraphQL answer (SHA-1 of up to 100 actions) for a
  // header that POST responses never use; the pages and downloads set their own caching headers.
  app.disable('etag');
  await app.init();
  // The routes are in place: describe them (GET /openapi.json).
  app.get(OpenApiDocument).publish(app);
  if (config.adminApiKey) await app.get(ApiKeyService).ensureAdminKey(config.adminApiKey);
  // The embedded default loads the first data on its first start; a server deployment does not
  // (run `npm run cli -- seed` there when wanted).
  if (!config.databaseUrl && config.seedOnFirstStart) await app.get(SeedService).seedOnFirstStart();
  return app;
}

/**
 * `npm start`: the app listening on PORT and, on the embedded database, the command line's control
 * socket in DATA_DIR. A failure to start closes what was opened (the data directory's lock is
 * released) and is thrown for main.ts to report in one line; Nest's own report of it, with its
 * stack trace, is printed only at LOG_LEVEL=debug.
 */
export async function startServer(config: AppConfig = loadConfig()): Promise<INestApplication> {
  const startup = new StartupLogger(LOG_LEVELS[config.logLevel]);
  const logger = new Logger('Api');
  let app: INestApplication | undefined;
  let control: ControlServer | undefined;
  try {
    app = await createApp(config, startup);
    // With a PostgreSQL server the command line opens the database itself; the embedded one lives in this process.
    if (!config.databaseUrl)
      control = await ControlServer.start(new InProcessOperations(app), config.dataDir, logger);
    await app.listen(config.port, config.host);
  } catch (err) {
    startup.failed(config.logLevel === 'debug');
    await control?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    throw err;
  }
  startup.started();
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  logger.log(
    `Serving GraphQL at ${url}/graphql; the fact-check page at ${url}/ and an explorer at ${url}/explorer`,
  );
  closeOnSignals(app, logger, control);
  return app;
}

/**
 * SIGINT/SIGTERM: stop accepting requests and commands, finish the ones in flight, close the database (the
 * embedded one writes its files and releases its directory lock), exit 0. A second signal exits
 * at once with 1.
 */
function closeOnSignals(
  app: INestApplication,
  logger: Logger,
  control: ControlServer | undefined,
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    logger.log(`${signal} received: shutting down`);
    // The control socket first: commands in flight finish while the database is still open.
    (control ? control.close() : Promise.resolve())
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
