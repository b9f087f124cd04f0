import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import type { WithOperations } from './cli-context.js';

/** `import <file> [--dry-run]`: the import of POST /imports/actions, with a progress bar on a terminal. */
export function registerImportCommand(program: Command, withOperations: WithOperations): void {
  program
    .command('import <file>')
    .description(
      'import actions from a CSV file with the columns of actions.csv (one transaction; prints a JSON report)',
    )
    .option('--dry-run', 'report what the import would do, and write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const size = statSync(file).size;
      const bar = process.stderr.isTTY
        ? new SingleBar(
            {
              format: 'Importing [{bar}] {percentage}% | {rows} rows',
              stream: process.stderr,
              hideCursor: true,
            },
            Presets.shades_classic,
          )
        : undefined;
      bar?.start(size, 0, { rows: 0 });
      try {
        const report = await withOperations((ops) =>
          ops.importActions(createReadStream(file), {
            dryRun: Boolean(opts.dryRun),
            size,
            onProgress: (bytes, rows) => bar?.update(bytes, { rows }),
          }),
        );
        bar?.stop();
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        process.stderr.write(
          `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${report.rows} rows, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged\n`,
        );
      } catch (err) {
        bar?.stop();
        const problems = (err as { details?: { problems?: unknown[] } }).details?.problems;
        if (problems) process.stdout.write(`${JSON.stringify({ problems }, null, 2)}\n`);
        throw err;
      }
    });
}
