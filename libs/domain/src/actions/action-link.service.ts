import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@app/core';
import {
  ACTION_LINK_KINDS,
  type ActionLinkEntity,
  type ActionLinkKind,
  type DisciplinaryActionEntity,
} from './action.entities.js';
import { ActionLinkRepository, type LinkEnd } from './action-link.repository.js';
import { SourceRepository } from '../sources/source.repository.js';
import { inTransaction } from '../common/transaction.js';
import { checkId } from '../common/uuid.js';
import { actorName, type Viewer } from '../common/viewer.js';
import { visibilityOf } from '../access/visibility.js';

export interface LinkActionsCommand {
  fromId: string;
  toId: string;
  kind: ActionLinkKind;
  note?: string | null;
  citation?: { sourceId: string; excerpt?: string | null; locator?: string | null } | null;
}

/** A consistency issue of one action (README "Counting once"). */
export interface ActionIssue {
  kind: 'GROUP_OVERFLOW';
  message: string;
}

// A SAME_AS set larger than this is almost certainly a mistake (a chain of wrong links), and every
// write to it recomputes the whole set in the link trigger.
const MAX_SAME_AS_SET = 100;

const LINK_CONSTRAINTS: Record<string, string> = {
  action_link_once: 'toId',
  action_link_not_self: 'toId',
  action_link_source_id_fkey: 'citation.sourceId',
  action_link_from_id_fkey: 'fromId',
  action_link_to_id_fkey: 'toId',
};

const KIND_WORDS: Record<ActionLinkKind, string> = {
  SAME_AS: 'the same action as',
  MEMBER_OF: 'a named member of the group of',
  FOLLOWS: 'a later step of the case of',
  REVERSES: 'the reversal of',
};

/**
 * Links between actions (README "Counting once"): written by editors, versioned like every record,
 * and refused when they would make the counting rules meaningless (an action linked to itself, a
 * cycle, a member of something that is not a group) or show an INTERNAL action to public readers.
 */
@Injectable()
export class ActionLinkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: ActionLinkRepository,
    private readonly sources: SourceRepository,
  ) {}

  async link(command: LinkActionsCommand, viewer: Viewer): Promise<ActionLinkEntity> {
    const fromId = checkId(command.fromId, 'fromId');
    const toId = checkId(command.toId, 'toId');
    const kind = command.kind;
    if (!ACTION_LINK_KINDS.includes(kind))
      throw DomainError.badInput('kind', `Unknown link kind ${String(kind)}`);
    if (fromId === toId) throw DomainError.badInput('toId', 'An action cannot be linked to itself');
    const citation = command.citation ?? null;
    if (citation) checkId(citation.sourceId, 'citation.sourceId');
    const id = await inTransaction(
      this.dataSource,
      async (m) => {
        await this.links.lockLinks(m);
        const ends = await this.links.ends(m, [fromId, toId]);
        const from = ends.get(fromId);
        const to = ends.get(toId);
        if (!from) throw DomainError.notFound('Action', fromId, 'fromId');
        if (!to) throw DomainError.notFound('Action', toId, 'toId');
        this.checkEnds(kind, from, to);
        if (
          citation &&
          !(await this.sources.existingIds(m, [citation.sourceId.toLowerCase()])).size
        ) {
          throw DomainError.notFound('Source', citation.sourceId, 'citation.sourceId');
        }
        // Two records of one action cannot also be steps, members or reversals of each other.
        if (await this.links.reaches(m, fromId, toId, ['SAME_AS'], false)) {
          if (kind === 'SAME_AS') {
            throw new DomainError(
              ErrorCode.CONFLICT,
              `Actions ${fromId} and ${toId} are already linked as the same action`,
              { field: 'toId' },
            );
          }
          throw DomainError.badInput(
            'toId',
            `Actions ${fromId} and ${toId} are linked as the same action: one cannot be ${KIND_WORDS[kind]} the other`,
          );
        }
        if (kind === 'SAME_AS') {
          const otherKinds = ACTION_LINK_KINDS.filter((k) => k !== 'SAME_AS');
          if (await this.links.reaches(m, fromId, toId, otherKinds, false)) {
            throw DomainError.badInput(
              'toId',
              `Actions ${fromId} and ${toId} are already linked as steps, members or reversals of each other: they cannot also be the same action`,
            );
          }
        }
        if (
          (kind === 'FOLLOWS' || kind === 'REVERSES') &&
          (await this.links.reaches(m, toId, fromId, [kind], true))
        ) {
          throw DomainError.badInput(
            'toId',
            `This ${kind} link would form a cycle: ${toId} already leads to ${fromId}`,
          );
        }
        const id = await this.links.insert(m, {
          fromId,
          toId,
          kind,
          note: command.note ?? null,
          sourceId: citation ? citation.sourceId.toLowerCase() : null,
          excerpt: citation?.excerpt ?? null,
          locator: citation?.locator ?? null,
        });
        if (kind === 'SAME_AS') await this.checkSetSize(m, fromId);
        return id;
      },
      LINK_CONSTRAINTS,
      { actor: actorName(viewer) },
    );
    return (await this.links.getById(id))!;
  }

  /** Removes a link (kept in the history); answers the link as it was. */
  async unlink(input: { id: string }, viewer: Viewer): Promise<ActionLinkEntity> {
    const id = checkId(input.id);
    const removed = await inTransaction(
      this.dataSource,
      async (m) => {
        await this.links.lockLinks(m);
        return this.links.delete(m, id);
      },
      {},
      { actor: actorName(viewer) },
    );
    if (!removed) throw DomainError.notFound('Action link', id);
    return removed;
  }

  /** The links of each action (either end) that the caller may see, in the order of `ids`. */
  async linksOf(ids: readonly string[], viewer: Viewer): Promise<ActionLinkEntity[][]> {
    const rows = await this.links.ofActions(ids, visibilityOf(viewer).actionSql('a'));
    return ids.map((id) => rows.filter((l) => l.fromId === id || l.toId === id));
  }

  /** The ids of the duplicates folded into each action, in the order of `ids`. */
  async duplicateIdsOf(ids: readonly string[], viewer: Viewer): Promise<string[][]> {
    const rows = await this.links.duplicatesOf(
      ids,
      visibilityOf(viewer).seesAll ? 'all' : 'public',
    );
    return ids.map((id) => rows.filter((r) => r.into === id).map((r) => r.id));
  }

  /** The action a duplicate is folded into, for this caller's audience (null: counted itself). */
  countedAsId(action: DisciplinaryActionEntity, viewer: Viewer): string | null {
    return visibilityOf(viewer).seesAll ? action.foldAll : action.foldPublic;
  }

  /** Consistency issues of an action as this caller counts it. */
  issuesOf(action: DisciplinaryActionEntity, viewer: Viewer): ActionIssue[] {
    const named = visibilityOf(viewer).seesAll ? action.namedMembersAll : action.namedMembersPublic;
    if (named > action.subjectCount) {
      return [
        {
          kind: 'GROUP_OVERFLOW',
          message: `The group counts ${action.subjectCount} people but ${named} named officers are recorded as its members: the named members are what counts (the group adds 0).`,
        },
      ];
    }
    return [];
  }

  private checkEnds(kind: ActionLinkKind, from: LinkEnd, to: LinkEnd): void {
    if (from.visibility !== to.visibility) {
      const internal = from.visibility === 'INTERNAL' ? from.id : to.id;
      throw DomainError.badInput(
        from.visibility === 'INTERNAL' ? 'fromId' : 'toId',
        `Action ${internal} is INTERNAL and the other is PUBLIC: the link would show it to public readers. Publish it first, or link INTERNAL actions only to each other.`,
      );
    }
    if (kind === 'MEMBER_OF') {
      if (!from.officerId || from.subjectCount !== 1) {
        throw DomainError.badInput(
          'fromId',
          `A MEMBER_OF link goes from an action naming one officer; action ${from.id} names none`,
        );
      }
      if (to.subjectCount <= 1) {
        throw DomainError.badInput(
          'toId',
          `A MEMBER_OF link goes to a counted group (subjectCount > 1); action ${to.id} counts ${to.subjectCount}`,
        );
      }
    }
  }

  private async checkSetSize(
    m: Parameters<ActionLinkRepository['lockLinks']>[0],
    id: string,
  ): Promise<void> {
    const size = await this.links.sameAsSetSize(m, id, MAX_SAME_AS_SET + 1);
    if (size > MAX_SAME_AS_SET) {
      throw DomainError.badInput(
        'toId',
        `A set of records of one action holds at most ${MAX_SAME_AS_SET} records`,
      );
    }
  }
}
