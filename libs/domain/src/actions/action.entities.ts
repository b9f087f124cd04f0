import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRecord } from '../common/versioned-record.js';

export const ACTION_TYPES = [
  'DISMISSAL',
  'SUSPENSION',
  'DEMOTION',
  'REMOVAL_FROM_POST',
  'TRANSFER',
  'SALARY_CUT',
  'WARNING',
  'PROPOSED_DISMISSAL',
  'REINSTATEMENT',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export type Visibility = 'PUBLIC' | 'INTERNAL';

@Entity('disciplinary_action')
export class DisciplinaryActionEntity extends VersionedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('text', { name: 'action_type' }) actionType: ActionType;
  @Column('uuid', { name: 'officer_id', nullable: true }) officerId: string | null;
  @Column('integer', { name: 'subject_count' }) subjectCount: number;
  @Column('text', { name: 'subject_description', nullable: true }) subjectDescription:
    string | null;
  @Column('text', { name: 'rank_code', nullable: true }) rankCode: string | null;
  @Column('text', { name: 'rank_text', nullable: true }) rankText: string | null;
  @Column('text', { nullable: true }) position: string | null;
  @Column('text', { name: 'province_code', nullable: true }) provinceCode: string | null;
  /** The agency that acted or employs the officer (reference data); null: unknown. */
  @Column('text', { name: 'agency_code', nullable: true }) agencyCode: string | null;
  /** Sorted; at least one (UNSPECIFIED when the source gives none). */
  @Column('text', { name: 'reason_codes', array: true }) reasonCodes: string[];
  /** People per reason, in the order of reasonCodes, when an editor recorded how a group splits; null: unknown. */
  @Column('integer', { name: 'reason_counts', array: true, nullable: true }) reasonCounts:
    number[] | null;
  @Column('text', { name: 'reason_detail', nullable: true }) reasonDetail: string | null;
  @Column('text') occurred: string;
  @Column('date', { name: 'occurred_from' }) occurredFrom: string;
  @Column('date', { name: 'occurred_to' }) occurredTo: string;
  /** Generated: the year when the whole range lies in one year; the month (202401) when it lies in one month. */
  @Column({ type: 'integer', name: 'occurred_year', insert: false, update: false, nullable: true })
  occurredYear: number | null;
  @Column({ type: 'integer', name: 'occurred_month', insert: false, update: false, nullable: true })
  occurredMonth: number | null;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('text') visibility: Visibility;
  @Column('text', { name: 'external_id', nullable: true }) externalId: string | null;
  @Column('timestamptz', { name: 'retracted_at', nullable: true }) retractedAt: Date | null;
  @Column('text', { name: 'retraction_reason', nullable: true }) retractionReason: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
  /** The officer this record named when it was entered (a merge moves officer_id; a split moves it back). */
  @Column('uuid', { name: 'entered_officer_id', nullable: true }) enteredOfficerId: string | null;
  /** Derived from the links (action_links_refresh), per audience: the representative a SAME_AS duplicate is folded into. */
  @Column({ type: 'uuid', name: 'fold_public', insert: false, update: false, nullable: true })
  foldPublic: string | null;
  @Column({ type: 'uuid', name: 'fold_all', insert: false, update: false, nullable: true })
  foldAll: string | null;
  /** Derived: the distinct named members of a group (MEMBER_OF), per audience. */
  @Column({ type: 'integer', name: 'named_members_public', insert: false, update: false })
  namedMembersPublic: number;
  @Column({ type: 'integer', name: 'named_members_all', insert: false, update: false })
  namedMembersAll: number;
  /** Derived: the FOLLOWS case (its first step's id) and this action's step in it. */
  @Column({ type: 'uuid', name: 'case_id', insert: false, update: false, nullable: true }) caseId:
    string | null;
  @Column({ type: 'integer', name: 'case_step', insert: false, update: false, nullable: true })
  caseStep: number | null;
}

export const ACTION_LINK_KINDS = ['SAME_AS', 'MEMBER_OF', 'FOLLOWS', 'REVERSES'] as const;
export type ActionLinkKind = (typeof ACTION_LINK_KINDS)[number];

@Entity('action_link')
export class ActionLinkEntity extends VersionedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('uuid', { name: 'from_id' }) fromId: string;
  @Column('uuid', { name: 'to_id' }) toId: string;
  @Column('text') kind: ActionLinkKind;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { name: 'source_id', nullable: true }) sourceId: string | null;
  @Column('text', { nullable: true }) excerpt: string | null;
  @Column('text', { nullable: true }) locator: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}

@Entity('citation')
export class CitationEntity extends VersionedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'action_id' }) actionId: string;
  @Column('uuid', { name: 'source_id' }) sourceId: string;
  @Column('text', { nullable: true }) excerpt: string | null;
  @Column('text', { nullable: true }) locator: string | null;
  @Column('integer') ordinal: number;
}

/** The attributes of an action that sources may disagree on (README "Disagreeing sources"). */
export const ACTION_ATTRIBUTES = [
  'ACTION_TYPE',
  'OCCURRED',
  'RANK',
  'PROVINCE',
  'AGENCY',
  'SUBJECT_COUNT',
  'REASONS',
  'OFFICER',
] as const;
export type ActionAttribute = (typeof ACTION_ATTRIBUTES)[number];
export const ALTERNATIVE_STATUSES = ['PREFERRED', 'ALTERNATIVE', 'DEPRECATED'] as const;
export type AlternativeStatus = (typeof ALTERNATIVE_STATUSES)[number];
/** How a tally counts actions whose sources disagree: by their preferred values, or over every non-deprecated value. */
export const DISPUTED_AS = ['PREFERRED', 'UNCERTAIN'] as const;
export type DisputedAs = (typeof DISPUTED_AS)[number];

/**
 * A value of one attribute of an action as one source reports it. PREFERRED: the action's own
 * column holds it; `recordValue`: the row keeping the record's own value once another was preferred.
 */
@Entity('action_alternative')
export class ActionAlternativeEntity extends VersionedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('uuid', { name: 'action_id' }) actionId: string;
  @Column('text') attribute: ActionAttribute;
  /** Canonical text: a code, an EDTF date, a whole number, sorted comma-separated reason codes, an officer id or name; null: the record had no value. */
  @Column('text', { nullable: true }) value: string | null;
  @Column('date', { name: 'occurred_from', nullable: true }) occurredFrom: string | null;
  @Column('date', { name: 'occurred_to', nullable: true }) occurredTo: string | null;
  @Column('text') status: AlternativeStatus;
  @Column('boolean', { name: 'record_value' }) recordValue: boolean;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { name: 'source_id' }) sourceId: string;
  @Column('text', { nullable: true }) excerpt: string | null;
  @Column('text', { nullable: true }) locator: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
