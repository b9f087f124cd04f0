import { Module } from '@nestjs/common';
import { ApiKeyService } from './access/api-key.service.js';
import { ActionRepository } from './actions/action.repository.js';
import { ActionService } from './actions/action.service.js';
import { ReportedFigureRepository } from './figures/reported-figure.repository.js';
import { ReportedFigureService } from './figures/reported-figure.service.js';
import { OfficerRepository } from './officers/officer.repository.js';
import { OfficerService } from './officers/officer.service.js';
import { ReferenceService } from './reference/reference.service.js';
import { SeedService } from './seed/seed.service.js';
import { SourceRepository } from './sources/source.repository.js';
import { SourceService } from './sources/source.service.js';

const SERVICES = [ReferenceService, OfficerService, SourceService, ActionService, ReportedFigureService, ApiKeyService, SeedService];

/** The domain: services (exported) over repositories (private to it). Needs the DatabaseModule. */
@Module({
  providers: [...SERVICES, OfficerRepository, SourceRepository, ActionRepository, ReportedFigureRepository],
  exports: SERVICES,
})
export class DomainModule {}
