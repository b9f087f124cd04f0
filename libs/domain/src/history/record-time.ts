import {
  ActionAlternativeEntity,
  ActionLinkEntity,
  DisciplinaryActionEntity,
  CitationEntity,
} from '../actions/action.entities.js';
import { OfficerEntity, OfficerMergeEntity } from '../officers/officer.entity.js';
import { SourceEntity } from '../sources/source.entity.js';
import { ReportedFigureEntity } from '../figures/reported-figure.entity.js';
import {
  AgencyEntity,
  ProvinceEntity,
  RankEntity,
  ReasonEntity,
} from '../reference/reference.entities.js';
import { columnsOf } from '../common/entity-columns.js';
import type { SqlParams } from '../common/sql-params.js';

/** The system-versioned tables (migration VersionRecordTables) and their entities. */
export const VERSIONED_TABLES = {
  province: ProvinceEntity,
  rank: RankEntity,
  reason: ReasonEntity,
  agency: AgencyEntity,
  officer: OfficerEntity,
  source: SourceEntity,
  disciplinary_action: DisciplinaryActionEntity,
  citation: CitationEntity,
  reported_figure: ReportedFigureEntity,
  action_link: ActionLinkEntity,
  officer_merge: OfficerMergeEntity,
  action_alternative: ActionAlternativeEntity,
} as const;
export type VersionedTable = keyof typeof VERSIONED_TABLES;

const columnList = new Map<VersionedTable, string>();
function columnsSql(table: VersionedTable): string {
  let list = columnList.get(table);
  if (!list) {
    list = columnsOf(VERSIONED_TABLES[table])
      .map((c) => `"${c.column}"`)
      .join(', ');
    columnList.set(table, list);
  }
  return list;
}

/**
 * Record time: which rows a query reads. Live, a table is itself; "as recorded at T", it is the
 * rows that were current at T: current rows recorded by T, and history rows whose period
 * [recorded_at, superseded_at) holds T (indexed on superseded_at). Every read path builds its
 * SQL once, over `of(table)`, whichever time it reads: the same query code serves the live and
 * the as-of answer, and nothing rewrites SQL text.
 */
export class RecordTime {
  private placeholder?: string;

  constructor(
    readonly at: Date | null | undefined,
    private readonly params: SqlParams,
  ) {}

  get live(): boolean {
    return !this.at;
  }

  /** The relation of `table`'s rows at this record time (use with an alias: `FROM ${rt.of('officer')} o`). */
  of(table: VersionedTable): string {
    const parts = this.parts(table);
    return parts.length === 1
      ? parts[0].sql
      : `(${parts.map((x) => x.sql.slice(1, -1)).join('\n      UNION ALL ')})`;
  }

  /**
   * The same rows as `of(table)` in the parts whose UNION ALL it is: live, the table; as recorded
   * at T, the current rows recorded by T, then the history rows valid at T, each a relation of its
   * own. A query written once over a part and repeated for each (then combined) lets PostgreSQL
   * estimate, group and parallelise each part as the table it is, and lets the visibility rule be
   * written for the part (visibleActionSql's `relation`): an aggregate over `of(table)` cannot be
   * pushed into the union's branches.
   */
  parts(table: VersionedTable): RecordTimePart[] {
    if (!this.at) return [{ sql: table, kind: 'as-of' }];
    this.placeholder ??= this.params.add(this.at.toISOString(), 'timestamptz');
    const t = this.placeholder;
    const columns = columnsSql(table);
    // Actions carry `_current` (the row is the current version), so the visibility rule "hide the
    // past of an action INTERNAL now" probes only history rows (visibleActionSql).
    const current = table === 'disciplinary_action' ? ', true AS _current' : '';
    const past = table === 'disciplinary_action' ? ', false AS _current' : '';
    return [
      {
        sql: `(SELECT ${columns}${current} FROM ${table} WHERE recorded_at <= ${t})`,
        kind: 'current',
      },
      {
        sql: `(SELECT ${columns}${past} FROM ${table}_history WHERE recorded_at <= ${t} AND superseded_at > ${t})`,
        kind: 'history',
      },
    ];
  }
}

/**
 * One part of a relation at a record time: live, the table itself (`as-of`: what `of` gives);
 * as recorded, its current rows or its history rows valid then.
 */
export interface RecordTimePart {
  sql: string;
  kind: 'as-of' | 'current' | 'history';
}
