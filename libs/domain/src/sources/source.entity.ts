import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRecord } from '../common/versioned-record.js';

export type SourceKind =
  | 'NEWS_ARTICLE'
  | 'OFFICIAL_STATEMENT'
  | 'OFFICIAL_DOCUMENT'
  | 'SOCIAL_MEDIA'
  | 'NGO_REPORT'
  | 'OTHER';

@Entity('source')
export class SourceEntity extends VersionedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('text') title: string;
  @Column('text') publisher: string;
  @Column('text', { nullable: true }) url: string | null;
  @Column('date', { name: 'published_on', nullable: true }) publishedOn: string | null;
  @Column('text', { nullable: true }) language: string | null;
  @Column('text') kind: SourceKind;
  @Column('text', { name: 'archive_url', nullable: true }) archiveUrl: string | null;
  @Column('date', { name: 'accessed_on', nullable: true }) accessedOn: string | null;
  @Column('boolean') confidential: boolean;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
