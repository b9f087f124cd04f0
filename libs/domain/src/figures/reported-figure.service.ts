import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@app/core';
import {
  ReportedFigureRepository,
  type FigureFields,
  type FigureListOptions,
  type FigureScopeOverlap,
} from './reported-figure.repository.js';
import type { FigureQualifier, ReportedFigureEntity } from './reported-figure.entity.js';
import type { ActionType } from '../actions/action.entities.js';
import { ReferenceService } from '../reference/reference.service.js';
import { SourceRepository } from '../sources/source.repository.js';
import {
  checkPageSize,
  decodeCursor,
  toPage,
  type Page,
  type PageRequest,
} from '../common/pagination.js';
import { inTransaction } from '../common/transaction.js';
import { checkId } from '../common/uuid.js';
import { actorName, type Viewer } from '../common/viewer.js';

export interface FigureScope {
  actionTypes?: ActionType[] | null;
  reasonCodes?: string[] | null;
  provinceCodes?: string[] | null;
  rankCodes?: string[] | null;
  /** The agencies the figure counts, each with its sub-agencies; empty or null: any. */
  agencyCodes?: string[] | null;
  from?: string | null;
  to?: string | null;
}

export interface CreateFigureCommand {
  value: number;
  qualifier: FigureQualifier;
  tolerance?: number | null;
  scope: FigureScope;
  statedBy?: string | null;
  statedOn?: string | null;
  citation: { sourceId: string; excerpt?: string | null; locator?: string | null };
  parentId?: string | null;
  /** The figure this one repeats (the same statement reported by another outlet): an original, never a repeat. */
  repeatsId?: string | null;
  partsAreExhaustive?: boolean | null;
  description?: string | null;
}

export type UpdateFigureCommand = Partial<CreateFigureCommand> & {
  id: string;
  expectedVersion: number;
};

// Larger than any police force in the world (about 10 million officers in all).
export const MAX_FIGURE_VALUE = 100_000_000;
export const DEFAULT_TOLERANCE = 0.1;

@Injectable()
export class ReportedFigureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: ReportedFigureRepository,
    private readonly sources: SourceRepository,
    private readonly reference: ReferenceService,
  ) {}

  /** `field`: the argument that named the figure, for the error when there is none. */
  async getById(id: string, field = 'id'): Promise<ReportedFigureEntity> {
    const [figure] = await this.figures.getByIds([checkId(id, field)]);
    if (!figure) throw DomainError.notFound('Reported figure', id, field);
    return figure;
  }

  /** By id, as they are or as they were recorded at `asOf` (a figure recorded later is not found). */
  getByIds(ids: readonly string[], asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    return this.figures.getByIds(ids, undefined, asOf);
  }

  childrenOf(ids: readonly string[], asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    return this.figures.childrenOf(ids, asOf);
  }

  /** Every figure, as recorded at `asOf`: what the consistency checks compare a figure with. */
  all(asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    return this.figures.all(asOf);
  }

  /** Newest entry first; or, with `orderBy: 'STATED_ON'`, the timeline. `scope` keeps figures whose scope overlaps it. */
  async list(
    page: PageRequest,
    options: FigureListOptions = {},
  ): Promise<Page<ReportedFigureEntity>> {
    const limit = checkPageSize(page.first);
    if (options.scope) await this.checkScope(options.scope as FigureScope, 'scope');
    return toPage(
      await this.figures.listPageFiltered(
        { ...options, scope: this.overlapOf(options.scope) },
        limit,
        decodeCursor(page.after),
      ),
      limit,
    );
  }

  count(scope?: FigureScopeOverlap | null): Promise<number> {
    return this.figures.count(this.overlapOf(scope));
  }

  /** A figure on an agency overlaps a filter on an agency above or below it (the National Police and its Phnom Penh commissariat). */
  private overlapOf(
    scope: FigureScopeOverlap | null | undefined,
  ): FigureScopeOverlap | null | undefined {
    if (!scope?.agencyCodes?.length) return scope;
    return { ...scope, agencyCodes: this.reference.agencyCodesRelated(scope.agencyCodes) };
  }

  /** Within `manager` (the seed, an import) the caller's transaction names the actor; otherwise `viewer` does. */
  async create(
    c: CreateFigureCommand,
    manager?: EntityManager,
    viewer?: Viewer,
  ): Promise<ReportedFigureEntity> {
    const work = async (m: EntityManager) => {
      const fields = await this.validate(c, undefined, m);
      return this.figures.insert(m, fields as FigureFields);
    };
    const id = manager
      ? await work(manager)
      : await inTransaction(this.dataSource, work, {}, { actor: viewer && actorName(viewer) });
    const [created] = await this.figures.getByIds([id], manager);
    return created;
  }

  async update(c: UpdateFigureCommand, viewer?: Viewer): Promise<ReportedFigureEntity> {
    const id = checkId(c.id);
    await inTransaction(
      this.dataSource,
      async (m) => {
        const [current] = await this.figures.getByIds([id], m);
        if (!current) throw DomainError.notFound('Reported figure', id);
        const patch = await this.validate(c, current, m);
        await this.figures.update(m, id, c.expectedVersion, patch);
      },
      {},
      { actor: viewer && actorName(viewer) },
    );
    return this.getById(id);
  }

  /** Validates a create (current undefined) or an update (against the current figure). */
  private async validate(
    c: Partial<CreateFigureCommand>,
    current: ReportedFigureEntity | undefined,
    m: EntityManager,
  ): Promise<Partial<FigureFields>> {
    for (const required of ['value', 'qualifier', 'scope', 'citation'] as const) {
      if (current && c[required] === null)
        throw DomainError.badInput(required, `${required} cannot be removed`);
    }
    const value = c.value ?? current?.value ?? 0;
    const qualifier = c.qualifier ?? current?.qualifier ?? 'EXACT';
    if (!Number.isInteger(value) || value < 0 || value > MAX_FIGURE_VALUE) {
      throw DomainError.badInput(
        'value',
        `value must be a whole number from 0 to ${MAX_FIGURE_VALUE}`,
      );
    }
    if (qualifier === 'FEWER_THAN' && value === 0) {
      throw DomainError.badInput(
        'value',
        '"fewer than 0" allows no count at all: use EXACT 0 or AT_MOST',
      );
    }
    const tolerance = c.tolerance ?? (current ? undefined : DEFAULT_TOLERANCE);
    if (
      tolerance !== undefined &&
      (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1)
    ) {
      throw DomainError.badInput('tolerance', 'tolerance must be between 0 and 1 (0.1 = 10 %)');
    }
    const fields: Partial<FigureFields> = {
      value: c.value ?? undefined,
      qualifier: c.qualifier ?? undefined,
      tolerance,
      statedBy: c.statedBy,
      statedOn: c.statedOn,
      description: c.description,
      partsAreExhaustive: c.partsAreExhaustive ?? (current ? undefined : false),
    };
    if (c.scope) Object.assign(fields, await this.checkScope(c.scope));
    if (c.citation) {
      const sourceId = checkId(c.citation.sourceId, 'citation.sourceId');
      const known = await this.sources.existingIds(m, [sourceId]);
      if (!known.has(sourceId)) throw DomainError.notFound('Source', sourceId, 'citation.sourceId');
      Object.assign(fields, {
        sourceId,
        excerpt: c.citation.excerpt ?? null,
        locator: c.citation.locator ?? null,
      });
    }
    if (c.parentId !== undefined) {
      if (c.parentId === null) {
        fields.parentId = null;
      } else {
        const parentId = checkId(c.parentId, 'parentId');
        if (!(await this.figures.exists(m, parentId)))
          throw DomainError.notFound('Reported figure', parentId, 'parentId');
        if (current && (await this.figures.wouldCycle(m, current.id, parentId))) {
          throw DomainError.badInput(
            'parentId',
            'A figure cannot be a part of itself or of one of its own parts',
          );
        }
        fields.parentId = parentId;
      }
    }
    if (c.repeatsId !== undefined)
      fields.repeatsId = await this.checkRepeats(c.repeatsId, current, m);
    // A figure's period ends when it was stated unless its scope says otherwise: it needs one of the two.
    const scopeTo = c.scope ? (c.scope.to ?? null) : (current?.scopeTo ?? null);
    const statedOn = c.statedOn !== undefined ? c.statedOn : (current?.statedOn ?? null);
    if (!scopeTo && !statedOn) {
      throw DomainError.badInput(
        c.scope ? 'scope.to' : 'statedOn',
        'Say when the figure was stated (statedOn) or the last day it counts (scope.to): its period ends on one of them',
      );
    }
    return fields;
  }

  /**
   * The figure a figure repeats (README "How a figure is checked", repeated statements): refused
   * when it is the figure itself, unknown, a repeat itself (name its original instead: a repeat is
   * never resolved silently to another figure than the one given), or when the figure has repeats
   * of its own (it would make a chain; a cycle is one). Both rows are locked first, so two editors
   * cannot build a chain at once.
   */
  private async checkRepeats(
    repeatsId: string | null,
    current: ReportedFigureEntity | undefined,
    m: EntityManager,
  ): Promise<string | null> {
    if (repeatsId === null) return null;
    const id = checkId(repeatsId, 'repeatsId');
    if (current && current.id === id) {
      throw DomainError.badInput('repeatsId', 'A figure cannot repeat itself', { reason: 'SELF' });
    }
    const locked = await this.figures.lockRepeats(m, current ? [current.id, id] : [id]);
    const target = locked.get(id);
    if (!target) throw DomainError.notFound('Reported figure', id, 'repeatsId');
    if (target.repeatsId !== null) {
      if (current && target.repeatsId === current.id) {
        throw DomainError.badInput(
          'repeatsId',
          `Figure ${id} repeats this figure: each repeating the other would make a cycle`,
          { reason: 'CYCLE' },
        );
      }
      throw DomainError.badInput(
        'repeatsId',
        `Figure ${id} is itself a repeat of figure ${target.repeatsId}: name the original statement, ${target.repeatsId}`,
        { reason: 'REPEAT_OF_REPEAT', originalId: target.repeatsId },
      );
    }
    if (current && (await this.figures.repeatedByIds(m, [current.id])).length > 0) {
      throw DomainError.badInput(
        'repeatsId',
        'Other figures repeat this one: it is an original statement. Point them to the new original first',
        { reason: 'HAS_REPEATS' },
      );
    }
    return id;
  }

  /** The figures that repeat each of `ids`, oldest entry first. */
  repeatedBy(ids: readonly string[], asOf?: Date | null): Promise<ReportedFigureEntity[]> {
    return this.figures.repeatsOf(ids, asOf);
  }

  private async checkScope(scope: FigureScope, prefix = 'scope'): Promise<Partial<FigureFields>> {
    for (const key of [
      'actionTypes',
      'reasonCodes',
      'provinceCodes',
      'rankCodes',
      'agencyCodes',
    ] as const) {
      const list = scope[key];
      if (list && new Set(list).size !== list.length)
        throw DomainError.badInput(`${prefix}.${key}`, `${key} lists a value twice`);
    }
    this.reference.checkCodes('reason', scope.reasonCodes, `${prefix}.reasonCodes`);
    this.reference.checkCodes('province', scope.provinceCodes, `${prefix}.provinceCodes`);
    this.reference.checkCodes('rank', scope.rankCodes, `${prefix}.rankCodes`);
    this.reference.checkCodes('agency', scope.agencyCodes, `${prefix}.agencyCodes`);
    if (scope.from && scope.to && scope.from > scope.to) {
      throw DomainError.badInput(
        `${prefix}.to`,
        `The scope ends (${scope.to}) before it starts (${scope.from})`,
      );
    }
    return {
      scopeActionTypes: scope.actionTypes ?? [],
      scopeReasonCodes: scope.reasonCodes ?? [],
      scopeProvinceCodes: scope.provinceCodes ?? [],
      scopeRankCodes: scope.rankCodes ?? [],
      scopeAgencyCodes: scope.agencyCodes ?? [],
      scopeFrom: scope.from ?? null,
      scopeTo: scope.to ?? null,
    };
  }
}
