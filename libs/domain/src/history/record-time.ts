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
    if (!this.at) return table;
    this.placeholder ??= this.params.add(this.at.toISOString(), 'timestamptz');
    const t = this.placeholder;
    const columns = columnsSql(table);
    // Actions carry `_current` (the row is the current version), so the visibility rule "hide the
    // past of an action INTERNAL now" probes only history rows (visibleActionSql).
    const current = table === 'disciplinary_action' ? ', true AS _current' : '';
    const past = table === 'disciplinary_action' ? ', false AS _current' : '';
    return `(SELECT ${columns}${current} FROM ${table} WHERE recorded_at <= ${t}
      UNION ALL SELECT ${columns}${past} FROM ${table}_history WHERE recorded_at <= ${t} AND superseded_at > ${t})`;
  }
}
