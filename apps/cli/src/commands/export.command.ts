import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import type { ExportQuery } from '@app/domain';
import { DomainError } from '@app/core';
import {
  checkExportRequest,
  type ExportRequest,
} from '../../../api/src/control/control.protocol.js';
import type { WithOperations } from './cli-context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface ExportOptions {
  format: 'csv' | 'json' | 'xlsx';
  out?: string;
  internal?: boolean;
  groupBy?: string[];
  actionType?: string[];
  reason?: string[];
  province?: string[];
  rank?: string[];
  rankTier?: string[];
  agency?: string[];
  officerId?: string;
  sourceId?: string;
  from?: string;
  to?: string;
  includeRetracted?: boolean;
}

/** `export actions|tally|figures [--format csv|json|xlsx] [filters] [--out file]`: the downloads of /exports. */
export function registerExportCommand(program: Command, withOperations: WithOperations): void {
  program
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
      'tally dimension (repeatable): ACTION_TYPE, REASON, PROVINCE, RANK, RANK_TIER, MONTH, YEAR, AGENCY',
      collect,
    )
    .option('--action-type <type>', 'filter (repeatable)', collect)
    .option('--reason <code>', 'filter (repeatable)', collect)
    .option('--province <code>', 'filter (repeatable)', collect)
    .option('--rank <code>', 'filter (repeatable)', collect)
    .option('--rank-tier <tier>', 'filter (repeatable)', collect)
    .option('--agency <code>', 'filter (repeatable; sub-agencies included)', collect)
    .option('--officer-id <id>', 'filter')
    .option('--source-id <id>', 'filter')
    .option('--from <date>', 'filter: first day (YYYY-MM-DD)')
    .option('--to <date>', 'filter: last day (YYYY-MM-DD)')
    .option('--include-retracted', 'include retracted actions')
    .action(async (what: string, opts: ExportOptions) => {
      const query: ExportQuery = {
        actionType: opts.actionType,
        reason: opts.reason,
        province: opts.province,
        rank: opts.rank,
        rankTier: opts.rankTier,
        agency: opts.agency,
        officerId: opts.officerId,
        sourceId: opts.sourceId,
        from: opts.from,
        to: opts.to,
        includeRetracted: opts.includeRetracted ? 'true' : undefined,
      };
      for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
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
      await withOperations(async (ops) => {
        const body = await ops.exportData(request);
        await pipeline(body, opts.out ? createWriteStream(opts.out) : process.stdout, {
          end: Boolean(opts.out),
        });
      });
    });
}
