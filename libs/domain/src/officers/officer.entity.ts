import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRecord } from '../common/versioned-record.js';

@Entity('officer')
export class OfficerEntity extends VersionedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('text', { name: 'full_name' }) fullName: string;
  @Column('text', { name: 'full_name_km', nullable: true }) fullNameKm: string | null;
  @Column('text', { array: true }) aliases: string[];
  @Column('text', { nullable: true }) gender: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  /** Every spelling of the name, lower-cased, for trigram search (set by a trigger). */
  @Column({ type: 'text', name: 'search_text', insert: false, update: false, select: false })
  searchText: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
  /** The officer this one was merged into (it stays resolvable: officer(id) answers the survivor). */
  @Column('uuid', { name: 'merged_into', nullable: true }) mergedInto: string | null;
}

@Entity('officer_merge')
export class OfficerMergeEntity extends VersionedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('uuid', { name: 'survivor_id' }) survivorId: string;
  @Column('uuid', { name: 'merged_id' }) mergedId: string;
  @Column('text') reason: string;
  /** The names the survivor took from the merged officer as aliases (given back by a split). */
  @Column('text', { name: 'moved_aliases', array: true }) movedAliases: string[];
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
