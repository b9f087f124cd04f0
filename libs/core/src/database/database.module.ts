import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';
import { DatabaseHealth } from './database-health.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATABASE_RUNTIME = Symbol('DATABASE_RUNTIME');
export const DATABASE_POOLS = Symbol('DATABASE_POOLS');

export interface DatabaseModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Run pending migrations when the module starts (the API does; `cli migrate` runs them itself). */
  runMigrations: boolean;
  config?: AppConfig;
}

/**
 * The connection pools, created and owned here: the primary's (every write, and reads that must see
 * them) and one per read replica. TypeORM is handed the same pools (its `driver` option), so the
 * raw read paths (readQuery) and the leased connections of exports and imports use them directly,
 * never through TypeORM's internals.
 */
export interface DatabasePools {
  primary: pg.Pool;
  replicas: pg.Pool[];
}

export interface DatabaseRuntime {
  dataSource: DataSource;
  pools: DatabasePools;
  /** The PostgreSQL server's URL; undefined on the embedded database. */
  serverUrl?: string;
  embedded?: EmbeddedPostgresHandle;
  migrationsApplied: string[];
}

const MIGRATION_LOCK_KEY = 872_341_990; // any constant: serialises migrations across API processes

export async function openDatabase(options: DatabaseModuleOptions): Promise<DatabaseRuntime> {
  const config = options.config ?? loadConfig();
  const logger = new Logger('Database');
  let embedded: EmbeddedPostgresHandle | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir);
    url = embedded.url;
    logger.log(
      `${embedded.created ? 'Created' : 'Opened'} the embedded PostgreSQL database in ${config.dataDir}`,
    );
  }
  const base = {
    type: 'postgres' as const,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto' as const,
    // Failed statements reach the caller as errors (mapped or logged there); TypeORM's own console logging would duplicate them.
    logging: false,
    applicationName: 'police-discipline-tracker',
  };
  const extra = embedded
    ? // PGlite is one session: one connection, kept open for the life of the process.
      { max: 1, idleTimeoutMillis: 0, connectionTimeoutMillis: config.acquireTimeoutMs }
    : {
        max: config.poolSize,
        // A request that waits this long for a connection answers UNAVAILABLE (fromDatabaseError).
        connectionTimeoutMillis: config.acquireTimeoutMs,
        // jit=off: the planner prices a tally's correlated subplans (links, cases) in the millions
        // and JIT-compiles it, 6 s of LLVM for a 0.4 s scan (measured on an as-of tally at 100k);
        // the app's statements are short, and none gains from JIT.
        options: `-c statement_timeout=${config.statementTimeoutMs} -c lock_timeout=${config.statementTimeoutMs} -c jit=off`,
      };
  const dataSourceOptions: DataSourceOptions =
    !embedded && config.databaseReadUrls.length > 0
      ? {
          ...base,
          extra,
          replication: {
            // Everything reads the primary (a write is always read back correctly, a revoked key is
            // refused at once) except the read paths that opt in with readQuery(): lists, tallies.
            defaultMode: 'master',
            master: { url },
            slaves: config.databaseReadUrls.map((u) => ({ url: u })),
          },
        }
      : { ...base, url, extra };
  const pools: DatabasePools = {
    primary: new pg.Pool({
      connectionString: url,
      application_name: base.applicationName,
      ...extra,
    }),
    replicas: embedded
      ? []
      : config.databaseReadUrls.map(
          (u) =>
            new pg.Pool({ connectionString: u, application_name: base.applicationName, ...extra }),
        ),
  };
  const byUrl = new Map<string, pg.Pool>([
    [url, pools.primary],
    ...config.databaseReadUrls.map((u, i) => [u, pools.replicas[i]] as const).filter(([, p]) => p),
  ]);
  // TypeORM builds its pools with `new driver.Pool(options)`: this one hands it ours, by address.
  const ownPool = function (options: { connectionString?: string }) {
    const pool = options.connectionString ? byUrl.get(options.connectionString) : undefined;
    if (!pool)
      throw new Error(`No pool was created for ${options.connectionString ?? 'this connection'}`);
    return pool;
  } as unknown as typeof pg.Pool;
  const dataSource = new DataSource({
    ...dataSourceOptions,
    driver: { ...pg, Pool: ownPool },
  } as DataSourceOptions);
  try {
    await dataSource.initialize();
    let applied: string[] = [];
    if (options.runMigrations)
      applied = await runMigrationsLocked(dataSource, embedded ? undefined : url);
    if (applied.length) logger.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    return {
      dataSource,
      pools,
      embedded,
      serverUrl: embedded ? undefined : url,
      migrationsApplied: applied,
    };
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    else
      await Promise.all(
        [pools.primary, ...pools.replicas].map((p) => p.end().catch(() => undefined)),
      );
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}

/**
 * Runs pending migrations, holding an advisory lock so that API processes starting together take
 * turns. The lock is held on a connection of its own, outside the pool: the migrations need a pooled
 * connection, and a pool of one would otherwise wait for itself.
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  lockUrl: string | undefined,
): Promise<string[]> {
  if (!lockUrl) {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lock = new pg.Client({
    connectionString: lockUrl,
    application_name: 'police-discipline-tracker migrations lock',
  });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lock.end().catch(() => undefined);
  }
}

export async function closeDatabase(runtime: DatabaseRuntime): Promise<void> {
  try {
    if (runtime.dataSource.isInitialized) await runtime.dataSource.destroy();
  } finally {
    await runtime.embedded?.stop();
  }
}

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_RUNTIME) private readonly runtime: DatabaseRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await closeDatabase(this.runtime);
    new Logger('Database').log('Database closed');
  }
}

/** Provides `DataSource` (and the runtime facts) to the rest of the app; closes both on shutdown. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const config = options.config ?? loadConfig();
    return {
      module: DatabaseModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_RUNTIME, useFactory: () => openDatabase({ ...options, config }) },
        {
          provide: DataSource,
          inject: [DATABASE_RUNTIME],
          useFactory: (runtime: DatabaseRuntime) => runtime.dataSource,
        },
        {
          provide: DATABASE_POOLS,
          inject: [DATABASE_RUNTIME],
          useFactory: (runtime: DatabaseRuntime) => runtime.pools,
        },
        DatabaseLifecycle,
        {
          provide: DatabaseHealth,
          inject: [DATABASE_POOLS],
          useFactory: (pools: DatabasePools) => new DatabaseHealth(pools),
        },
      ],
      exports: [APP_CONFIG, DATABASE_RUNTIME, DATABASE_POOLS, DataSource, DatabaseHealth],
    };
  }
}
