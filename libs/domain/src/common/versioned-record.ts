import { Column } from 'typeorm';

/**
 * The columns every record table has for its record time (migration VersionRecordTables): when
 * this version of the row became current, who made it, and its place in the order of all changes.
 * Written by the database alone (defaults on insert, a trigger on update).
 */
export abstract class VersionedRecord {
  @Column({ type: 'timestamptz', name: 'recorded_at', insert: false, update: false })
  recordedAt: Date;
  @Column({ type: 'text', name: 'recorded_by', insert: false, update: false }) recordedBy: string;
  @Column({ type: 'bigint', name: 'change_seq', insert: false, update: false }) changeSeq: string;
}
