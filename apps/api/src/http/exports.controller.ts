import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ACTION_COLUMNS,
  ExportService,
  FIGURE_COLUMNS,
  XLSX_CONTENT_TYPE,
  type ExportQuery,
  type Viewer,
} from '@app/domain';
import { ApiDownload, ApiFilterQuery } from './openapi.decorators.js';
import { CurrentViewer } from '../auth/viewer.decorator.js';
import { Downloads } from './download.js';
import { sendHttpError } from './http-errors.js';

const query = (req: Request) => req.query as ExportQuery;

const ACTIONS = `One row per action, in entry order; columns ${ACTION_COLUMNS.map((c) => c.name).join(', ')} (types and meanings: /exports/datapackage.json).`;
const SPREADSHEET =
  'The cells of the CSV, typed: numbers as numbers, dates and times as date cells (UTC), text as text (never a formula); a frozen header row; an "About" sheet with the filter, the time of the export, the licence and how to cite.';

/** Downloads (DOMAIN.md §4): public data for anonymous callers, internal records for editors. */
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportService,
    private readonly downloads: Downloads,
  ) {}

  @ApiFilterQuery()
  @ApiDownload({
    summary: 'The actions as CSV',
    description: `${ACTIONS} RFC 4180, UTF-8 with a BOM, CRLF; several values in a cell separated by "|"; formulas neutralised with a leading apostrophe.`,
    mediaType: 'text/csv',
  })
  @Get('actions.csv')
  actionsCsv(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    return this.downloads.send(req, res, async () =>
      this.exports.actions(await this.exports.filterFrom(query(req)), viewer, 'csv'),
    );
  }

  @ApiFilterQuery()
  @ApiDownload({
    summary: 'The actions as JSON',
    description:
      'An array of actions, in entry order: the fields of actions.csv, camelCase as in the GraphQL API, citations nested.',
    mediaType: 'application/json',
    schema: { type: 'array', items: { type: 'object' } },
  })
  @Get('actions.json')
  actionsJson(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    return this.downloads.send(req, res, async () =>
      this.exports.actions(await this.exports.filterFrom(query(req)), viewer, 'json'),
    );
  }

  @ApiFilterQuery()
  @ApiDownload({
    summary: 'The actions as a spreadsheet (XLSX)',
    description: `${ACTIONS} ${SPREADSHEET}`,
    mediaType: XLSX_CONTENT_TYPE,
    binary: true,
  })
  @Get('actions.xlsx')
  actionsXlsx(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    return this.downloads.send(req, res, async () =>
      this.exports.actions(await this.exports.filterFrom(query(req)), viewer, 'xlsx'),
    );
  }

  @ApiFilterQuery({ groupBy: true })
  @ApiDownload({
    summary: 'A tally as CSV',
    description:
      'One column per grouped dimension, then count, count_min, count_max (people; a range because dates are often imprecise); without groupBy, the total.',
    mediaType: 'text/csv',
  })
  @Get('tally.csv')
  tallyCsv(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    return this.downloads.send(req, res, async () =>
      this.exports.tally(
        await this.exports.filterFrom(query(req), ['groupBy']),
        this.exports.groupByFrom(query(req)),
        viewer,
      ),
    );
  }

  @ApiFilterQuery({ groupBy: true })
  @ApiDownload({
    summary: 'A tally as a spreadsheet (XLSX)',
    description: `The rows of tally.csv. ${SPREADSHEET}`,
    mediaType: XLSX_CONTENT_TYPE,
    binary: true,
  })
  @Get('tally.xlsx')
  tallyXlsx(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    return this.downloads.send(req, res, async () =>
      this.exports.tally(
        await this.exports.filterFrom(query(req), ['groupBy']),
        this.exports.groupByFrom(query(req)),
        viewer,
        'xlsx',
      ),
    );
  }

  @ApiFilterQuery({ only: ['asRecordedAt', 'publishedBy'] })
  @ApiDownload({
    summary: 'The reported figures with their checks, as CSV',
    description: `Each figure with its check against the records (each over its own scope); columns ${FIGURE_COLUMNS.map((c) => c.name).join(', ')}.`,
    mediaType: 'text/csv',
  })
  @Get('figures.csv')
  figuresCsv(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    return this.downloads.send(req, res, async () => this.exports.figuresCsv(query(req), viewer));
  }

  @ApiFilterQuery({ groupBy: true })
  @ApiDownload({
    summary: 'A Frictionless Data Package describing the CSV downloads',
    description:
      'The columns and types of actions.csv, tally.csv and figures.csv for this filter, the time, the licence and how to cite.',
    mediaType: 'application/json',
    schema: { type: 'object' },
  })
  @Get('datapackage.json')
  async dataPackage(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const filter = await this.exports.filterFrom(query(req), ['groupBy']);
      const groupBy = this.exports.groupByFrom(query(req));
      const search = req.originalUrl.includes('?')
        ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
        : '';
      res.setHeader('Content-Disposition', 'attachment; filename="datapackage.json"');
      res.json(this.exports.dataPackage(filter, groupBy, search));
    } catch (err) {
      sendHttpError(res, err, req);
    }
  }
}
