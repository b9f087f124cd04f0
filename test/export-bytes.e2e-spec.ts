import {
  ACTION_COLUMNS,
  CRLF,
  csvRecord,
  joinMultiValue,
  neutraliseFormula,
  UTF8_BOM,
  WITHHELD_PUBLISHER,
  WITHHELD_TITLE,
} from '@app/domain';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createOfficer, createSource } from './support/factories.js';
import { download, readCsv } from './fixtures/exchange.js';

// actions.csv is written by PostgreSQL (COPY on a server, a cursor of the same SELECT on the
// embedded database). This file holds it, byte for byte, to what the JavaScript primitives of
// libs/domain/src/exchange/csv.ts (tested on their own in csv.spec.ts) make of the records:
// RFC 4180 quoting, CRLF only at record ends, formulas neutralised, multi-valued cells joined and
// escaped, confidential sources withheld, empty cells empty. Each value below is built to trip one rule.

interface Cit {
  source: { title: string; publisher: string; url: string | null; confidential: boolean };
  excerpt: string | null;
  locator: string | null;
}

interface Made {
  id: string;
  externalId: string | null;
  actionType: string;
  officer: { fullName: string; fullNameKm: string | null } | null;
  subjectCount: number;
  subjectDescription: string | null;
  rankCode: string | null;
  rankText: string | null;
  position: string | null;
  provinceCode: string | null;
  agencyCode: string | null;
  reasonCodes: string[];
  reasonDetail: string | null;
  occurred: string;
  occurredFrom: string;
  occurredTo: string;
  decidedBy: string | null;
  visibility: string;
  citations: Cit[];
  retractedAt: string | null;
  retractionReason: string | null;
  createdAt: string;
  updatedAt: string;
  reasonSplit: { reason: { code: string }; count: number }[] | null;
}

/** The record as csv.ts's JavaScript functions write it. */
function expectedRecord(a: Made, seesConfidential: boolean): string {
  const text = (v: string | null) => (v === null ? '' : neutraliseFormula(v));
  const shown = a.citations.map((c) => ({
    ...c,
    hidden: c.source.confidential && !seesConfidential,
  }));
  const multi = (pick: (c: (typeof shown)[number]) => string | null) =>
    text(joinMultiValue(shown.map(pick)) || null);
  const cells: Record<string, string> = {
    id: a.id,
    external_id: text(a.externalId),
    action_type: a.actionType,
    officer_name: text(a.officer?.fullName ?? null),
    officer_name_km: text(a.officer?.fullNameKm ?? null),
    subject_count: String(a.subjectCount),
    subject_description: text(a.subjectDescription),
    rank_code: text(a.rankCode),
    rank_text: text(a.rankText),
    position: text(a.position),
    province_code: text(a.provinceCode),
    agency_code: text(a.agencyCode),
    reason_codes: joinMultiValue([...a.reasonCodes].sort()),
    reason_counts: joinMultiValue((a.reasonSplit ?? []).map((r) => String(r.count))),
    reason_detail: text(a.reasonDetail),
    occurred: text(a.occurred),
    occurred_from: a.occurredFrom,
    occurred_to: a.occurredTo,
    decided_by: text(a.decidedBy),
    visibility: a.visibility,
    source_title: multi((c) => (c.hidden ? WITHHELD_TITLE : c.source.title)),
    source_publisher: multi((c) => (c.hidden ? WITHHELD_PUBLISHER : c.source.publisher)),
    source_url: multi((c) => (c.hidden ? null : c.source.url)),
    citation_excerpt: multi((c) => (c.hidden ? null : c.excerpt)),
    citation_locator: multi((c) => (c.hidden ? null : c.locator)),
    retracted_at: a.retractedAt ?? '',
    retraction_reason: text(a.retractionReason),
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    // No period and no reason filter: every record counts whole.
    counts_as: 'certain',
  };
  return csvRecord(ACTION_COLUMNS.map((c) => cells[c.name]));
}

const READ = `query($id: ID!) { action(id: $id) {
  id externalId actionType officer { fullName fullNameKm } subjectCount subjectDescription rank { code } rankText position
  province { code } agency { code } reasons { code } reasonSplit { reason { code } count } reasonDetail occurred occurredFrom occurredTo decidedBy visibility
  citations { excerpt locator source { title publisher url confidential } }
  retractedAt retractionReason createdAt updatedAt } }`;

describe('actions.csv, byte for byte', () => {
  let t: TestApp;
  let editor: string;
  const made: Made[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    const tricky = await createSource(t, editor, {
      title: 'Report, "quoted" | piped \\ back',
      publisher: '=Publisher',
      url: 'https://example.org/a?x=1,2',
    });
    const khmer = await createSource(t, editor, {
      title: 'របាយការណ៍ ប៉ូលីស',
      publisher: 'សារព័ត៌មាន',
      kind: 'OFFICIAL_STATEMENT',
    });
    const secret = await createSource(t, editor, {
      title: 'Informant, "R"',
      publisher: 'Internal',
      url: 'https://secret.example/x',
      confidential: true,
    });
    const officer = await createOfficer(t, editor, {
      fullName: '+Officer One',
      fullNameKm: 'ណាត រតនា',
    });
    const inputs: Record<string, unknown>[] = [
      {
        externalId: 'x|1\\y',
        officerId: officer.id,
        rankCode: 'LT_COL',
        rankText: 'Lt, Col',
        agencyCode: 'KH_NP_PP',
        position: '  =cmd',
        decidedBy: '@Ministry',
        reasonCodes: ['INTERNAL_REGULATION_VIOLATION', 'DRUG_POSITIVE_TEST'],
        reasonDetail: 'line one\nline two\r\nthree "q"\r',
        occurred: '2024-01',
        citations: [
          { sourceId: tricky.id, excerpt: 'first, "one"\nsecond line', locator: 'p. 1' },
          { sourceId: khmer.id, excerpt: null, locator: 'p|2' },
          { sourceId: secret.id, excerpt: 'secret words', locator: 'tape 3' },
        ],
      },
      {
        actionType: 'SUSPENSION',
        subjectCount: 3,
        subjectDescription: 'Three "officers", unnamed',
        provinceCode: null,
        occurred: '2023-11/2024-01-23',
        reasonCodes: ['UNSPECIFIED', 'ABSENCE'],
        reasonCounts: [2, 3],
        citations: [{ sourceId: khmer.id, excerpt: null, locator: null }],
      },
      {
        externalId: 'only-secret',
        occurred: '2024-02-03',
        citations: [{ sourceId: secret.id, excerpt: '-1', locator: null }],
      },
      {
        externalId: 'internal',
        visibility: 'INTERNAL',
        occurred: '2024',
        citations: [{ sourceId: tricky.id, excerpt: "'=quoted formula", locator: null }],
      },
      {
        externalId: 'to-retract',
        occurred: '2024-03-01',
        citations: [{ sourceId: tricky.id, excerpt: 'plain', locator: null }],
      },
    ];
    for (const input of inputs) {
      const res = await t.gql(
        `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`,
        {
          input: {
            actionType: 'DISMISSAL',
            reasonCodes: ['DRUG_POSITIVE_TEST'],
            provinceCode: 'KH-12',
            ...input,
          },
        },
        editor,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      made.push({ id: res.data!.createAction.id } as Made);
    }
    const retract = await t.gql(
      `mutation($id: ID!) { retractAction(input: { id: $id, reason: "-duplicate, see \\"x\\"" }) { id } }`,
      { id: made[4].id },
      editor,
    );
    if (retract.errors) throw new Error(JSON.stringify(retract.errors));
    for (const [i, m] of made.entries()) {
      const { data, errors } = await t.gql(READ, { id: m.id }, editor);
      if (errors) throw new Error(JSON.stringify(errors));
      const a = data!.action;
      made[i] = {
        ...a,
        rankCode: a.rank?.code ?? null,
        provinceCode: a.province?.code ?? null,
        agencyCode: a.agency?.code ?? null,
        reasonCodes: a.reasons.map((r: { code: string }) => r.code),
      };
    }
  });
  afterAll(() => t.close());

  const header = UTF8_BOM + csvRecord(ACTION_COLUMNS.map((c) => c.name));

  it('is what the JavaScript primitives make of the records, for editors (retracted included)', async () => {
    const res = await download(t, '/exports/actions.csv?includeRetracted=true', editor);
    expect(res.status).toBe(200);
    expect(res.text).toBe(header + made.map((m) => expectedRecord(m, true)).join(''));
    // The line breaks inside values stayed LF or CRLF as entered; every record ends with CRLF.
    expect(res.text).toContain('"line one\nline two\r\nthree ""q""\r"');
    expect(readCsv(res.text)).toHaveLength(made.length);
  });

  it('is what the JavaScript primitives make of the records, for anonymous callers (public, unretracted, sources withheld)', async () => {
    const res = await download(t, '/exports/actions.csv');
    const visible = made.filter((m) => m.visibility === 'PUBLIC' && m.retractedAt === null);
    expect(visible).toHaveLength(3);
    expect(res.text).toBe(header + visible.map((m) => expectedRecord(m, false)).join(''));
    expect(res.text).not.toContain('secret words');
    expect(res.text).not.toContain('secret.example');
    expect(res.text).not.toContain('tape 3');
    expect(res.text).not.toContain('Informant');
    const rows = readCsv(res.text);
    expect(rows.find((r) => r.external_id === 'only-secret')).toMatchObject({
      source_title: WITHHELD_TITLE,
      source_publisher: WITHHELD_PUBLISHER,
      source_url: '',
      citation_excerpt: '',
    });
  });

  it('writes the header alone when nothing matches', async () => {
    const res = await download(t, '/exports/actions.csv?province=KH-1');
    expect(res.text).toBe(header);
    expect(res.text.endsWith(CRLF)).toBe(true);
  });
});
