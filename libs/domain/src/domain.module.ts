import { Module } from '@nestjs/common';
import { ApiKeyService } from './access/api-key.service.js';
import { ApiKeyRepository } from './access/api-key.repository.js';
import { ReferenceRepository } from './reference/reference.repository.js';
import { AppStateRepository } from './seed/app-state.repository.js';
import { ActionRepository } from './actions/action.repository.js';
import { ActionLinkRepository } from './actions/action-link.repository.js';
import { DuplicateCandidateRepository } from './actions/duplicate-candidate.repository.js';
import { DuplicateCandidateService } from './actions/duplicate-candidate.service.js';
import { ActionLinkService } from './actions/action-link.service.js';
import { ActionAlternativeRepository } from './actions/action-alternative.repository.js';
import { ActionAlternativeService } from './actions/action-alternative.service.js';
import { ActionService } from './actions/action.service.js';
import { ReportedFigureRepository } from './figures/reported-figure.repository.js';
import { ReportedFigureService } from './figures/reported-figure.service.js';
import { CheckPublicationService } from './figures/check-publication.service.js';
import { HistoryRepository } from './history/history.repository.js';
import { HistoryService } from './history/history.service.js';
import { OfficerRepository } from './officers/officer.repository.js';
import { OfficerService } from './officers/officer.service.js';
import { OfficerMergeService } from './officers/officer-merge.service.js';
import { OfficerMergeRepository } from './officers/officer-merge.repository.js';
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
import { ActionFeedService } from './feeds/action-feed.service.js';
import { FigureFeedService } from './feeds/figure-feed.service.js';
import { FigureMomentsRepository } from './feeds/figure-moments.repository.js';

const SERVICES = [
  ReferenceService,
  OfficerService,
  SourceService,
  ActionService,
  ReportedFigureService,
  ApiKeyService,
  SeedService,
  HistoryService,
  TallyService,
  FigureCheckService,
  ExportService,
  ImportService,
  ActionFeedService,
  FigureFeedService,
  CheckPublicationService,
  ActionLinkService,
  ActionAlternativeService,
  OfficerMergeService,
  DuplicateCandidateService,
];

/** The domain: services (exported) over repositories (private to it). Needs the DatabaseModule. */
@Module({
  providers: [
    ...SERVICES,
    OfficerMergeRepository,
    ApiKeyRepository,
    ReferenceRepository,
    AppStateRepository,
    OfficerRepository,
    SourceRepository,
    ActionRepository,
    ActionLinkRepository,
    ActionAlternativeRepository,
    DuplicateCandidateRepository,
    ReportedFigureRepository,
    HistoryRepository,
    TallyRepository,
    ExportRepository,
    ImportRepository,
    FigureMomentsRepository,
  ],
  exports: SERVICES,
})
export class DomainModule {}
