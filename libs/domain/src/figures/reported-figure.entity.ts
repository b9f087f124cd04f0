import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRecord } from '../common/versioned-record.js';
import type { ActionType } from '../actions/action.entities.js';

export const FIGURE_QUALIFIERS = [
  'EXACT',
  'ABOUT',
  'AT_LEAST',
  'MORE_THAN',
  'AT_MOST',
  'FEWER_THAN',
] as const;
export type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];

@Entity('reported_figure')
export class ReportedFigureEntity extends VersionedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('integer') value: number;
  @Column('text') qualifier: FigureQualifier;
  @Column('double precision') tolerance: number;
  @Column('text', { name: 'scope_action_types', array: true }) scopeActionTypes: ActionType[];
  @Column('text', { name: 'scope_reason_codes', array: true }) scopeReasonCodes: string[];
  @Column('text', { name: 'scope_province_codes', array: true }) scopeProvinceCodes: string[];
  @Column('text', { name: 'scope_rank_codes', array: true }) scopeRankCodes: string[];
  /** The agencies counted, as given (sub-agencies are included when counting); empty: any. */
  @Column('text', { name: 'scope_agency_codes', array: true }) scopeAgencyCodes: string[];
  @Column('date', { name: 'scope_from', nullable: true }) scopeFrom: string | null;
  @Column('date', { name: 'scope_to', nullable: true }) scopeTo: string | null;
  @Column('text', { name: 'stated_by', nullable: true }) statedBy: string | null;
  @Column('date', { name: 'stated_on', nullable: true }) statedOn: string | null;
  @Column('uuid', { name: 'source_id' }) sourceId: string;
  @Column('text', { nullable: true }) excerpt: string | null;
  @Column('text', { nullable: true }) locator: string | null;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  /** The figure this one repeats (the same statement, reported by another outlet); never itself a repeat. */
  @Column('uuid', { name: 'repeats_id', nullable: true }) repeatsId: string | null;
  @Column('boolean', { name: 'parts_are_exhaustive' }) partsAreExhaustive: boolean;
  @Column('text', { nullable: true }) description: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
