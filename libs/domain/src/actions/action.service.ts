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

function toCitationFields(list: readonly CitationCommand[]): CitationFields[] {
  return list.map((c) => ({ sourceId: c.sourceId.toLowerCase(), excerpt: c.excerpt ?? null, locator: c.locator ?? null }));
}
import type { ActionType, DisciplinaryActionEntity, Visibility } from './action.entities.js';
import { checkActionFilter, type ActionFilter } from './action-filter.js';
import { FULL_ACTION_SELECTION, type ActionSelection } from './action-selection.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { OfficerEntity } from '../officers/officer.entity.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { OfficerRepository } from '../officers/officer.repository.js';
import { SourceRepository } from '../sources/source.repository.js';
import { checkPageSize, decodeCursor, toPage, type Page, type PageRequest, type Patch } from '../common/pagination.js';
import { parsePartialDate } from '../common/partial-date.js';
import { inTransaction } from '../common/transaction.js';
import { checkId } from '../common/uuid.js';
import { actorName, seesConfidential, type Viewer } from '../common/viewer.js';

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
  reasonCodes: string[];
  reasonDetail?: string | null;
  occurred: string;
  decidedBy?: string | null;
  visibility?: Visibility | null;
  citations: CitationCommand[];
  externalId?: string | null;
}

export type UpdateActionCommand = Patch<CreateActionCommand> & { id: string; expectedVersion: number };

// 1,000,000 people in one group record is beyond any police force: a typing mistake.
export const MAX_SUBJECT_COUNT = 1_000_000;
// 20 reasons and 50 citations per action: far above real records, bounds one write's size.
export const MAX_REASONS = 20;
export const MAX_CITATIONS = 50;

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
    if (!action || (action.visibility === 'INTERNAL' && !seesConfidential(viewer))) {
      throw DomainError.notFound('Action', id);
    }
    return action;
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
    const listed = await this.actions.listPage(checked, viewer, limit, decodeCursor(page.after), selection);
    return { ...toPage(listed.actions, limit), parts: listed.parts, officers: listed.officers, sources: listed.sources };
  }

  async count(filter: ActionFilter | null | undefined, viewer: Viewer): Promise<number> {
    return this.actions.count(await checkActionFilter(filter, this.reference), viewer);
  }

  reasonCodesByActionIds(ids: readonly string[]) {
    return this.actions.reasonCodesByActionIds(ids);
  }

  citationsByActionIds(ids: readonly string[]): Promise<CitationRow[]> {
    return this.actions.citationsByActionIds(ids);
  }

  /** Within `manager` (an import, the seed) the caller's transaction names the actor; otherwise `viewer` does. */
  async create(command: CreateActionCommand, manager?: EntityManager, viewer?: Viewer): Promise<DisciplinaryActionEntity> {
    const work = async (m: EntityManager) => {
      const fields = await this.validateNew(command, m);
      const id = await this.actions.insert(m, fields);
      await this.actions.setReasons(m, id, command.reasonCodes, false);
      await this.actions.setCitations(m, id, toCitationFields(command.citations), false);
      return id;
    };
    const id = manager ? await work(manager) : await inTransaction(this.dataSource, work, ACTION_CONSTRAINTS, { actor: viewer && actorName(viewer) });
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
        await this.actions.update(m, id, command.expectedVersion, patch);
        if (command.reasonCodes !== undefined) await this.actions.setReasons(m, id, command.reasonCodes ?? [], true);
        if (command.citations !== undefined) await this.actions.setCitations(m, id, toCitationFields(command.citations ?? []), true);
      },
      ACTION_CONSTRAINTS,
      { actor: actorName(viewer) },
    );
    return this.getById(id, viewer);
  }

  async retract(input: { id: string; reason: string }, viewer: Viewer): Promise<DisciplinaryActionEntity> {
    const id = checkId(input.id);
    const outcome = await inTransaction(this.dataSource, (m) => this.actions.retract(m, id, input.reason), {}, { actor: actorName(viewer) });
    if (outcome === 'missing') throw DomainError.notFound('Action', id);
    if (outcome === 'already') {
      throw new DomainError(ErrorCode.CONFLICT, `Action ${id} is already retracted`, { field: 'id' });
    }
    return this.getById(id, viewer);
  }

  private async validateNew(c: CreateActionCommand, m: EntityManager): Promise<ActionFields> {
    const subjectCount = c.subjectCount ?? 1;
    this.checkSubjects(c.officerId ?? null, subjectCount);
    await this.checkReferences(c, m);
    const date = parsePartialDate(c.occurred, 'occurred');
    return {
      actionType: c.actionType,
      officerId: c.officerId ?? null,
      subjectCount,
      subjectDescription: c.subjectDescription ?? null,
      rankCode: c.rankCode ?? null,
      rankText: c.rankText ?? null,
      position: c.position ?? null,
      provinceCode: c.provinceCode ?? null,
      reasonDetail: c.reasonDetail ?? null,
      occurred: date.edtf,
      occurredFrom: date.from,
      occurredTo: date.to,
      decidedBy: c.decidedBy ?? null,
      visibility: c.visibility ?? 'PUBLIC',
      externalId: c.externalId ?? null,
    };
  }

  private async validatePatch(c: UpdateActionCommand, current: DisciplinaryActionEntity, m: EntityManager): Promise<Partial<ActionFields>> {
    for (const required of ['actionType', 'occurred', 'reasonCodes', 'citations', 'visibility', 'subjectCount'] as const) {
      if (c[required] === null) throw DomainError.badInput(required, `${required} cannot be removed`);
    }
    const officerId = c.officerId !== undefined ? c.officerId : current.officerId;
    const subjectCount = c.subjectCount ?? current.subjectCount;
    this.checkSubjects(officerId, subjectCount);
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
      reasonDetail: c.reasonDetail,
      decidedBy: c.decidedBy,
      visibility: c.visibility ?? undefined,
      externalId: c.externalId,
    };
    if (c.occurred) {
      const date = parsePartialDate(c.occurred, 'occurred');
      Object.assign(patch, { occurred: date.edtf, occurredFrom: date.from, occurredTo: date.to });
    }
    return patch;
  }

  private checkSubjects(officerId: string | null | undefined, subjectCount: number): void {
    if (!Number.isInteger(subjectCount) || subjectCount < 1 || subjectCount > MAX_SUBJECT_COUNT) {
      throw DomainError.badInput('subjectCount', `subjectCount must be between 1 and ${MAX_SUBJECT_COUNT}`);
    }
    if (officerId && subjectCount !== 1) {
      throw DomainError.badInput(
        'subjectCount',
        'An action about a named officer concerns one person: subjectCount must be 1 (record unnamed groups without officerId)',
      );
    }
  }

  private async checkReferences(c: Patch<CreateActionCommand>, m: EntityManager): Promise<void> {
    if (c.officerId) {
      checkId(c.officerId, 'officerId');
      if (!(await this.officers.exists(c.officerId, m))) throw DomainError.notFound('Officer', c.officerId, 'officerId');
    }
    this.reference.checkCodes('province', c.provinceCode, 'provinceCode');
    this.reference.checkCodes('rank', c.rankCode, 'rankCode');
    if (c.reasonCodes) {
      if (c.reasonCodes.length === 0) throw DomainError.badInput('reasonCodes', 'Give at least one reason (UNSPECIFIED when the source gives none)');
      if (c.reasonCodes.length > MAX_REASONS) throw DomainError.badInput('reasonCodes', `At most ${MAX_REASONS} reasons`);
      if (new Set(c.reasonCodes).size !== c.reasonCodes.length) throw DomainError.badInput('reasonCodes', 'A reason is listed twice');
      this.reference.checkCodes('reason', c.reasonCodes, 'reasonCodes');
    }
    if (c.citations) {
      if (c.citations.length === 0) throw DomainError.badInput('citations', 'Give at least one citation: every record needs a source');
      if (c.citations.length > MAX_CITATIONS) throw DomainError.badInput('citations', `At most ${MAX_CITATIONS} citations`);
      c.citations.forEach((cit, i) => checkId(cit.sourceId, `citations.${i}.sourceId`));
      const known = await this.sources.existingIds(m, c.citations.map((cit) => cit.sourceId.toLowerCase()));
      c.citations.forEach((cit, i) => {
        if (!known.has(cit.sourceId.toLowerCase())) throw DomainError.notFound('Source', cit.sourceId, `citations.${i}.sourceId`);
      });
    }
  }
}
