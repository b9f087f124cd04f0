import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { VersionedRecord } from '../common/versioned-record.js';

@Entity('province')
export class ProvinceEntity extends VersionedRecord {
  @PrimaryColumn('text') code: string;
  @Column('text', { name: 'country_code' }) countryCode: string;
  @Column('text') name: string;
  @Column('text', { name: 'name_km', nullable: true }) nameKm: string | null;
  @Column('text', { name: 'iso_name', nullable: true }) isoName: string | null;
  @Column('text') type: 'PROVINCE' | 'CAPITAL';
  @Column('text', { array: true }) aliases: string[];
  @Column('integer', { name: 'sort_order' }) sortOrder: number;
}

@Entity('rank')
export class RankEntity extends VersionedRecord {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('text', { name: 'name_km', nullable: true }) nameKm: string | null;
  @Column('text') tier: string;
  @Column('integer', { name: 'rank_order' }) order: number;
  @Column('text', { array: true }) aliases: string[];
  @Column('text', { nullable: true }) confidence: string | null;
}

export const AGENCY_KINDS = [
  'MINISTRY',
  'NATIONAL_POLICE',
  'GENERAL_DEPARTMENT',
  'DEPARTMENT',
  'PROVINCIAL_COMMISSARIAT',
  'GENDARMERIE',
  'PRISONS',
  'IMMIGRATION',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** A force or department (reference/agencies-kh.csv), in a tree: `parentCode` is the agency it belongs to. */
@Entity('agency')
export class AgencyEntity extends VersionedRecord {
  @PrimaryColumn('text') code: string;
  @Column('text', { name: 'country_code' }) countryCode: string;
  @Column('text') name: string;
  @Column('text', { name: 'name_km', nullable: true }) nameKm: string | null;
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
  @Column('text') kind: AgencyKind;
  /** The public page that best supports the row. */
  @Column('text') source: string;
  /** What the sources say, other names, doubts, confidence. */
  @Column('text', { nullable: true }) note: string | null;
  @Column('integer', { name: 'sort_order' }) sortOrder: number;
}

@Entity('reason')
export class ReasonEntity extends VersionedRecord {
  @PrimaryColumn('text') code: string;
  @Column('text') label: string;
  @Column('text', { nullable: true }) description: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
}
