import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@app/core';
import {
  ACTION_ATTRIBUTES,
  ALTERNATIVE_STATUSES,
  type ActionAlternativeEntity,
  type ActionAttribute,
  type AlternativeStatus,
  type DisciplinaryActionEntity,
} from './action.entities.js';
import { ActionAlternativeRepository } from './action-alternative.repository.js';
import { ActionRepository } from './action.repository.js';
import { ActionRules, sortedReasons, type RuleReport } from './action-rules.js';
import { SourceRepository } from '../sources/source.repository.js';
import { OfficerRepository } from '../officers/officer.repository.js';
import { ReferenceService } from '../reference/reference.service.js';
import { inTransaction } from '../common/transaction.js';
import { checkId, isUuid } from '../common/uuid.js';
import { versionedUpdate } from '../common/versioned-update.js';
import { actorName, type Viewer } from '../common/viewer.js';

export interface AddAlternativeCommand {
  actionId: string;
  attribute: ActionAttribute;
  value: string;
  citation: { sourceId: string; excerpt?: string | null; locator?: string | null };
  note?: string | null;
}

/** A value checked and in its canonical text form (with its date range for OCCURRED). */
interface CanonicalValue {
  value: string;
  occurredFrom: string | null;
  occurredTo: string | null;
}

const ALTERNATIVE_CONSTRAINTS: Record<string, string> = {
  action_alternative_source_id_fkey: 'citation.sourceId',
  action_alternative_action_id_fkey: 'actionId',
  action_alternative_one_preferred: 'status',
};

// 200 characters: an officer's name or the longest list of reason codes; a value is never prose.
const MAX_VALUE_LENGTH = 400;

/** A rule's report about the value: the problem is the value's, whatever field the rule names. */
const valueReport: RuleReport = (_field, message) => {
  throw DomainError.badInput('value', message);
};

/** The record's own value of an attribute, in the canonical form of alternatives (null: none). */
export function currentValueOf(
  action: DisciplinaryActionEntity,
  attribute: ActionAttribute,
): string | null {
  switch (attribute) {
    case 'ACTION_TYPE':
      return action.actionType;
    case 'OCCURRED':
      return action.occurred;
    case 'RANK':
      return action.rankCode;
    case 'PROVINCE':
      return action.provinceCode;
    case 'AGENCY':
      return action.agencyCode;
    case 'SUBJECT_COUNT':
      return String(action.subjectCount);
    case 'REASONS':
      return [...action.reasonCodes].sort().join(',');
    case 'OFFICER':
      return action.officerId;
  }
}

/**
 * Alternative values of an action's attributes, each with its citation (README "Disagreeing
 * sources"). A value is checked as the field itself would be. Preferring a value writes it into the
 * action (a new version of the record), after keeping the record's own value as an alternative
 * citing the action's own first source; demoting the preferred value puts the record's own back.
 */
@Injectable()
export class ActionAlternativeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alternatives: ActionAlternativeRepository,
    private readonly actions: ActionRepository,
    private readonly sources: SourceRepository,
    private readonly officers: OfficerRepository,
    private readonly reference: ReferenceService,
  ) {}

  async add(command: AddAlternativeCommand, viewer: Viewer): Promise<ActionAlternativeEntity> {
    const actionId = checkId(command.actionId, 'actionId');
    if (!(ACTION_ATTRIBUTES as readonly string[]).includes(command.attribute)) {
      throw DomainError.badInput(
        'attribute',
        `Unknown attribute ${String(command.attribute)}: use ${ACTION_ATTRIBUTES.join(', ')}`,
      );
    }
    const sourceId = checkId(command.citation?.sourceId ?? '', 'citation.sourceId').toLowerCase();
    if (typeof command.value !== 'string' || command.value.trim() === '')
      throw DomainError.badInput('value', 'Give the value as the source reports it');
    if (command.value.length > MAX_VALUE_LENGTH)
      throw DomainError.badInput('value', `A value has at most ${MAX_VALUE_LENGTH} characters`);
    const id = await inTransaction(
      this.dataSource,
      async (m) => {
        const action = await this.lockAction(m, actionId, 'actionId');
        if (!(await this.sources.existingIds(m, [sourceId])).size)
          throw DomainError.notFound('Source', command.citation.sourceId, 'citation.sourceId');
        const canonical = await this.canonical(m, command.attribute, command.value.trim(), action);
        return this.alternatives.insert(m, {
          actionId,
          attribute: command.attribute,
          ...canonical,
          status: 'ALTERNATIVE',
          recordValue: false,
          note: command.note ?? null,
          sourceId,
          excerpt: command.citation.excerpt ?? null,
          locator: command.citation.locator ?? null,
        });
      },
      ALTERNATIVE_CONSTRAINTS,
      { actor: actorName(viewer) },
    );
    return (await this.alternatives.getById(id))!;
  }

  async setStatus(
    input: { id: string; status: AlternativeStatus },
    viewer: Viewer,
  ): Promise<ActionAlternativeEntity> {
    const id = checkId(input.id);
    const status = input.status;
    if (!(ALTERNATIVE_STATUSES as readonly string[]).includes(status)) {
      throw DomainError.badInput(
        'status',
        `Unknown status ${String(status)}: use ${ALTERNATIVE_STATUSES.join(', ')}`,
      );
    }
    await inTransaction(
      this.dataSource,
      async (m) => {
        const found = await this.alternatives.getById(id, m);
        if (!found) throw DomainError.notFound('Action alternative', id);
        const action = await this.lockAction(m, found.actionId, 'id');
        // Read again under the action's lock: another writer may have changed it.
        const alt = (await this.alternatives.getById(id, m))!;
        if (alt.status === status) return;
        if (status === 'PREFERRED') {
          if (alt.attribute === 'OFFICER' && alt.value !== null && !isUuid(alt.value)) {
            throw DomainError.badInput(
              'status',
              `The officer "${alt.value}" is known only by name: record the officer, then add the alternative with the officer's id to prefer it`,
            );
          }
          const rows = await this.alternatives.ofAttribute(m, action.id, alt.attribute);
          if (!rows.some((r) => r.recordValue)) {
            const own = await this.alternatives.firstCitation(m, action.id);
            if (!own)
              throw DomainError.badInput(
                'id',
                `Action ${action.id} has no citation to keep its own value with`,
              );
            await this.alternatives.insert(m, {
              actionId: action.id,
              attribute: alt.attribute,
              value: currentValueOf(action, alt.attribute),
              occurredFrom: alt.attribute === 'OCCURRED' ? action.occurredFrom : null,
              occurredTo: alt.attribute === 'OCCURRED' ? action.occurredTo : null,
              status: 'ALTERNATIVE',
              recordValue: true,
              note: "The record's own value, kept when another value was preferred",
              ...own,
            });
          }
          await this.alternatives.demotePreferred(m, action.id, alt.attribute, alt.id);
          await this.alternatives.setStatus(m, alt.id, 'PREFERRED');
          await this.apply(m, action, alt);
        } else {
          await this.alternatives.setStatus(m, alt.id, status);
          if (alt.status === 'PREFERRED') {
            // Nothing preferred any more: the record's own value again.
            const own = (await this.alternatives.ofAttribute(m, action.id, alt.attribute)).find(
              (r) => r.recordValue,
            );
            if (own) await this.apply(m, action, own);
          }
        }
      },
      ALTERNATIVE_CONSTRAINTS,
      { actor: actorName(viewer) },
    );
    return (await this.alternatives.getById(id))!;
  }

  /** The alternatives of each action, oldest first, in the order of `ids` (the actions are visible to the caller). */
  async alternativesOf(ids: readonly string[]): Promise<ActionAlternativeEntity[][]> {
    const rows = await this.alternatives.ofActions(ids);
    return ids.map((id) => rows.filter((r) => r.actionId === id));
  }

  /** The attributes with a non-deprecated alternative whose value differs from the action's current one. */
  disputed(
    action: DisciplinaryActionEntity,
    alternatives: readonly ActionAlternativeEntity[],
  ): ActionAttribute[] {
    const found = new Set(
      alternatives
        .filter((a) => a.status !== 'DEPRECATED' && a.value !== currentValueOf(action, a.attribute))
        .map((a) => a.attribute),
    );
    return ACTION_ATTRIBUTES.filter((a) => found.has(a));
  }

  private async lockAction(
    m: EntityManager,
    id: string,
    field: string,
  ): Promise<DisciplinaryActionEntity> {
    const [action] = await this.actions.lockByIds(m, [id]);
    if (!action) throw DomainError.notFound('Action', id, field);
    return action;
  }

  /** Writes a value into the action's own column(s): a new version of the record. */
  private async apply(
    m: EntityManager,
    action: DisciplinaryActionEntity,
    alt: ActionAlternativeEntity,
  ): Promise<void> {
    const v = alt.value;
    const columns: Record<string, unknown> = {};
    switch (alt.attribute) {
      case 'ACTION_TYPE':
        columns.action_type = v;
        break;
      case 'OCCURRED':
        Object.assign(columns, {
          occurred: v,
          occurred_from: alt.occurredFrom,
          occurred_to: alt.occurredTo,
        });
        break;
      case 'RANK':
        columns.rank_code = v;
        break;
      case 'PROVINCE':
        columns.province_code = v;
        break;
      case 'AGENCY':
        columns.agency_code = v;
        break;
      case 'SUBJECT_COUNT': {
        const n = Number(v);
        ActionRules.subjects(Boolean(action.officerId), n, (_f, message) => {
          throw DomainError.badInput('status', message);
        });
        columns.subject_count = n;
        // The split between reasons belongs to the count it splits.
        let fits = true;
        ActionRules.reasonCounts(action.reasonCodes, action.reasonCounts, n, () => (fits = false));
        if (!fits) columns.reason_counts = null;
        break;
      }
      case 'REASONS':
        Object.assign(columns, { reason_codes: v ? v.split(',') : [], reason_counts: null });
        break;
      case 'OFFICER':
        if (v !== null && action.subjectCount !== 1)
          throw DomainError.badInput(
            'status',
            'An action about a named officer concerns one person: its subjectCount must be 1',
          );
        columns.officer_id = v;
        break;
    }
    await versionedUpdate(m, 'disciplinary_action', 'Action', action.id, action.version, columns);
    // The next write in the same transaction sees the new version.
    action.version += 1;
  }

  /** Checks a value as the field itself would be, and answers its canonical form. */
  private async canonical(
    m: EntityManager,
    attribute: ActionAttribute,
    raw: string,
    action: DisciplinaryActionEntity,
  ): Promise<CanonicalValue> {
    const codes = this.reference.codes();
    const plain = (value: string): CanonicalValue => ({
      value,
      occurredFrom: null,
      occurredTo: null,
    });
    switch (attribute) {
      case 'ACTION_TYPE':
        ActionRules.actionType(raw, valueReport);
        return plain(raw);
      case 'OCCURRED': {
        const date = ActionRules.occurred(raw, valueReport)!;
        return { value: date.edtf, occurredFrom: date.from, occurredTo: date.to };
      }
      case 'RANK':
        ActionRules.code('rankCode', raw, codes.ranks, valueReport);
        return plain(raw);
      case 'PROVINCE':
        ActionRules.code('provinceCode', raw, codes.provinces, valueReport);
        return plain(raw);
      case 'AGENCY':
        ActionRules.code('agencyCode', raw, codes.agencies, valueReport);
        return plain(raw);
      case 'SUBJECT_COUNT': {
        if (!/^[0-9]{1,7}$/.test(raw))
          throw DomainError.badInput(
            'value',
            'A subject count is a whole number of people (e.g. 70)',
          );
        const n = Number(raw);
        ActionRules.subjects(Boolean(action.officerId), n, valueReport);
        return plain(String(n));
      }
      case 'REASONS': {
        const list = raw.split(',').map((c) => c.trim());
        ActionRules.reasons(list, codes.reasons, valueReport);
        return plain(sortedReasons(list, null).codes.join(','));
      }
      case 'OFFICER': {
        ActionRules.subjects(true, action.subjectCount, valueReport);
        if (isUuid(raw)) {
          if (!(await this.officers.exists(raw, m)))
            throw DomainError.notFound('Officer', raw, 'value');
          return plain(raw.toLowerCase());
        }
        if (raw.length > 200)
          throw DomainError.badInput('value', 'An officer name has at most 200 characters');
        return plain((await this.alternatives.officerByName(m, raw)) ?? raw);
      }
    }
  }
}
