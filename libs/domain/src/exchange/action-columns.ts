/** A column of a CSV resource, as described in the Data Package (Frictionless Table Schema). */
export interface ColumnSpec {
  name: string;
  type: 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean';
  description: string;
  /** Several values joined with `|` (see csv.ts). */
  multiValue?: boolean;
}

/** The columns of actions.csv, in order. The import reads the same columns (import-rows.ts). */
export const ACTION_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'id',
    type: 'string',
    description:
      'Id of the action in this tracker (UUID); on import, identifies the record when external_id is empty',
  },
  {
    name: 'external_id',
    type: 'string',
    description: 'Stable id given by the publisher of the data; makes imports idempotent',
  },
  {
    name: 'action_type',
    type: 'string',
    description:
      'DISMISSAL, SUSPENSION, DEMOTION, REMOVAL_FROM_POST, TRANSFER, SALARY_CUT, WARNING, PROPOSED_DISMISSAL or REINSTATEMENT',
  },
  {
    name: 'officer_name',
    type: 'string',
    description: 'Full name of the officer (romanised); empty for unnamed officers',
  },
  { name: 'officer_name_km', type: 'string', description: 'Full name of the officer in Khmer' },
  {
    name: 'subject_count',
    type: 'integer',
    description: 'People concerned (1 for a named officer)',
  },
  { name: 'subject_description', type: 'string', description: 'Who they are, when not named' },
  {
    name: 'rank_code',
    type: 'string',
    description: 'Rank at the time of the action (reference code, e.g. LT_COL)',
  },
  { name: 'rank_text', type: 'string', description: 'Rank as written in the source' },
  { name: 'position', type: 'string', description: 'Position as written in the source' },
  {
    name: 'province_code',
    type: 'string',
    description: 'ISO 3166-2 code (e.g. KH-12); empty for national or unknown',
  },
  {
    name: 'agency_code',
    type: 'string',
    description:
      'The agency that acted or employs the officer (reference code, e.g. KH_NP_PP); empty when unknown',
  },
  { name: 'reason_codes', type: 'string', description: 'Reason codes', multiValue: true },
  {
    name: 'reason_counts',
    type: 'string',
    description:
      'For a group with several reasons: the people each reason concerns, in the order of reason_codes (empty when the split is unknown)',
    multiValue: true,
  },
  { name: 'reason_detail', type: 'string', description: 'The reason in the words of the source' },
  {
    name: 'occurred',
    type: 'string',
    description: 'When, as an EDTF date (2024-01, 2023-11/2024-01-23, 2024-01-05?)',
  },
  {
    name: 'occurred_from',
    type: 'date',
    description: 'First possible day (derived from occurred; ignored on import)',
  },
  {
    name: 'occurred_to',
    type: 'date',
    description: 'Last possible day (derived from occurred; ignored on import)',
  },
  { name: 'decided_by', type: 'string', description: 'Who decided' },
  {
    name: 'visibility',
    type: 'string',
    description: 'PUBLIC or INTERNAL (not yet verified; editors only)',
  },
  {
    name: 'source_title',
    type: 'string',
    description: 'Title of each cited source',
    multiValue: true,
  },
  {
    name: 'source_publisher',
    type: 'string',
    description: 'Publisher of each cited source',
    multiValue: true,
  },
  {
    name: 'source_url',
    type: 'string',
    description: 'Address of each cited source (empty when it has none)',
    multiValue: true,
  },
  {
    name: 'citation_excerpt',
    type: 'string',
    description: 'The passage of each source that supports the record',
    multiValue: true,
  },
  {
    name: 'citation_locator',
    type: 'string',
    description: 'Where in each source (page, paragraph)',
    multiValue: true,
  },
  {
    name: 'retracted_at',
    type: 'datetime',
    description: 'When the record was retracted (only with includeRetracted; ignored on import)',
  },
  {
    name: 'retraction_reason',
    type: 'string',
    description: 'Why it was retracted (ignored on import)',
  },
  {
    name: 'created_at',
    type: 'datetime',
    description: 'When the record was created here (ignored on import)',
  },
  {
    name: 'updated_at',
    type: 'datetime',
    description: 'When the record last changed here (ignored on import)',
  },
  {
    name: 'counts_as',
    type: 'string',
    description:
      "certain: the record counts whole towards the tally of the same filter (its dates lie inside the period); possible: it may count (its dates only overlap the period, or a group's split between reasons is unknown). Ignored on import",
  },
];

/** Shown instead of a confidential source's identifying fields to callers who may not see them. */
export const WITHHELD_TITLE = '[confidential source]';
export const WITHHELD_PUBLISHER = '[withheld]';

export interface ExportCitation {
  title: string | null;
  publisher: string | null;
  url: string | null;
  excerpt: string | null;
  locator: string | null;
  withheld: boolean;
}

/** A row of the actions.json query (export.repository.ts). */
export interface ActionExportRow {
  id: string;
  external_id: string | null;
  action_type: string;
  officer_name: string | null;
  officer_name_km: string | null;
  subject_count: number;
  subject_description: string | null;
  rank_code: string | null;
  rank_text: string | null;
  position: string | null;
  province_code: string | null;
  agency_code: string | null;
  reason_codes: string[];
  reason_counts: number[] | null;
  reason_detail: string | null;
  occurred: string;
  occurred_from: string;
  occurred_to: string;
  decided_by: string | null;
  visibility: string;
  citations: ExportCitation[] | null;
  retracted_at: Date | null;
  retraction_reason: string | null;
  created_at: Date;
  updated_at: Date;
  counts_as: 'certain' | 'possible';
}

/** One element of actions.json: the same facts, nested, camelCase as in the GraphQL API. */
export function actionJson(r: ActionExportRow): Record<string, unknown> {
  return {
    id: r.id,
    externalId: r.external_id,
    actionType: r.action_type,
    officer:
      r.officer_name === null ? null : { fullName: r.officer_name, fullNameKm: r.officer_name_km },
    subjectCount: r.subject_count,
    subjectDescription: r.subject_description,
    rankCode: r.rank_code,
    rankText: r.rank_text,
    position: r.position,
    provinceCode: r.province_code,
    agencyCode: r.agency_code,
    reasonCodes: r.reason_codes,
    reasonCounts: r.reason_counts,
    reasonDetail: r.reason_detail,
    occurred: r.occurred,
    occurredFrom: r.occurred_from,
    occurredTo: r.occurred_to,
    decidedBy: r.decided_by,
    visibility: r.visibility,
    citations: (r.citations ?? []).map((c) => ({
      source: { title: c.title, publisher: c.publisher, url: c.url, redacted: c.withheld },
      excerpt: c.excerpt,
      locator: c.locator,
    })),
    retractedAt: r.retracted_at?.toISOString() ?? null,
    retractionReason: r.retraction_reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    countsAs: r.counts_as,
  };
}
