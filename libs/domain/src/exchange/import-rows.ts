import { DomainError } from '@app/core';
import {
  ActionRules,
  sortedReasons,
  type ActionRuleField,
  type ReferenceCodes,
  type RuleReport,
} from '../actions/action-rules.js';
import { parseDateTime, parsePartialDate } from '../common/partial-date.js';
import { checkHttpUrl } from '../common/url.js';
import { restoreNeutralised, splitMultiValue } from './csv.js';
import { ACTION_COLUMNS, WITHHELD_TITLE } from './action-columns.js';

/** A problem in an imported file: where (data row from 1, line in the file, column from 1) and what. */
export interface ImportProblem {
  row?: number;
  line?: number;
  column?: number;
  columnName?: string;
  message: string;
}

export interface StagedCitation {
  title: string;
  publisher: string;
  url: string | null;
  excerpt: string | null;
  locator: string | null;
}

/** A valid row, ready for the staging table. */
export interface StagedAction {
  row: number;
  givenId: string | null;
  externalId: string | null;
  actionType: string;
  officerName: string | null;
  officerNameKm: string | null;
  subjectCount: number;
  subjectDescription: string | null;
  rankCode: string | null;
  rankText: string | null;
  position: string | null;
  provinceCode: string | null;
  agencyCode: string | null;
  reasonCodes: string[];
  reasonCounts: number[] | null;
  reasonDetail: string | null;
  occurred: string;
  occurredFrom: string;
  occurredTo: string;
  decidedBy: string | null;
  visibility: string;
  citations: StagedCitation[];
  /** A retracted record (a round trip of a download with includeRetracted): when, and why. */
  retractedAt: string | null;
  retractionReason: string | null;
}

export type { ReferenceCodes };

// The same limits as the GraphQL inputs (text.validators.ts LIMITS): short 300, medium 1000, excerpt 5000.
const SHORT = 300;
const MEDIUM = 1000;
const EXCERPT = 5000;
const SINGLE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;
const MULTI_LINE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Columns the import reads; the export's other columns are derived or managed here, and ignored. */
const REQUIRED = [
  'action_type',
  'reason_codes',
  'occurred',
  'source_title',
  'source_publisher',
] as const;
export const IGNORED_ON_IMPORT: readonly string[] = [
  'occurred_from',
  'occurred_to',
  'created_at',
  'updated_at',
  'counts_as',
];

/** The import's column for each field the action rules name. */
const RULE_COLUMNS: Record<ActionRuleField, string> = {
  actionType: 'action_type',
  officerId: 'officer_name',
  subjectCount: 'subject_count',
  rankCode: 'rank_code',
  provinceCode: 'province_code',
  agencyCode: 'agency_code',
  reasonCodes: 'reason_codes',
  reasonCounts: 'reason_counts',
  occurred: 'occurred',
  visibility: 'visibility',
  citations: 'source_title',
};
const KNOWN = new Set(ACTION_COLUMNS.map((c) => c.name));

/** A row validator compiled from the header: plain functions, no per-row reflection. */
export type RowValidator = (
  cells: string[],
  row: number,
  line: number,
  problems: ImportProblem[],
) => StagedAction | null;

/** Checks the header; returns its problems, or a validator for the rows. */
export function compileHeader(
  header: string[],
  codes: ReferenceCodes,
): { problems: ImportProblem[]; validate?: RowValidator } {
  const problems: ImportProblem[] = [];
  const index = new Map<string, number>();
  if (header.length === 1 && /[;\t|]/.test(header[0])) {
    const delimiter = header[0].includes(';') ? ';' : header[0].includes('\t') ? 'tab' : '|';
    return {
      problems: [
        {
          line: 1,
          column: 1,
          message: `The header is one column "${header[0].slice(0, 80)}": the file seems to use ${delimiter} between columns; use commas (RFC 4180)`,
        },
      ],
    };
  }
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (index.has(name))
      problems.push({
        line: 1,
        column: i + 1,
        columnName: name,
        message: `Column "${name}" appears twice (columns ${index.get(name)! + 1} and ${i + 1})`,
      });
    else if (!KNOWN.has(name))
      problems.push({
        line: 1,
        column: i + 1,
        columnName: name,
        message: `Unknown column "${name}": use the columns of actions.csv (${[...KNOWN].join(', ')})`,
      });
    else index.set(name, i);
  });
  for (const name of REQUIRED) {
    if (!index.has(name))
      problems.push({
        line: 1,
        columnName: name,
        message: `Missing column "${name}": it is required`,
      });
  }
  if (problems.length) return { problems };
  return { problems, validate: compileRow(index, codes) };
}

// Distinct dates remembered per import: the EDTF grammar costs ~0.5 ms a parse, and a file repeats dates.
const DATE_MEMO_LIMIT = 50_000;

function compileRow(index: Map<string, number>, codes: ReferenceCodes): RowValidator {
  const dates = new Map<string, ReturnType<typeof parsePartialDate> | string>();
  const parseDate = (text: string) => {
    let parsed = dates.get(text);
    if (parsed === undefined) {
      try {
        parsed = parsePartialDate(text, 'occurred');
      } catch (err) {
        parsed = err instanceof DomainError ? err.message : 'Not a valid date';
      }
      if (dates.size < DATE_MEMO_LIMIT) dates.set(text, parsed);
    }
    return parsed;
  };
  const col = (name: string) => index.get(name);
  const c = {
    id: col('id'),
    externalId: col('external_id'),
    actionType: col('action_type')!,
    officerName: col('officer_name'),
    officerNameKm: col('officer_name_km'),
    subjectCount: col('subject_count'),
    subjectDescription: col('subject_description'),
    rankCode: col('rank_code'),
    rankText: col('rank_text'),
    position: col('position'),
    provinceCode: col('province_code'),
    agencyCode: col('agency_code'),
    reasonCodes: col('reason_codes')!,
    reasonDetail: col('reason_detail'),
    occurred: col('occurred')!,
    decidedBy: col('decided_by'),
    visibility: col('visibility'),
    title: col('source_title')!,
    publisher: col('source_publisher')!,
    url: col('source_url'),
    excerpt: col('citation_excerpt'),
    locator: col('citation_locator'),
    reasonCounts: col('reason_counts'),
    retractedAt: col('retracted_at'),
    retractionReason: col('retraction_reason'),
  };
  const names = [...index.entries()].reduce<string[]>(
    (acc, [name, i]) => ((acc[i] = name), acc),
    [],
  );

  return (cells, row, line, problems) => {
    const before = problems.length;
    const fail = (at: number, message: string) =>
      problems.push({ row, line, column: at + 1, columnName: names[at], message });
    const raw = (at: number | undefined) => (at === undefined ? '' : restoreNeutralised(cells[at]));
    const text = (at: number | undefined, max: number, multiline = false): string | null => {
      const v = raw(at);
      if (v === '' || at === undefined) return null;
      if (v.length > max) fail(at, `At most ${max} characters (this has ${v.length})`);
      else if (!(multiline ? MULTI_LINE : SINGLE_LINE).test(v))
        fail(at, 'Contains control characters' + (multiline ? '' : ' or line breaks'));
      return v;
    };

    // The shared action rules (actions/action-rules.ts), reported at the column of their field.
    const report: RuleReport = (field, message) => {
      const at = index.get(RULE_COLUMNS[field.split('.')[0] as ActionRuleField]);
      problems.push({
        row,
        line,
        column: at === undefined ? undefined : at + 1,
        columnName: at === undefined ? undefined : names[at],
        message,
      });
    };
    const givenId = raw(c.id).trim() || null;
    if (givenId !== null && !UUID.test(givenId))
      fail(c.id!, 'id must be a UUID (or empty for a new record)');
    const externalId = text(c.externalId, SHORT);
    const actionType = raw(c.actionType).trim();
    ActionRules.actionType(actionType, report);
    const officerName = text(c.officerName, SHORT);
    const officerNameKm = text(c.officerNameKm, SHORT);
    let subjectCount = 1;
    const countText = raw(c.subjectCount).trim();
    if (countText !== '') {
      subjectCount = /^\d+$/.test(countText) ? Number(countText) : NaN;
      ActionRules.subjects(officerName !== null, subjectCount, report);
    }
    const rankCode = raw(c.rankCode).trim() || null;
    ActionRules.code('rankCode', rankCode, codes.ranks, report);
    const provinceCode = raw(c.provinceCode).trim() || null;
    ActionRules.code('provinceCode', provinceCode, codes.provinces, report);
    const agencyCode = raw(c.agencyCode).trim() || null;
    ActionRules.code('agencyCode', agencyCode, codes.agencies, report);
    const reasonCodes = splitMultiValue(raw(c.reasonCodes)).map((v) => v.trim());
    ActionRules.reasons(reasonCodes, codes.reasons, report);
    const countsText = splitMultiValue(raw(c.reasonCounts)).map((v) => v.trim());
    let reasonCounts: number[] | null = null;
    if (countsText.length > 0) {
      reasonCounts = countsText.map((v) => (/^\d+$/.test(v) ? Number(v) : NaN));
      ActionRules.reasonCounts(reasonCodes, reasonCounts, subjectCount, report);
    }
    const occurredText = raw(c.occurred).trim();
    const occurred = ActionRules.occurred(occurredText, report, (t) => {
      const parsed = parseDate(t);
      if (typeof parsed === 'string') throw DomainError.badInput('occurred', parsed);
      return parsed;
    }) ?? { edtf: '', from: '', to: '' };
    const visibility = raw(c.visibility).trim() || 'PUBLIC';
    ActionRules.visibility(visibility, report);
    const retractedText = raw(c.retractedAt).trim();
    let retractedAt: string | null = null;
    if (retractedText !== '') {
      try {
        retractedAt = parseDateTime(retractedText, 'retracted_at').toISOString();
      } catch (err) {
        fail(c.retractedAt!, err instanceof DomainError ? err.message : 'Not a date and time');
      }
    }
    const retractionReason = text(c.retractionReason, MEDIUM, true);
    if (retractedAt !== null && retractionReason === null)
      fail(c.retractedAt!, 'A retracted record needs its retraction_reason');
    if (retractedAt === null && retractionReason !== null)
      fail(c.retractionReason!, 'retraction_reason is given but retracted_at is empty');

    const citations = compileCitations(c, raw, fail);
    const subjectDescription = text(c.subjectDescription, MEDIUM);
    const rankText = text(c.rankText, SHORT);
    const position = text(c.position, MEDIUM);
    const reasonDetail = text(c.reasonDetail, MEDIUM, true);
    const decidedBy = text(c.decidedBy, SHORT);
    if (problems.length > before) return null;
    const reasons = sortedReasons(reasonCodes, reasonCounts);
    return {
      row,
      givenId: givenId?.toLowerCase() ?? null,
      externalId,
      actionType,
      officerName,
      officerNameKm: officerName === null ? null : officerNameKm,
      subjectCount,
      subjectDescription,
      rankCode,
      rankText,
      position,
      provinceCode,
      agencyCode,
      reasonCodes: reasons.codes,
      reasonCounts: reasons.counts,
      reasonDetail,
      occurred: occurred.edtf,
      occurredFrom: occurred.from,
      occurredTo: occurred.to,
      decidedBy,
      visibility,
      citations,
      retractedAt,
      retractionReason,
    };
  };
}

function compileCitations(
  c: { title: number; publisher: number; url?: number; excerpt?: number; locator?: number },
  raw: (at: number | undefined) => string,
  fail: (at: number, message: string) => void,
): StagedCitation[] {
  const titles = splitMultiValue(raw(c.title));
  const n = titles.length;
  if (n === 0) {
    fail(c.title, 'Give at least one citation: every record needs a source');
    return [];
  }
  let tooMany = false;
  ActionRules.citationCount(n, (_field, message) => {
    fail(c.title, message);
    tooMany = true;
  });
  if (tooMany) return [];
  const list = (
    at: number | undefined,
    required: boolean,
    max: number,
    multiline: boolean,
  ): (string | null)[] => {
    const values = splitMultiValue(raw(at));
    if (values.length === 0 && !required) return titles.map(() => null);
    if (values.length !== n) {
      fail(
        at!,
        `Has ${values.length} value(s) for ${n} source(s): give one per source, separated by |`,
      );
      return titles.map(() => null);
    }
    return values.map((v, i) => {
      if (v === '') {
        if (required) fail(at!, `Value ${i + 1} is empty`);
        return null;
      }
      if (v.length > max) fail(at!, `Value ${i + 1} has more than ${max} characters`);
      else if (!(multiline ? MULTI_LINE : SINGLE_LINE).test(v))
        fail(at!, `Value ${i + 1} contains control characters`);
      return v;
    });
  };
  const t = list(c.title, true, MEDIUM, false);
  const p = list(c.publisher, true, SHORT, false);
  const u = list(c.url, false, 2048, false);
  const e = list(c.excerpt, false, EXCERPT, true);
  const l = list(c.locator, false, SHORT, false);
  u.forEach((url, i) => {
    if (url === null) return;
    try {
      checkHttpUrl(url, 'source_url');
    } catch {
      fail(c.url!, `Value ${i + 1} is not an http(s) address: "${url.slice(0, 80)}"`);
    }
  });
  if (t.includes(WITHHELD_TITLE))
    fail(
      c.title,
      'This cites a confidential source withheld from your download: it cannot be imported',
    );
  return titles.map((_, i) => ({
    title: t[i] ?? '',
    publisher: p[i] ?? '',
    url: u[i],
    excerpt: e[i],
    locator: l[i],
  }));
}
