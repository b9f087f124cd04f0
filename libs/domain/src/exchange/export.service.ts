import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import { Readable, Transform } from 'node:stream';
import { ReferenceService } from '../reference/reference.service.js';
import { checkActionFilter, type ActionFilter } from '../actions/action-filter.js';
import type { Viewer } from '../common/viewer.js';
import { chain, ExportRepository, type ActionCells } from './export.repository.js';
import {
  ACTION_COLUMNS,
  actionJson,
  WITHHELD_PUBLISHER,
  WITHHELD_TITLE,
  type ActionExportRow,
  type ColumnSpec,
} from './action-columns.js';
import { csvRecord, MULTI_VALUE_SEPARATOR, UTF8_BOM } from './csv.js';
import {
  parseExportQuery,
  parseGroupBy,
  parseRecordTime,
  toParamError,
  type ExportQuery,
} from './export-query.js';
import { parseCalendarDate } from '../common/partial-date.js';
import { FIGURE_COLUMNS, figureCells, tallyColumns, tallyRows } from './summary-columns.js';
import { TallyService } from '../tallies/tally.service.js';
import {
  XLSX_CONTENT_TYPE,
  XLSX_CURSOR_BATCH,
  xlsxStream,
  type XlsxAbout,
  type XlsxValue,
} from './xlsx.js';
import { FigureCheckService } from '../tallies/figure-check.service.js';
import { ReportedFigureService } from '../figures/reported-figure.service.js';
import { SourceService } from '../sources/source.service.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { visibilityOf } from '../access/visibility.js';
import type { TallyDimension } from '../tallies/tally.types.js';

export type ExportFormat = 'csv' | 'json' | 'xlsx';

/** A download ready to send: its body streams from the database. */
export interface ExportDownload {
  contentType: string;
  fileName: string;
  body: Readable;
}

export const DATA_LICENCE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0',
};
export const CITATION =
  'Police discipline tracker: disciplinary actions against police officers in Cambodia, compiled from public sources. Cite the sources of each record as listed in its citations.';

/** CSV and JSON downloads of the records, with the filters and visibility of the GraphQL API. */
@Injectable()
export class ExportService {
  constructor(
    private readonly reference: ReferenceService,
    private readonly exports: ExportRepository,
    private readonly tallies: TallyService,
    private readonly checks: FigureCheckService,
    private readonly figures: ReportedFigureService,
    private readonly sources: SourceService,
  ) {}

  /** `groupBy` of tally.csv (BAD_USER_INPUT naming groupBy). */
  groupByFrom(query: ExportQuery): TallyDimension[] {
    return parseGroupBy(query.groupBy);
  }

  /** Parses and checks download parameters; BAD_USER_INPUT names the parameter. */
  async filterFrom(query: ExportQuery, extra: readonly string[] = []): Promise<ActionFilter> {
    try {
      return await checkActionFilter(parseExportQuery(query, extra), this.reference);
    } catch (err) {
      throw toParamError(err);
    }
  }

  async actions(
    filter: ActionFilter,
    viewer: Viewer,
    format: ExportFormat,
  ): Promise<ExportDownload> {
    if (format === 'csv') {
      const records = await this.exports.streamActionsCsv(filter, viewer);
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: 'actions.csv',
        body: withHeader(records, ACTION_COLUMNS),
      };
    }
    if (format === 'xlsx') {
      // The cells of actions.csv from the same SELECT, typed by column (xlsx.ts).
      const rows = await this.exports.streamActionCells(filter, viewer, XLSX_CURSOR_BATCH);
      const table = {
        sheetName: 'actions',
        columns: ACTION_COLUMNS,
        rows,
        cells: (r: ActionCells) => ACTION_COLUMNS.map((c) => r[c.name]),
        neutralised: true,
      };
      return {
        contentType: XLSX_CONTENT_TYPE,
        fileName: 'actions.xlsx',
        body: xlsxStream(table, this.about('Disciplinary actions', filter, viewer)),
      };
    }
    const rows = await this.exports.streamActions(filter, viewer);
    return {
      contentType: 'application/json; charset=utf-8',
      fileName: 'actions.json',
      body: toJsonArray(rows, actionJson),
    };
  }

  /** tally.csv (or .xlsx): the tally of DOMAIN.md §2 for the filter, one record per group (or the total). */
  async tally(
    filter: ActionFilter,
    groupBy: TallyDimension[],
    viewer: Viewer,
    format: 'csv' | 'xlsx' = 'csv',
  ): Promise<ExportDownload> {
    const result = await this.tallies.tally(filter, groupBy, viewer);
    const columns = tallyColumns(groupBy);
    const rows = tallyRows(result, groupBy);
    if (format === 'xlsx') {
      const table = {
        sheetName: 'tally',
        columns,
        rows: Readable.from(rows),
        cells: (r: string[]) => r,
        neutralised: false,
      };
      return {
        contentType: XLSX_CONTENT_TYPE,
        fileName: 'tally.xlsx',
        body: xlsxStream(table, this.about('Tally', filter, viewer, groupBy)),
      };
    }
    const lines = [UTF8_BOM + csvRecord(columns.map((c) => c.name)), ...rows.map(csvRecord)];
    return {
      contentType: 'text/csv; charset=utf-8',
      fileName: 'tally.csv',
      body: Readable.from(lines),
    };
  }

  /** The "About" sheet of a spreadsheet: the filter, the time of the export, the licence and how to cite. */
  private about(
    title: string,
    filter: ActionFilter,
    viewer: Viewer,
    groupBy?: TallyDimension[],
  ): XlsxAbout {
    const exportedAt = new Date();
    const grouped: [string, XlsxValue][] = groupBy
      ? [['grouped by', groupBy.length ? groupBy.join(', ') : 'nothing (the total)']]
      : [];
    const lines = (rowCount: number): [string, XlsxValue][] => [
      ['exported at (UTC)', exportedAt],
      ['filter', describeFilter(filter)],
      ...grouped,
      ['rows', rowCount],
      [
        'records shown',
        visibilityOf(viewer).seesAll
          ? 'as an editor sees them: INTERNAL (unverified) records included, confidential sources shown'
          : `public records only; confidential sources are shown as ${WITHHELD_TITLE} / ${WITHHELD_PUBLISHER}`,
      ],
      ['licence', `${DATA_LICENCE.title} (${DATA_LICENCE.name}), ${DATA_LICENCE.path}`],
      ['how to cite', CITATION],
      [
        'counts',
        'Counts are ranges (count_min..count_max) because dates are often imprecise; an action with several reasons is in each reason group, so reason groups may add up to more than the total.',
      ],
      [
        'several values',
        `Cells with several values (reasons, the citations) separate them with "${MULTI_VALUE_SEPARATOR}" (a "${MULTI_VALUE_SEPARATOR}" or "\\" inside a value is written "\\${MULTI_VALUE_SEPARATOR}" / "\\\\"), citations in the same order in each column.`,
      ],
      [
        'dates',
        'Dates and times are date cells; times are UTC. An imprecise date ("occurred", EDTF) spans occurred_from..occurred_to.',
      ],
    ];
    return { title: `Police discipline tracker: ${title}`, lines };
  }

  /** figures.csv: every reported figure with its check, a page of 100 figures checked together (one scan of the records each). */
  figuresCsv(query: ExportQuery, viewer: Viewer): ExportDownload {
    const extra = Object.keys(query).find((k) => k !== 'asRecordedAt' && k !== 'publishedBy');
    if (extra !== undefined) {
      throw DomainError.badInput(
        extra,
        'figures.csv takes only asRecordedAt and publishedBy: each figure is checked over its own scope',
      );
    }
    const one = (raw: string | string[] | undefined) =>
      raw === undefined ? undefined : Array.isArray(raw) ? raw.join(',') : raw;
    const rawAt = one(query.asRecordedAt);
    const asRecordedAt = rawAt === undefined ? null : parseRecordTime(rawAt);
    const publishedBy = one(query.publishedBy) ?? null;
    if (publishedBy !== null) parseCalendarDate(publishedBy, 'publishedBy');
    const { figures, checks, sources } = this;
    async function* lines(): AsyncGenerator<string> {
      yield UTF8_BOM + csvRecord(FIGURE_COLUMNS.map((c) => c.name));
      const sourceById = new Map<string, SourceEntity>();
      let after: string | null = null;
      for (;;) {
        const page = await figures.list({ first: 100, after }, { orderBy: 'STATED_ON' });
        const results = await checks.checkMany(
          page.items.map((f) => f.id),
          viewer,
          { asRecordedAt, publishedBy },
        );
        const missing = [...new Set(page.items.map((f) => f.sourceId))].filter(
          (id) => !sourceById.has(id),
        );
        for (const source of await sources.getByIds(missing)) sourceById.set(source.id, source);
        for (const check of results) {
          // A figure recorded after asRecordedAt did not exist then: it is not in the file.
          if (!check) continue;
          const source = sourceById.get(check.figure.sourceId) ?? null;
          yield csvRecord(
            figureCells(
              check,
              source,
              source !== null && visibilityOf(viewer).withholdsSource(source),
            ),
          );
        }
        if (!page.hasNextPage) return;
        after = page.cursors[page.cursors.length - 1];
      }
    }
    return {
      contentType: 'text/csv; charset=utf-8',
      fileName: 'figures.csv',
      body: Readable.from(lines()),
    };
  }

  /** A Frictionless Data Package describing the CSV downloads for this filter. */
  dataPackage(
    filter: ActionFilter,
    groupBy: TallyDimension[],
    query: string,
  ): Record<string, unknown> {
    const withoutGroupBy = new URLSearchParams(query);
    withoutGroupBy.delete('groupBy');
    const suffixOf = (r: DataPackageResource) => {
      const q = r.noQuery ? '' : r.name === 'tally' ? query : withoutGroupBy.toString();
      return q ? `?${q}` : '';
    };
    const resources: DataPackageResource[] = [
      { name: 'tally', path: 'tally.csv', columns: tallyColumns(groupBy) },
      { name: 'figures', path: 'figures.csv', columns: FIGURE_COLUMNS, noQuery: true },
    ];
    return {
      profile: 'tabular-data-package',
      name: 'police-discipline-tracker',
      title: 'Police disciplinary actions and the figures published about them',
      created: new Date().toISOString(),
      licenses: [DATA_LICENCE],
      citation: CITATION,
      filter,
      groupBy,
      description:
        'Disciplinary actions against police officers, a tally of them and the figures published about them, each checked against the records. ' +
        'Counts are ranges (count_min..count_max) because dates are often imprecise; an action with several reasons is in each reason group, so reason groups may add up to more than the total.',
      multiValueSeparator: MULTI_VALUE_SEPARATOR,
      resources: [
        { name: 'actions', path: 'actions.csv', columns: ACTION_COLUMNS },
        ...resources,
      ].map((r) => ({
        name: r.name,
        path: `${r.path}${suffixOf(r)}`,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: {
          delimiter: ',',
          lineTerminator: '\r\n',
          quoteChar: '"',
          doubleQuote: true,
          header: true,
        },
        schema: {
          fields: r.columns.map((c) => ({
            name: c.name,
            type: c.type,
            description: c.multiValue
              ? `${c.description} (several values separated by "${MULTI_VALUE_SEPARATOR}")`
              : c.description,
          })),
        },
      })),
    };
  }
}

export interface DataPackageResource {
  name: string;
  path: string;
  columns: readonly ColumnSpec[];
  /** The resource ignores the filter (figures are checked over their own scopes). */
  noQuery?: boolean;
}

/** The filter in words for the About sheet: `provinceCodes: KH-12, KH-14; from: 2024-01-01`, or none. */
export function describeFilter(filter: ActionFilter): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter) as [string, unknown][]) {
    if (value === null || value === undefined) continue;
    const text =
      value instanceof Date
        ? value.toISOString()
        : Array.isArray(value)
          ? value.join(', ')
          : String(value);
    parts.push(`${key}: ${text}`);
  }
  return parts.length ? parts.join('; ') : 'none: every record the caller may see';
}

/** CSV records -> the file: the BOM and the header first (also when there are no records). */
export function withHeader(records: Readable, columns: readonly ColumnSpec[]): Readable {
  let started = false;
  const header = Buffer.from(UTF8_BOM + csvRecord(columns.map((c) => c.name)));
  const prepend = new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      done(null, started ? chunk : ((started = true), Buffer.concat([header, Buffer.from(chunk)])));
    },
    flush(done) {
      done(null, started ? undefined : header);
    },
  });
  return chain(records, prepend);
}

/** Rows -> a JSON array, streamed. */
export function toJsonArray<T>(rows: Readable, map: (row: T) => unknown): Readable {
  let first = true;
  const transform = new Transform({
    writableObjectMode: true,
    transform(row: T, _enc, done) {
      const text = JSON.stringify(map(row));
      done(null, first ? ((first = false), `[\n${text}`) : `,\n${text}`);
    },
    flush(done) {
      done(null, first ? '[]\n' : '\n]\n');
    },
  });
  return chain(rows, transform);
}

export type { ActionExportRow };
