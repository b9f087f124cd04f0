import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@app/core';
import {
  ACTION_CONSTRAINTS,
  ActionRepository,
  type ActionFields,
  type PrefetchedParts,
  type CitationFields,
  type CitationRow,
} from './action.repository.js';
import { ActionRules, sortedReasons, throwFirst, type ReferenceCodes } from './action-rules.js';

function toCitationFields(list: readonly CitationCommand[]): CitationFields[] {
  return list.map((c) => ({
    sourceId: c.sourceId.toLowerCase(),
    excerpt: c.excerpt ?? null,
    locator: c.locator ?? null,
  }));
}
import type { ActionType, DisciplinaryActionEntity, Visibility } from './action.entities.js';
import { checkActionFilter, type ActionFilter } from './action-filter.js';
import { FULL_ACTION_SELECTION, type ActionSelection } from './action-selection.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { OfficerEntity } from '../officers/officer.entity.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { OfficerRepository } from '../officers/officer.repository.js';
import { SourceRepository } from '../sources/source.repository.js';
import {
  checkPageSize,
  decodeCursor,
  toPage,
  type Page,
  type PageRequest,
  type Patch,
} from '../common/pagination.js';
import { inTransaction } from '../common/transaction.js';
import { checkId } from '../common/uuid.js';
import { actorName, type Viewer } from '../common/viewer.js';
import { visibilityOf } from '../access/visibility.js';

/**
 * A page of actions with what they refer to, as far as the selection reads it: reasons, citations
 * and officer id by action id; officers and sources by id.
 */
export type ActionPage = Page<DisciplinaryActionEntity> & {
  parts: ReadonlyMap<string, PrefetchedParts>;
  officers: ReadonlyMap<string, OfficerEntity>;
  sources: ReadonlyMap<string, SourceEntity>;
};

export interface CitationCommand {
  sourceId: string;
  excerpt?: string | null;
  locator?: string | null;
}

export interface CreateActionCommand {
  actionType: ActionType;
  officerId?: string | null;
  subjectCount?: number | null;
  subjectDescription?: string | null;
  rankCode?: string | null;
  rankText?: string | null;
  position?: string | null;
  provinceCode?: string | null;
  /** The agency that acted or employs the officer (see the agencies query); null: unknown. */
  agencyCode?: string | null;
  reasonCodes: string[];
  /** How a group splits between its reasons, in the order of reasonCodes; null: unknown. */
  reasonCounts?: number[] | null;
  reasonDetail?: string | null;
  occurred: string;
  decidedBy?: string | null;
  visibility?: Visibility | null;
  citations: CitationCommand[];
  externalId?: string | null;
}

export type UpdateActionCommand = Patch<CreateActionCommand> & {
  id: string;
  expectedVersion: number;
};

export { MAX_CITATIONS, MAX_REASONS, MAX_SUBJECT_COUNT } from './action-rules.js';

@Injectable()
export class ActionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: ActionRepository,
    private readonly officers: OfficerRepository,
    private readonly sources: SourceRepository,
    private readonly reference: ReferenceService,
  ) {}

  /** An INTERNAL action does not exist for callers who may not see it. */
  async getById(id: string, viewer: Viewer): Promise<DisciplinaryActionEntity> {
    const [action] = await this.actions.getByIds([checkId(id)]);
    if (!action || (action.visibility === 'INTERNAL' && !visibilityOf(viewer).seesAll)) {
      throw DomainError.notFound('Action', id);
    }
    return action;
  }

  /** These actions as the caller may see them (INTERNAL ones left out for the public), in no order. */
  async getVisibleByIds(
    ids: readonly string[],
    viewer: Viewer,
  ): Promise<DisciplinaryActionEntity[]> {
    const seesAll = visibilityOf(viewer).seesAll;
    return (await this.actions.getByIds(ids)).filter((a) => seesAll || a.visibility === 'PUBLIC');
  }

  /**
   * A page of actions, with each one's reasons, citations, officer and sources fetched by the same
   * statement; with a selection, only what it names (the entities are then partial).
   */
  async list(
    filter: ActionFilter | null | undefined,
    page: PageRequest,
    viewer: Viewer,
    selection: ActionSelection = FULL_ACTION_SELECTION,
  ): Promise<ActionPage> {
    const checked = await checkActionFilter(filter, this.reference);
    const limit = checkPageSize(page.first);
    const listed = await this.actions.listPage(
      checked,
      viewer,
      limit,
      decodeCursor(page.after),
      selection,
    );
    return {
      ...toPage(listed.actions, limit),
      parts: listed.parts,
      officers: listed.officers,
      sources: listed.sources,
    };
  }

  async count(filter: ActionFilter | null | undefined, viewer: Viewer): Promise<number> {
    return this.actions.count(await checkActionFilter(filter, this.reference), viewer);
  }

  citationsByActionIds(ids: readonly string[]): Promise<CitationRow[]> {
    return this.actions.citationsByActionIds(ids);
  }

  /** Within `manager` (an import, the seed) the caller's transaction names the actor; otherwise `viewer` does. */
  async create(
    command: CreateActionCommand,
    manager?: EntityManager,
    viewer?: Viewer,
  ): Promise<DisciplinaryActionEntity> {
    const work = async (m: EntityManager) => {
      const fields = await this.validateNew(command, m);
      const id = await this.actions.insert(m, fields);
      await this.actions.setCitations(m, id, toCitationFields(command.citations));
      return id;
    };
    const id = manager
      ? await work(manager)
      : await inTransaction(this.dataSource, work, ACTION_CONSTRAINTS, {
          actor: viewer && actorName(viewer),
        });
    const [created] = await this.actions.getByIds([id], manager);
    return created;
  }

  async update(command: UpdateActionCommand, viewer: Viewer): Promise<DisciplinaryActionEntity> {
    const id = checkId(command.id);
    await inTransaction(
      this.dataSource,
      async (m) => {
        const [current] = await this.actions.getByIds([id], m);
        if (!current) throw DomainError.notFound('Action', id);
        const patch = await this.validatePatch(command, current, m);
        // The action first: its new version then holds the citations changed in the same transaction.
        await this.actions.update(m, id, command.expectedVersion, patch);
        if (command.citations !== undefined)
          await this.actions.setCitations(m, id, toCitationFields(command.citations ?? []));
      },
      ACTION_CONSTRAINTS,
      { actor: actorName(viewer) },
    );
    return this.getById(id, viewer);
  }

  async retract(
    input: { id: string; reason: string },
    viewer: Viewer,
  ): Promise<DisciplinaryActionEntity> {
    const id = checkId(input.id);
    const outcome = await inTransaction(
      this.dataSource,
      (m) => this.actions.retract(m, id, input.reason),
      {},
      { actor: actorName(viewer) },
    );
    if (outcome === 'missing') throw DomainError.notFound('Action', id);
    if (outcome === 'already') {
      throw new DomainError(ErrorCode.CONFLICT, `Action ${id} is already retracted`, {
        field: 'id',
      });
    }
    return this.getById(id, viewer);
  }

  private codes(): ReferenceCodes {
    return this.reference.codes();
  }

  private async validateNew(c: CreateActionCommand, m: EntityManager): Promise<ActionFields> {
    const subjectCount = c.subjectCount ?? 1;
    ActionRules.subjects(Boolean(c.officerId), subjectCount, throwFirst);
    await this.checkReferences(c, m);
    ActionRules.reasonCounts(c.reasonCodes, c.reasonCounts, subjectCount, throwFirst);
    const date = ActionRules.occurred(c.occurred, throwFirst)!;
    const reasons = sortedReasons(c.reasonCodes, c.reasonCounts);
    return {
      actionType: c.actionType,
      officerId: c.officerId ?? null,
      subjectCount,
      subjectDescription: c.subjectDescription ?? null,
      rankCode: c.rankCode ?? null,
      rankText: c.rankText ?? null,
      position: c.position ?? null,
      provinceCode: c.provinceCode ?? null,
      agencyCode: c.agencyCode ?? null,
      reasonCodes: reasons.codes,
      reasonCounts: reasons.counts,
      reasonDetail: c.reasonDetail ?? null,
      occurred: date.edtf,
      occurredFrom: date.from,
      occurredTo: date.to,
      decidedBy: c.decidedBy ?? null,
      visibility: c.visibility ?? 'PUBLIC',
      externalId: c.externalId ?? null,
    };
  }

  private async validatePatch(
    c: UpdateActionCommand,
    current: DisciplinaryActionEntity,
    m: EntityManager,
  ): Promise<Partial<ActionFields>> {
    for (const required of [
      'actionType',
      'occurred',
      'reasonCodes',
      'citations',
      'visibility',
      'subjectCount',
    ] as const) {
      if (c[required] === null)
        throw DomainError.badInput(required, `${required} cannot be removed`);
    }
    const officerId = c.officerId !== undefined ? c.officerId : current.officerId;
    const subjectCount = c.subjectCount ?? current.subjectCount;
    ActionRules.subjects(Boolean(officerId), subjectCount, throwFirst);
    await this.checkReferences(c, m);
    const patch: Partial<ActionFields> = {
      actionType: c.actionType ?? undefined,
      officerId: c.officerId,
      subjectCount: c.subjectCount ?? undefined,
      subjectDescription: c.subjectDescription,
      rankCode: c.rankCode,
      rankText: c.rankText,
      position: c.position,
      provinceCode: c.provinceCode,
      agencyCode: c.agencyCode,
      reasonDetail: c.reasonDetail,
      decidedBy: c.decidedBy,
      visibility: c.visibility ?? undefined,
      externalId: c.externalId,
    };
    // The split belongs to the reasons it splits: new reasons without counts leave it unknown.
    if (
      c.reasonCodes !== undefined ||
      c.reasonCounts !== undefined ||
      c.subjectCount !== undefined
    ) {
      const codes = c.reasonCodes ?? current.reasonCodes;
      const counts =
        c.reasonCounts !== undefined
          ? c.reasonCounts
          : c.reasonCodes !== undefined
            ? null
            : current.reasonCounts;
      ActionRules.reasonCounts(codes, counts, subjectCount, throwFirst);
      const reasons = sortedReasons(codes, counts);
      Object.assign(patch, { reasonCodes: reasons.codes, reasonCounts: reasons.counts });
    }
    if (c.occurred) {
      const date = ActionRules.occurred(c.occurred, throwFirst)!;
      Object.assign(patch, { occurred: date.edtf, occurredFrom: date.from, occurredTo: date.to });
    }
    return patch;
  }

  private async checkReferences(c: Patch<CreateActionCommand>, m: EntityManager): Promise<void> {
    const codes = this.codes();
    if (c.officerId) {
      checkId(c.officerId, 'officerId');
      if (!(await this.officers.exists(c.officerId, m)))
        throw DomainError.notFound('Officer', c.officerId, 'officerId');
    }
    ActionRules.code('provinceCode', c.provinceCode, codes.provinces, throwFirst);
    ActionRules.code('agencyCode', c.agencyCode, codes.agencies, throwFirst);
    ActionRules.code('rankCode', c.rankCode, codes.ranks, throwFirst);
    if (c.reasonCodes) ActionRules.reasons(c.reasonCodes, codes.reasons, throwFirst);
    if (c.citations) {
      ActionRules.citationCount(c.citations.length, throwFirst);
      c.citations.forEach((cit, i) => checkId(cit.sourceId, `citations.${i}.sourceId`));
      const known = await this.sources.existingIds(
        m,
        c.citations.map((cit) => cit.sourceId.toLowerCase()),
      );
      c.citations.forEach((cit, i) => {
        if (!known.has(cit.sourceId.toLowerCase()))
          throw DomainError.notFound('Source', cit.sourceId, `citations.${i}.sourceId`);
      });
    }
  }
}
