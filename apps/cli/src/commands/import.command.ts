import { createReadStream } from 'node:fs';
import { Option, type Command } from 'commander';
import type { ImportProblem, ImportReport, OfficerMatch } from '@app/domain';
import { SingleBar, Presets } from 'cli-progress';
import type { WithOperations } from './cli-context.js';
import { checkInputFile } from './cli-files.js';

// The bar's resolution: a thousandth of the whole import.
const PROGRESS_STEPS = 1000;
// One line, whose text around the bar is at most BAR_TEXT_WIDTH characters (the longest phase,
// 7-digit counts, "12h59m left"), so that on an 80-column terminal the time left is never cut: the
// bar itself takes what the terminal's width leaves, up to 40 characters.
const BAR_FORMAT = '[{bar}] {percentage}% {phase}, {rows} rows, {rate}/s, {left}';
export const BAR_TEXT_WIDTH = '[] 100% checking duplicates, 1000000 rows, 1000000/s, 12h59m left'
  .length;

/** The bar's width on a terminal this wide (80 when it does not say), leaving the last column free. */
export function barSize(columns: number | undefined): number {
  return Math.max(0, Math.min(40, (columns || 80) - 1 - BAR_TEXT_WIDTH));
}

/** `import <file> [--dry-run] [--officer-match exact|create|fail-on-ambiguous] [--json]`: the import of POST /imports/actions, with a progress bar and a summary on a terminal. */
export function registerImportCommand(program: Command, withOperations: WithOperations): void {
  program
    .command('import <file>')
    .description(
      'import actions from a CSV file with the columns of actions.csv (one transaction; prints a JSON report, or a summary on a terminal)',
    )
    .option('--dry-run', 'report what the import would do, and write nothing')
    .option(
      '--json',
      'print the JSON report (each row and its action) on a terminal too, instead of a summary',
    )
    .addOption(
      new Option(
        '--officer-match <mode>',
        'how officer names are matched: fail-on-ambiguous refuses a name several officers bear (naming them), exact takes a single match else creates, create always creates',
      )
        .choices(['fail-on-ambiguous', 'exact', 'create'] satisfies OfficerMatch[])
        .default('fail-on-ambiguous'),
    )
    .action(
      async (
        file: string,
        opts: { dryRun?: boolean; officerMatch?: OfficerMatch; json?: boolean },
      ) => {
        const size = await checkInputFile(file);
        // Every phase on one bar, each with its share of the work: reading and checking the file,
        // matching officers and sources, writing actions, writing citations, finishing, checking the
        // created actions for likely duplicates.
        const bar = process.stderr.isTTY
          ? new SingleBar(
              {
                format: BAR_FORMAT,
                barsize: barSize(process.stderr.columns),
                stream: process.stderr,
                hideCursor: true,
                etaBuffer: 20,
              },
              Presets.shades_classic,
            )
          : undefined;
        const started = Date.now();
        bar?.start(PROGRESS_STEPS, 0, { rows: 0, phase: 'reading', rate: 0, left: timeLeft(0, 0) });
        try {
          const report = await withOperations((ops) =>
            ops.importActions(createReadStream(file), {
              dryRun: Boolean(opts.dryRun),
              officerMatch: opts.officerMatch,
              size,
              onProgress: (p) => {
                const seconds = (Date.now() - started) / 1000;
                bar?.update(Math.round(p.fraction * PROGRESS_STEPS), {
                  rows: p.rows,
                  phase: p.phase,
                  rate: Math.round(p.rows / Math.max(0.001, seconds)),
                  left: timeLeft(p.fraction, seconds),
                });
              },
            }),
          );
          bar?.stop();
          // The report lists up to 1,000 officers, sources and actions: a terminal gets a summary
          // (unless --json); a redirect or a pipe gets the JSON, as a script expects.
          process.stdout.write(
            process.stdout.isTTY && !opts.json
              ? importSummary(report)
              : `${JSON.stringify(report, null, 2)}\n`,
          );
          process.stderr.write(
            `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${report.rows} rows, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged\n`,
          );
        } catch (err) {
          bar?.stop();
          const problems = (err as { details?: { problems?: ImportProblem[] } }).details?.problems;
          if (problems) {
            process.stdout.write(
              process.stdout.isTTY && !opts.json
                ? problemLines(problems)
                : `${JSON.stringify({ problems }, null, 2)}\n`,
            );
          }
          throw err;
        }
      },
    );
}

// Under a second in milliseconds: a small import's phases are not all "0.0 s".
const duration = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

/** The report in a few lines, for a person at a terminal. */
export function importSummary(report: ImportReport): string {
  const m = report.officerMatch;
  // A list cut at its limit holds only part of what its counts would count.
  const atLeast = report.sources.length >= report.listLimit ? 'at least ' : '';
  const created = report.sources.filter((x) => x.created).length;
  const total = report.phases.reduce((sum, p) => sum + p.ms, 0);
  return [
    `Officers (names matched ${m.mode}): ${m.matched} matched, ${m.created} created, ${m.ambiguous} ambiguous`,
    `Sources: ${atLeast}${report.sources.length}, ${atLeast}${created} created`,
    `Likely duplicates: ${likelyDuplicatesLine(report)}`,
    ...(report.ignoredColumns.length
      ? [`Columns not read (derived or managed here): ${report.ignoredColumns.join(', ')}`]
      : []),
    `Took ${duration(total)}: ${report.phases.map((p) => `${p.phase} ${duration(p.ms)}`).join(', ')}`,
    'The full report (each row and its action) is JSON: add --json, or redirect the output to a file.',
    '',
  ].join('\n');
}

function likelyDuplicatesLine(report: ImportReport): string {
  if (report.dryRun) return 'not checked on a dry run (nothing was created to compare)';
  if (report.likelyDuplicatesChecked === 0) {
    return report.created === 0
      ? 'none (no action was created)'
      : 'not checked in time: actionDuplicateCandidates lists them';
  }
  const checked = `among the first ${report.likelyDuplicatesChecked} created actions checked`;
  const found = report.likelyDuplicates;
  if (found.length === 0) return `none ${checked}`;
  const rows = [...new Set(found.map((d) => d.row))];
  const shown = rows.slice(0, 10).join(', ') + (rows.length > 10 ? ', ...' : '');
  return `${found.length} (rows ${shown}) ${checked}; actionDuplicateCandidates lists them all`;
}

/** A refused file's problems, one a line, for a person at a terminal. */
export function problemLines(problems: readonly ImportProblem[]): string {
  return problems
    .map((p) => {
      const place = [
        p.row !== undefined ? `row ${p.row}` : null,
        p.line !== undefined ? `line ${p.line}` : null,
        p.column !== undefined
          ? `column ${p.column}${p.columnName ? ` (${p.columnName})` : ''}`
          : null,
      ].filter(Boolean);
      return `${place.length ? `${place.join(', ')}: ` : ''}${p.message}\n`;
    })
    .join('');
}

/**
 * The time left at the pace so far, once there is a pace to go by (a second and half a percent of
 * the work): before that, "estimating", not an infinite or wild figure. Short, so the line fits
 * an 80-column terminal (BAR_TEXT_WIDTH).
 */
export function timeLeft(fraction: number, seconds: number): string {
  if (fraction >= 1) return 'done';
  if (fraction < 0.005 || seconds < 1) return 'estimating';
  const left = Math.ceil((seconds * (1 - fraction)) / fraction);
  if (left < 60) return `${left}s left`;
  const minutes = Math.floor(left / 60);
  if (minutes < 60) return `${minutes}m${String(left % 60).padStart(2, '0')}s left`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m left`;
}
