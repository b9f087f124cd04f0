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

@Entity('reason')
export class ReasonEntity extends VersionedRecord {
  @PrimaryColumn('text') code: string;
  @Column('text') label: string;
  @Column('text', { nullable: true }) description: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
}
