import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('officer')
export class OfficerEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('text', { name: 'full_name' }) fullName: string;
  @Column('text', { name: 'full_name_km', nullable: true }) fullNameKm: string | null;
  @Column('text', { array: true }) aliases: string[];
  @Column('text', { nullable: true }) gender: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
