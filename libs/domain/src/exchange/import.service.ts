import { Injectable, Logger } from '@nestjs/common';
import { Transform, type Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { DomainError, ErrorCode } from '@app/core';
import { ReferenceService } from '../reference/reference.service.js';
import { actorName, canWrite, type Viewer } from '../common/viewer.js';
import { DuplicateCandidateService } from '../actions/duplicate-candidate.service.js';
import {
  compileHeader,
  IGNORED_ON_IMPORT,
  type ImportProblem,
  type RowValidator,
} from './import-rows.js';
import {
  IMPORT_PHASES,
  ImportRepository,
  OFFICER_MATCH_MODES,
  type OfficerMatch,
  REPORT_LIST_LIMIT,
  type ImportOutcome,
  type ImportPhase,
  type ImportSession,
} from './import.repository.js';

// 64 MiB: 100k rows of the export's columns are about 40 MB; bounds a request's time and memory.
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
// 1,000,000 rows: the staging table and the set-based statements stay well inside the timeout.
export const MAX_IMPORT_ROWS = 1_000_000;
// Problems listed in a refusal; the count is always complete.
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * Where an import stands: its phase, the share of the whole work done (0 to 1: reading and checking
 * the file, matching officers and sources, writing actions, writing citations, finishing, checking
 * the created actions for likely duplicates, each with its share of the time they took in measured
 * imports), and the bytes and rows read.
 */
export interface ImportProgress {
  phase: ImportPhase;
  fraction: number;
  bytes: number;
  rows: number;
}

// The share of an import's time each phase takes, measured on 100k-row imports (npm run bench, 4
// December: 3.0, 2.1, 4.2, 2.7, 0.8 and 1.7 s): the file is read and checked while it is staged,
// then set-based statements write it; the check for likely duplicates is capped at a few seconds.
const PHASE_SHARES: Record<ImportPhase, number> = {
  reading: 0.21,
  matching: 0.14,
  'writing actions': 0.29,
  'writing citations': 0.19,
  finishing: 0.05,
  'checking duplicates': 0.12,
};

export interface ImportOptions {
  dryRun: boolean;
  /** How officer names are matched (default `fail-on-ambiguous`): README "Imports". */
  officerMatch?: OfficerMatch;
  viewer: Viewer;
  maxBytes?: number;
  /** The file's size when known (a progress bar's reading phase is a share of it). */
  size?: number;
  /** Called as the import moves on, e.g. for a progress bar. */
  onProgress?: (progress: ImportProgress) => void;
}

/** What an import did, or with `dryRun` would do. */
export interface ImportReport extends ImportOutcome {
  dryRun: boolean;
  rows: number;
  /** How long each phase took, in milliseconds. */
  phases: { phase: ImportPhase; ms: number }[];
  /** Columns of the file that the import does not read (derived or managed by the tracker). */
  ignoredColumns: string[];
  /** The officers, sources and actions lists stop at this many entries. */
  listLimit: number;
  /**
   * Actions this import created that probably record an action already there (README "Duplicate
   * candidates"), best first for each row; checked for the first LIKELY_DUPLICATE_ROWS created
   * actions; empty on a dry run (nothing was created to compare). Nothing is refused for it.
   */
  likelyDuplicates: { row: number; actionId: string; duplicateOfId: string; score: number }[];
  /** How many created actions were checked for likely duplicates (within a few seconds). */
  likelyDuplicatesChecked: number;
}

// Created actions checked for likely duplicates after an import: each check is a few indexed
// queries, so a large import is still answered in seconds; the candidates list finds the rest.
export const LIKELY_DUPLICATE_ROWS = 200;
const LIKELY_DUPLICATE_BATCH = 20;
const logger = new Logger('Import');
// After this, the report says how many were checked and the candidates list finds the rest.
const LIKELY_DUPLICATE_BUDGET_MS = 3000;

/**
 * Imports actions from a CSV file with the columns of actions.csv. The file streams through a
 * strict UTF-8 decoder and the CSV parser; each row is checked by a validator compiled from the
 * header; valid rows are staged in bulk. The whole import is one transaction, refused as a whole
 * (BAD_USER_INPUT listing each problem's row, line and column) when any row is invalid. A dry run
 * runs the same transaction and rolls it back, so it reports exactly what a real run would do.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly reference: ReferenceService,
    private readonly imports: ImportRepository,
    private readonly duplicates: DuplicateCandidateService,
  ) {}

  async importActions(input: Readable, options: ImportOptions): Promise<ImportReport> {
    if (!canWrite(options.viewer))
      throw new DomainError(ErrorCode.FORBIDDEN, 'Imports need an editor or admin key');
    const officerMatch = options.officerMatch ?? 'fail-on-ambiguous';
    if (!OFFICER_MATCH_MODES.includes(officerMatch)) {
      throw DomainError.badInput(
        'officerMatch',
        `officerMatch is one of ${OFFICER_MATCH_MODES.join(', ')}`,
      );
    }
    // Loaded before the connection is taken: the embedded database has only one.
    const codes = this.reference.codes();
    const session = await this.imports.open();
    let done = false;
    try {
      await session.begin(actorName(options.viewer));
      const problems: ImportProblem[] = [];
      let problemCount = 0;
      const note = (p: ImportProblem) => {
        problemCount++;
        if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(p);
      };
      let validate: RowValidator | undefined;
      let header: string[] | undefined;
      let rows = 0;
      // Kept by the parser itself (on_record runs as records are parsed, ahead of this loop).
      const at = { lines: 0, empty: 0, records: 0 };
      const rowProblems: ImportProblem[] = [];
      const externalIds = new Map<string, number>();
      const givenIds = new Map<string, number>();
      const timings = new PhaseTimer();
      const progress = (phase: ImportPhase, within = 0) => {
        const before = IMPORT_PHASES.slice(0, IMPORT_PHASES.indexOf(phase)).reduce(
          (sum, p) => sum + PHASE_SHARES[p],
          0,
        );
        options.onProgress?.({
          phase,
          // Rounded: the shares add up to 1 in decimal, not always in floating point.
          fraction: Math.min(1, Math.round((before + PHASE_SHARES[phase] * within) * 1e4) / 1e4),
          bytes: decoder.bytes,
          rows,
        });
      };
      const decoder = utf8Guard(options.maxBytes ?? MAX_IMPORT_BYTES, (bytes) =>
        progress('reading', options.size ? Math.min(1, bytes / options.size) : 0),
      );
      const parser = input.pipe(decoder).pipe(
        parse({
          bom: true,
          skip_empty_lines: true,
          relax_column_count: false,
          max_record_size: 1_000_000,
          // The record becomes { record, line }: csv-parse's types do not allow another shape.
          on_record: ((
            record: string[],
            context: { lines: number; empty_lines: number; records: number },
          ) => {
            const line = at.lines + 1 + (context.empty_lines - at.empty);
            at.lines = context.lines;
            at.empty = context.empty_lines;
            at.records = context.records;
            return { record, line };
          }) as never,
        }),
      );
      input.once('error', (err) => decoder.destroy(err));
      decoder.once('error', (err) => parser.destroy(err));
      try {
        for await (const { record, line } of parser as AsyncIterable<{
          record: string[];
          line: number;
        }>) {
          if (!header) {
            header = record;
            const compiled = compileHeader(record, codes);
            compiled.problems.forEach(note);
            validate = compiled.validate;
            if (!validate) break;
            continue;
          }
          rows++;
          if (rows > MAX_IMPORT_ROWS) {
            note({
              row: rows,
              line,
              message: `The file has more than ${MAX_IMPORT_ROWS} rows: split it`,
            });
            break;
          }
          rowProblems.length = 0;
          const staged = validate!(record, rows, line, rowProblems);
          if (staged) {
            checkUnique(
              staged.externalId,
              externalIds,
              'external_id',
              header,
              rows,
              line,
              rowProblems,
            );
            checkUnique(staged.givenId, givenIds, 'id', header, rows, line, rowProblems);
          }
          rowProblems.forEach(note);
          // Once the file is known to be refused, the rest is only checked, not staged.
          if (staged && problemCount === 0) await session.stage(staged);
        }
      } catch (err) {
        if (err instanceof DomainError) throw err;
        if (!(err instanceof CsvError)) throw err;
        note(csvProblem(err, at.records, at.lines));
      }
      if (!header)
        note({ line: 1, message: 'The file is empty: it needs a header row and at least one row' });
      else if (rows === 0 && problemCount === 0)
        note({ line: 2, message: 'The file has a header but no rows' });
      if (problemCount > 0) {
        throw DomainError.badInput(
          'file',
          `The file was refused (${problemCount} problem${problemCount > 1 ? 's' : ''}); nothing was imported`,
          {
            problems,
            problemCount,
          },
        );
      }
      await session.endStaging();
      const outcome = await session.apply((phase) => {
        timings.next(phase);
        progress(phase);
      }, officerMatch);
      await session.finish(!options.dryRun);
      done = true;
      timings.next('checking duplicates');
      progress('checking duplicates');
      const likely = options.dryRun
        ? { found: [], checked: 0 }
        : await this.likelyDuplicatesOf(outcome.actions, options.viewer);
      timings.end();
      progress('checking duplicates', 1);
      return {
        dryRun: options.dryRun,
        rows,
        ...outcome,
        // A dry run created nothing: the ids it drew are not records.
        officers: outcome.officers.map((o) => ({
          ...o,
          id: options.dryRun && o.created ? null! : o.id,
        })),
        officerMatch: {
          ...outcome.officerMatch,
          ambiguousOfficers: outcome.officerMatch.ambiguousOfficers.map((o) => ({
            ...o,
            id: options.dryRun ? null! : o.id,
          })),
        },
        sources: outcome.sources.map((s) => ({
          ...s,
          id: options.dryRun && s.created ? null! : s.id,
        })),
        actions: outcome.actions.map((a) => ({
          ...a,
          id: options.dryRun && a.status === 'created' ? null! : a.id,
        })),
        ignoredColumns: header!.map((h) => h.trim()).filter((h) => IGNORED_ON_IMPORT.includes(h)),
        phases: timings.phases,
        listLimit: REPORT_LIST_LIMIT,
        likelyDuplicates: likely.found,
        likelyDuplicatesChecked: likely.checked,
      };
    } catch (err) {
      throw connectionLost(err) ?? err;
    } finally {
      if (!done) await abortQuietly(session);
    }
  }

  /** Likely duplicates of the actions an import created (the first LIKELY_DUPLICATE_ROWS of them). */
  private async likelyDuplicatesOf(
    actions: ImportOutcome['actions'],
    viewer: Viewer,
  ): Promise<{ found: ImportReport['likelyDuplicates']; checked: number }> {
    const created = actions.filter((a) => a.status === 'created').slice(0, LIKELY_DUPLICATE_ROWS);
    const found: ImportReport['likelyDuplicates'] = [];
    const started = Date.now();
    let checked = 0;
    // The import has committed: this is advice. Batches of LIKELY_DUPLICATE_BATCH, within a time
    // budget; a batch that fails (a statement timeout on names shared by thousands) ends it.
    while (checked < created.length && Date.now() - started < LIKELY_DUPLICATE_BUDGET_MS) {
      const batch = created.slice(checked, checked + LIKELY_DUPLICATE_BATCH);
      let byAction: Map<string, { id: string; score: number }[]>;
      try {
        byAction = await this.duplicates.likelyDuplicatesOfMany(
          batch.map((a) => a.id),
          viewer,
        );
      } catch (err) {
        logger.warn(
          `Likely duplicates of the imported actions: stopped after ${checked} (${String(err)})`,
        );
        break;
      }
      for (const a of batch)
        for (const d of byAction.get(a.id) ?? [])
          found.push({ row: a.row, actionId: a.id, duplicateOfId: d.id, score: d.score });
      checked += batch.length;
    }
    return { found, checked };
  }
}

/**
 * The database connection ended mid-import (terminated backend, server restart, network): the
 * transaction never committed, so the client is told plainly that nothing was kept.
 */
function connectionLost(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return undefined;
  const e = err as { code?: string; message?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  const lost =
    ['57P01', '57P02', '57P03', 'EPIPE', 'ECONNRESET'].includes(code) ||
    code.startsWith('08') ||
    /Connection terminated|connection error and is not queryable|not queryable/i.test(
      e?.message ?? '',
    );
  if (!lost) return undefined;
  return new DomainError(
    ErrorCode.UNAVAILABLE,
    'The database connection was lost during the import; nothing was imported. Send the file again.',
    {
      field: 'file',
    },
  );
}

async function abortQuietly(session: ImportSession): Promise<void> {
  try {
    await session.abort();
  } catch {
    // the connection is gone already; nothing was committed
  }
}

function checkUnique(
  value: string | null,
  seen: Map<string, number>,
  column: string,
  header: string[],
  row: number,
  line: number,
  problems: ImportProblem[],
): void {
  if (value === null) return;
  const first = seen.get(value);
  if (first !== undefined) {
    const at = header.findIndex((h) => h.trim() === column);
    problems.push({
      row,
      line,
      column: at + 1,
      columnName: column,
      message: `${column} "${value.slice(0, 80)}" is also on row ${first}`,
    });
  } else {
    seen.set(value, row);
  }
}

/** `records`: records parsed before the error, the header included; `lastLine`: where the last one ended. */
function csvProblem(err: CsvError, records: number, lastLine: number): ImportProblem {
  const e = err as CsvError & { lines?: number; index?: number };
  const rows = Math.max(records - 1, 0);
  const line = lastLine + 1;
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return {
        row: rows + 1,
        line,
        message: `${err.message.replace(/ on line \d+$/, '')}: this row has a different number of fields than the header (a stray comma, or an unquoted comma in a value?)`,
      };
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        row: rows + 1,
        line,
        message: 'A quoted field is never closed: a " is missing (unbalanced quotes)',
      };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return {
        row: rows + 1,
        line,
        column: (e.index ?? 0) + 1,
        message: 'A quote inside a quoted field must be doubled (""): unbalanced quotes',
      };
    case 'CSV_MAX_RECORD_SIZE':
      return {
        row: rows + 1,
        line,
        message: 'A row is larger than 1 MB: a quote is probably missing',
      };
    default:
      return { row: rows + 1, line, message: `The file is not valid CSV: ${err.message}` };
  }
}

/**
 * Bytes -> text, refusing what is not UTF-8 (naming the byte offset) and files over the limit,
 * without holding more than a chunk.
 */
function utf8Guard(
  maxBytes: number,
  progress: (bytes: number) => void,
): Transform & { bytes: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const guard = new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      const start = guard.bytes;
      guard.bytes += chunk.length;
      if (guard.bytes > maxBytes) {
        done(
          new DomainError(
            ErrorCode.PAYLOAD_TOO_LARGE,
            `The file is larger than the limit of ${maxBytes} bytes; split it`,
            { field: 'file', maxBytes },
          ),
        );
        return;
      }
      progress(guard.bytes);
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(notUtf8(start, chunk));
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(notUtf8(guard.bytes, Buffer.alloc(0)));
      }
    },
  }) as Transform & { bytes: number };
  guard.bytes = 0;
  return guard;
}

function notUtf8(offset: number, chunk: Buffer): DomainError {
  // The first bad byte of the chunk, one byte at a time (a character split across chunks may shift it).
  const probe = new TextDecoder('utf-8', { fatal: true });
  let at = chunk.length;
  for (let i = 0; i < chunk.length; i++) {
    try {
      probe.decode(chunk.subarray(i, i + 1), { stream: true });
    } catch {
      at = i;
      break;
    }
  }
  return DomainError.badInput(
    'file',
    `The file is not UTF-8 (first bad byte near offset ${offset + at}): save it as "CSV UTF-8"`,
    {
      problems: [{ message: `Not UTF-8 near byte ${offset + at}` }],
      problemCount: 1,
    },
  );
}

/** How long each phase took: a phase ends when the next one starts. */
class PhaseTimer {
  readonly phases: { phase: ImportPhase; ms: number }[] = [];
  private current: ImportPhase = 'reading';
  private since = Date.now();

  next(phase: ImportPhase): void {
    const now = Date.now();
    this.phases.push({ phase: this.current, ms: now - this.since });
    this.current = phase;
    this.since = now;
  }

  end(): void {
    this.phases.push({ phase: this.current, ms: Date.now() - this.since });
  }
}
