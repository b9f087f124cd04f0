import 'reflect-metadata';
import { Command, CommanderError, Option } from 'commander';
import { describeStartupError, DomainError } from '@app/core';
import { MIGRATIONS } from '@app/migrations';
import { checkRole, migrationNames } from '../../api/src/control/control.protocol.js';
import { withOperations } from './commands/cli-context.js';
import { registerExportCommand } from './commands/export.command.js';
import { registerImportCommand } from './commands/import.command.js';

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
      await withOperations(async (ops) => {
        const { applied, known } = await ops.migrate();
        // A running API applies the migrations it was built with: one started before an update does not know the new ones.
        const unknown = migrationNames(MIGRATIONS.map((M) => new M())).filter(
          (name) => !known.includes(name),
        );
        if (unknown.length) {
          throw new Error(
            `The running API is older than this command line and does not know the migration(s) ${unknown.join(', ')}: restart it (it applies them at start)`,
          );
        }
        print(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
            : 'The database is up to date',
        );
      });
    });

  program
    .command('seed')
    .description('load the first data (the CamboJA report of January 2024); safe to run again')
    .action(async () => {
      await withOperations(async (ops) => {
        const result = await ops.seed();
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
    .addOption(
      new Option('--role <role>', 'READER, EDITOR or ADMIN')
        .argParser((v) => v.toUpperCase())
        .makeOptionMandatory(),
    )
    .requiredOption('--name <name>', 'who or what the key is for')
    .action(async (opts: { role: string; name: string }) => {
      const role = checkRole(opts.role);
      await withOperations(async (ops) => {
        const { key, record } = await ops.createKey(opts.name, role);
        info(
          `Created ${record.role} key "${record.name}" (id ${record.id}, prefix ${record.prefix}). Store it now: it is not shown again.`,
        );
        print(key);
      });
    });
  keys
    .command('list')
    .description('list keys (prefix, role, state, id, name)')
    .action(async () => {
      await withOperations(async (ops) => {
        for (const k of await ops.listKeys()) {
          print([k.prefix, k.role, k.revokedAt ? 'revoked' : 'active', k.id, k.name].join('\t'));
        }
      });
    });
  keys
    .command('revoke <idOrPrefix>')
    .description('revoke one key, by its id or its prefix; takes effect on the next request')
    .action(async (idOrPrefix: string) => {
      await withOperations(async (ops) => {
        const { key: k, alreadyRevoked } = await ops.revokeKey(idOrPrefix);
        print(
          alreadyRevoked
            ? `The ${k.role} key "${k.name}" (${k.prefix}) was already revoked on ${k.revokedAt}; nothing changed`
            : `Revoked ${k.role} key "${k.name}" (${k.prefix})`,
        );
      });
    });

  program
    .command('schema')
    .description('print the GraphQL schema (the committed schema.gql)')
    .action(async () => {
      // Loaded here only: building the schema loads all of GraphQL, which no other command needs.
      const { printPublicSchema } = await import('../../api/src/graphql/schema.js');
      process.stdout.write(await printPublicSchema());
    });

  registerImportCommand(program, withOperations);
  registerExportCommand(program, withOperations);

  return program;
}

/**
 * Exit codes: 0 done, 2 refused (a domain error: bad input, not found...), 1 anything else. Every
 * failure is one line on stderr (what happened, what to do); the stack trace only at LOG_LEVEL=debug.
 */
async function main(): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (process.env.LOG_LEVEL === 'debug' && err instanceof Error && err.stack) info(err.stack);
    if (err instanceof DomainError) {
      info(`error: ${err.message}${err.details.field ? ` (${err.details.field})` : ''}`);
      process.exitCode = 2;
      return;
    }
    info(`error: ${describeStartupError(err)}`);
    process.exitCode = 1;
  }
}

await main();
