import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionService } from '../actions/action.service.js';
import { ReportedFigureService } from '../figures/reported-figure.service.js';
import { OfficerRepository } from '../officers/officer.repository.js';
import { SourceRepository } from '../sources/source.repository.js';
import { inTransaction } from '../common/transaction.js';
import { AppStateRepository } from './app-state.repository.js';

const FIRST_DATA_OFFERED = 'first_data_offered';
import {
  CAMBOJA_ACTIONS,
  CAMBOJA_FIGURES,
  CAMBOJA_OFFICERS,
  CAMBOJA_SOURCE,
} from './camboja-report.js';

export interface SeedResult {
  loaded: boolean;
  sources: number;
  officers: number;
  actions: number;
  figures: number;
}

/** Loads the CamboJA report (one source, two officers, three actions, three figures) once. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: SourceRepository,
    private readonly officers: OfficerRepository,
    private readonly actions: ActionService,
    private readonly figures: ReportedFigureService,
    private readonly state: AppStateRepository,
  ) {}

  /** Idempotent: the whole report is one transaction, and it is skipped when its source exists. `actor` names it in the history. */
  /**
   * On the first start of an installation (embedded default): load the CamboJA report once, so a
   * new user sees real records at once. Marked in `app_state`, so data deleted later is not
   * brought back, and a database first touched by the CLI still gets it on its first start.
   */
  async seedOnFirstStart(): Promise<SeedResult | undefined> {
    if (await this.state.has(FIRST_DATA_OFFERED)) return undefined;
    const result = await this.seedCambojaReport();
    await this.state.setOnce(FIRST_DATA_OFFERED, new Date().toISOString());
    return result;
  }

  async seedCambojaReport(actor = 'seed'): Promise<SeedResult> {
    return inTransaction(
      this.dataSource,
      async (m) => {
        // Serialise concurrent seeds (two CLI runs at once) on a transaction-scoped advisory lock.
        await this.state.lockSeeding(m);
        if (
          await this.sources.findIdByTitleAndPublisher(
            m,
            CAMBOJA_SOURCE.title,
            CAMBOJA_SOURCE.publisher,
          )
        ) {
          this.logger.log('The CamboJA report is already loaded; nothing to do');
          return { loaded: false, sources: 0, officers: 0, actions: 0, figures: 0 };
        }
        const sourceId = await this.sources.insert(m, CAMBOJA_SOURCE);
        const officerIds: Record<keyof typeof CAMBOJA_OFFICERS, string> = {
          nathRatana: await this.officers.insert(m, {
            fullNameKm: null,
            gender: null,
            ...CAMBOJA_OFFICERS.nathRatana,
          }),
          suonTosit: await this.officers.insert(m, {
            fullNameKm: null,
            gender: null,
            ...CAMBOJA_OFFICERS.suonTosit,
          }),
        };
        for (const { officer, excerpt, ...action } of CAMBOJA_ACTIONS) {
          await this.actions.create(
            {
              ...action,
              officerId: officer ? officerIds[officer] : null,
              visibility: 'PUBLIC',
              citations: [{ sourceId, excerpt, locator: null }],
            },
            m,
          );
        }
        const { excerpt, ...total } = CAMBOJA_FIGURES.total;
        const parent = await this.figures.create({ ...total, citation: { sourceId, excerpt } }, m);
        for (const part of [CAMBOJA_FIGURES.drugPositive, CAMBOJA_FIGURES.internalViolations]) {
          const { excerpt: partExcerpt, ...rest } = part;
          await this.figures.create(
            { ...rest, parentId: parent.id, citation: { sourceId, excerpt: partExcerpt } },
            m,
          );
        }
        this.logger.log('Loaded the CamboJA report: 1 source, 2 officers, 3 actions, 3 figures');
        return {
          loaded: true,
          sources: 1,
          officers: 2,
          actions: CAMBOJA_ACTIONS.length,
          figures: 3,
        };
      },
      {},
      { actor },
    );
  }
}
