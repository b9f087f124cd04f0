import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ExportService, type ExportQuery, type Viewer } from '@app/domain';
import { CurrentViewer } from '../auth/viewer.decorator.js';
import { Downloads } from './download.js';
import { sendHttpError } from './http-errors.js';

const query = (req: Request) => req.query as ExportQuery;

/** Downloads (DOMAIN.md §4): public data for anonymous callers, internal records for editors. */
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportService,
    private readonly downloads: Downloads,
  ) {}

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

  @Get('figures.csv')
  figuresCsv(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    return this.downloads.send(req, res, async () => this.exports.figuresCsv(query(req), viewer));
  }

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
