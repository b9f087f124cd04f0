import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { FILTER_PARAM_DOCS, GROUP_BY_PARAM_DOC, type ExportQuery } from '@app/domain';
import { DomainError } from '@app/core';
import {
  checkExportRequest,
  type ExportRequest,
} from '../../../api/src/control/control.protocol.js';
import type { WithOperations } from './cli-context.js';
import { openOutputFile } from './cli-files.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface ExportOptions {
  format: 'csv' | 'json' | 'xlsx';
  out?: string;
  internal?: boolean;
  groupBy?: string[];
  /** The filters, by the download's parameter name (FILTER_PARAM_DOCS). */
  [param: string]: string | string[] | boolean | undefined;
}

type FilterParam = keyof typeof FILTER_PARAM_DOCS;
const FILTER_PARAMS = Object.keys(FILTER_PARAM_DOCS) as FilterParam[];

/** `asRecordedAt` -> `--as-recorded-at` (commander maps it back to `asRecordedAt`). */
const flagOf = (param: string) => `--${param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

// A value's placeholder and how it is written, by its format.
const FORMATS: Record<string, { placeholder: string; hint: string }> = {
  date: { placeholder: 'date', hint: 'YYYY-MM-DD' },
  'date-time': { placeholder: 'instant', hint: 'ISO 8601, e.g. 2024-01-23T23:59:59Z' },
  uuid: { placeholder: 'id', hint: '' },
};

/**
 * One option per parameter of the downloads, from the same descriptions as openapi.json: the
 * command line filters exactly as `/exports` does, and a parameter added there appears here.
 */
function filterOption(param: FilterParam): Option {
  const doc = FILTER_PARAM_DOCS[param];
  const notes = [
    doc.format ? FORMATS[doc.format].hint : undefined,
    doc.enum ? doc.enum.join(', ') : undefined,
    doc.list ? 'repeatable' : undefined,
  ].filter(Boolean);
  const description = `${doc.description}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  if (doc.type === 'boolean') return new Option(flagOf(param), description);
  const placeholder = doc.format ? FORMATS[doc.format].placeholder : doc.enum ? 'value' : 'code';
  const option = new Option(`${flagOf(param)} <${placeholder}>`, description);
  return doc.list ? option.argParser(collect) : option;
}

/** `export actions|tally|figures [--format csv|json|xlsx] [filters] [--out file]`: the downloads of /exports. */
export function registerExportCommand(program: Command, withOperations: WithOperations): void {
  const command = program
    .command('export <what>')
    .description(
      'export actions, tally or figures as CSV (actions also as JSON, actions and tally as XLSX) to stdout or --out; public data unless --internal',
    )
    .addOption(
      new Option('--format <format>', 'csv, json (actions) or xlsx (actions, tally)')
        .choices(['csv', 'json', 'xlsx'])
        .default('csv'),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option(
      '--internal',
      'include INTERNAL records and confidential sources (as an editor sees them)',
    )
    .option(
      '--group-by <dimension>',
      `tally dimension (repeatable): ${GROUP_BY_PARAM_DOC.enum!.join(', ')}`,
      collect,
    );
  for (const param of FILTER_PARAMS) command.addOption(filterOption(param));
  command.action(async (what: string, opts: ExportOptions) => {
    const query: ExportQuery = {};
    for (const param of FILTER_PARAMS) {
      const value = opts[param];
      if (value === undefined || value === false) continue;
      query[param] = value === true ? 'true' : value;
    }
    const request = {
      what,
      format: opts.format,
      internal: Boolean(opts.internal),
      query,
      groupBy: opts.groupBy,
    } as ExportRequest;
    // Checked before the database is opened or the API asked.
    checkExportRequest(request);
    // A zip archive written to a terminal is noise that can upset it: ask for a file (a pipe is fine).
    if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) {
      throw DomainError.badInput(
        'out',
        'An XLSX file is binary: give --out <file>, or redirect stdout to a file',
      );
    }
    if (!opts.out) {
      await withOperations(async (ops) => {
        await pipeline(await ops.exportData(request), process.stdout, { end: false });
      });
      return;
    }
    // Written whole or not at all: a refusal or a failure midway leaves no file behind.
    // INTERNAL records and confidential sources: readable by the file's owner only.
    const output = await openOutputFile(opts.out, { mode: opts.internal ? 0o600 : 0o644 });
    try {
      await withOperations(async (ops) => {
        await pipeline(await ops.exportData(request), output.stream);
      });
    } catch (err) {
      await output.discard();
      throw output.describe(err);
    }
    await output.commit();
  });
}
