import { Module } from '@nestjs/common';
import { ApiKeyService } from './access/api-key.service.js';
import { ActionRepository } from './actions/action.repository.js';
import { ActionService } from './actions/action.service.js';
import { ReportedFigureRepository } from './figures/reported-figure.repository.js';
import { ReportedFigureService } from './figures/reported-figure.service.js';
import { CheckPublicationService } from './figures/check-publication.service.js';
import { HistoryRepository } from './history/history.repository.js';
import { HistoryService } from './history/history.service.js';
import { OfficerRepository } from './officers/officer.repository.js';
import { OfficerService } from './officers/officer.service.js';
import { ReferenceService } from './reference/reference.service.js';
import { SeedService } from './seed/seed.service.js';
import { SourceRepository } from './sources/source.repository.js';
import { SourceService } from './sources/source.service.js';
import { ExportRepository } from './exchange/export.repository.js';
import { ExportService } from './exchange/export.service.js';
import { ImportRepository } from './exchange/import.repository.js';
import { ImportService } from './exchange/import.service.js';
import { FigureCheckService } from './tallies/figure-check.service.js';
import { TallyRepository } from './tallies/tally.repository.js';
import { TallyService } from './tallies/tally.service.js';

const SERVICES = [ReferenceService, OfficerService, SourceService, ActionService, ReportedFigureService, ApiKeyService, SeedService, HistoryService, TallyService, FigureCheckService, ExportService, ImportService, CheckPublicationService];

/** The domain: services (exported) over repositories (private to it). Needs the DatabaseModule. */
@Module({
  providers: [...SERVICES, OfficerRepository, SourceRepository, ActionRepository, ReportedFigureRepository, HistoryRepository, TallyRepository, ExportRepository, ImportRepository],
  exports: SERVICES,
})
export class DomainModule {}
