import 'reflect-metadata';
import { Command, CommanderError, Option } from 'commander';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DATABASE_RUNTIME, DomainError, loadConfig, type DatabaseRuntime } from '@app/core';
import { ApiKeyService, ROLES, SeedService, type Role } from '@app/domain';
import { printPublicSchema } from '../../api/src/graphql/schema.js';
import { CliModule } from './cli.module.js';
import { registerExportCommand } from './commands/export.command.js';
import { registerImportCommand } from './commands/import.command.js';


async function withContext<T>(runMigrations: boolean, work: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config, runMigrations), {
    logger: config.logLevel === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn'],
  });
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function info(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function buildProgram(): Command {
  const program = new Command('tracker')
    .description('Police discipline tracker: database, data and keys')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      // Migrations run as the database opens (under an advisory lock on a server), before any
      // service reads the tables; the command reports what was applied.
      await withContext(true, async (ctx) => {
        const applied = ctx.get<DatabaseRuntime>(DATABASE_RUNTIME).migrationsApplied;
        print(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date');
      });
    });

  program
    .command('seed')
    .description('load the first data (the CamboJA report of January 2024); safe to run again')
    .action(async () => {
      await withContext(true, async (ctx) => {
        const result = await ctx.get(SeedService).seedCambojaReport();
        print(
          result.loaded
            ? `Loaded the CamboJA report: ${result.sources} source, ${result.officers} officers, ${result.actions} actions, ${result.figures} figures`
            : 'The CamboJA report is already loaded; nothing changed',
        );
      });
    });

  const keys = program.command('keys').description('manage API keys');
  keys
    .command('create')
    .description('create a key; it is printed once, alone on the last line')
    .addOption(new Option('--role <role>', 'READER, EDITOR or ADMIN').argParser((v) => v.toUpperCase()).makeOptionMandatory())
    .requiredOption('--name <name>', 'who or what the key is for')
    .action(async (opts: { role: string; name: string }) => {
      if (!ROLES.includes(opts.role as Role)) throw DomainError.badInput('role', `--role must be one of ${ROLES.join(', ')}`);
      await withContext(true, async (ctx) => {
        const { key, record } = await ctx.get(ApiKeyService).create(opts.name, opts.role as Role);
        info(`Created ${record.role} key "${record.name}" (id ${record.id}, prefix ${record.prefix}). Store it now: it is not shown again.`);
        print(key);
      });
    });
  keys
    .command('list')
    .description('list keys (prefix, role, name, state)')
    .action(async () => {
      await withContext(true, async (ctx) => {
        for (const k of await ctx.get(ApiKeyService).list()) {
          print([k.prefix, k.role, k.revokedAt ? 'revoked' : 'active', k.id, k.name].join('\t'));
        }
      });
    });
  keys
    .command('revoke <idOrPrefix>')
    .description('revoke a key; takes effect on the next request')
    .action(async (idOrPrefix: string) => {
      await withContext(true, async (ctx) => {
        const k = await ctx.get(ApiKeyService).revoke(idOrPrefix);
        print(`Revoked ${k.role} key "${k.name}" (${k.prefix})`);
      });
    });

  program
    .command('schema')
    .description('print the GraphQL schema (the committed schema.gql)')
    .action(async () => {
      process.stdout.write(await printPublicSchema());
    });

  registerImportCommand(program, withContext);
  registerExportCommand(program, withContext);

  return program;
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof DomainError) {
      info(`error: ${err.message}${err.details.field ? ` (${err.details.field})` : ''}`);
      process.exitCode = 2;
      return;
    }
    info(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

await main();
