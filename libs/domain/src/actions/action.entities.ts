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
  @Column('text', { name: 'subject_description', nullable: true }) subjectDescription: string | null;
  @Column('text', { name: 'rank_code', nullable: true }) rankCode: string | null;
  @Column('text', { name: 'rank_text', nullable: true }) rankText: string | null;
  @Column('text', { nullable: true }) position: string | null;
  @Column('text', { name: 'province_code', nullable: true }) provinceCode: string | null;
  /** Sorted; at least one (UNSPECIFIED when the source gives none). */
  @Column('text', { name: 'reason_codes', array: true }) reasonCodes: string[];
  /** People per reason, in the order of reasonCodes, when an editor recorded how a group splits; null: unknown. */
  @Column('integer', { name: 'reason_counts', array: true, nullable: true }) reasonCounts: number[] | null;
  @Column('text', { name: 'reason_detail', nullable: true }) reasonDetail: string | null;
  @Column('text') occurred: string;
  @Column('date', { name: 'occurred_from' }) occurredFrom: string;
  @Column('date', { name: 'occurred_to' }) occurredTo: string;
  /** Generated: the year when the whole range lies in one year; the month (202401) when it lies in one month. */
  @Column({ type: 'integer', name: 'occurred_year', insert: false, update: false, nullable: true }) occurredYear: number | null;
  @Column({ type: 'integer', name: 'occurred_month', insert: false, update: false, nullable: true }) occurredMonth: number | null;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('text') visibility: Visibility;
  @Column('text', { name: 'external_id', nullable: true }) externalId: string | null;
  @Column('timestamptz', { name: 'retracted_at', nullable: true }) retractedAt: Date | null;
  @Column('text', { name: 'retraction_reason', nullable: true }) retractionReason: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}

@Entity('action_reason')
export class ActionReasonEntity {
  @PrimaryColumn('uuid', { name: 'action_id' }) actionId: string;
  @PrimaryColumn('text', { name: 'reason_code' }) reasonCode: string;
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
