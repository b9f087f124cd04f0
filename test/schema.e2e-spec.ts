import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the public contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('matches the committed schema.gql (regenerate with `npm run schema:write` and review the diff)', async () => {
    const served = await (await fetch(`${t.url}/schema.graphql`)).text();
    const committed = readFileSync(new URL('../schema.gql', import.meta.url), 'utf8');
    expect(served).toBe(committed);
  });

  it.each([
    [
      'type DisciplinaryAction',
      [
        'occurredFrom: Date!',
        'subjectCount: Int!',
        'citations: [Citation!]!',
        'visibility: Visibility!',
      ],
    ],
    [
      'input CreateActionInput',
      [
        'occurred: PartialDate!',
        'reasonCodes: [String!]!',
        'citations: [CitationInput!]!',
        'externalId: String',
      ],
    ],
    [
      'input ActionFilter',
      ['rankTiers: [RankTier!]', 'includeRetracted: Boolean', 'from: Date', 'to: Date'],
    ],
    [
      'type ReportedFigure',
      ['partsAreExhaustive: Boolean!', 'parent: ReportedFigure', 'qualifier: FigureQualifier!'],
    ],
    ['input RetractActionInput', ['id: ID!', 'reason: String!']],
  ])('keeps the DOMAIN.md names of %s', (type, fields) => {
    const committed = readFileSync(new URL('../schema.gql', import.meta.url), 'utf8');
    const block = committed.slice(
      committed.indexOf(`${type} {`),
      committed.indexOf('}', committed.indexOf(`${type} {`)),
    );
    expect(block.length).toBeGreaterThan(0);
    for (const field of fields) expect(block).toContain(field);
  });

  it.each(['/', '/explorer'])(
    'serves %s offline: an HTML page that loads nothing from another host',
    async (path) => {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).not.toMatch(/(src|href)="https?:\/\//);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    },
  );
});
