import { startTestApp, type TestApp } from './support/test-app.js';
import { createAction, createOfficer, createSource } from './support/factories.js';

const UPDATE_ACTION = `mutation($i: UpdateActionInput!) { updateAction(input: $i) { id version position reasons { code } citations { excerpt } } }`;

describe('updates with optimistic locking (enforced in SQL)', () => {
  let t: TestApp;
  let editor: string;
  let sourceId: string;
  beforeAll(async () => {
    t = await startTestApp();
    editor = await t.key('EDITOR');
    sourceId = (await createSource(t, editor)).id;
  });
  afterAll(() => t.close());

  it('applies an update at the current version and increments it', async () => {
    const action = await createAction(t, editor, sourceId);
    expect(action.version).toBe(1);
    const res = await t.gql(
      UPDATE_ACTION,
      {
        i: {
          id: action.id,
          expectedVersion: 1,
          position: 'chief of a district station',
          reasonCodes: ['CORRUPTION', 'ABUSE_OF_POWER'],
          citations: [{ sourceId, excerpt: 'new words' }],
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateAction).toMatchObject({
      version: 2,
      position: 'chief of a district station',
      reasons: [{ code: 'ABUSE_OF_POWER' }, { code: 'CORRUPTION' }],
      citations: [{ excerpt: 'new words' }],
    });
  });

  it('clears an optional field with null and keeps the others', async () => {
    const officer = await createOfficer(t, editor, {
      fullName: 'Men Sophea',
      notes: 'a note',
      aliases: ['Sophea Men'],
    });
    const res = await t.gql(
      `mutation($i: UpdateOfficerInput!) { updateOfficer(input: $i) { fullName notes aliases version } }`,
      { i: { id: officer.id, expectedVersion: 1, notes: null } },
      editor,
    );
    expect(res.data!.updateOfficer).toEqual({
      fullName: 'Men Sophea',
      notes: null,
      aliases: ['Sophea Men'],
      version: 2,
    });
  });

  it('refuses a named officer on a group record (subjectCount above 1) on update', async () => {
    const group = await createAction(t, editor, sourceId, { subjectCount: 5 });
    const officer = await createOfficer(t, editor);
    const res = await t.gql(
      UPDATE_ACTION,
      { i: { id: group.id, expectedVersion: 1, officerId: officer.id } },
      editor,
    );
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'subjectCount',
    });
  });

  it('lets exactly one of 10 concurrent writers at the same version win; the others get VERSION_CONFLICT with the new version', async () => {
    const action = await createAction(t, editor, sourceId);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.gql(
          UPDATE_ACTION,
          { i: { id: action.id, expectedVersion: 1, position: `writer ${i}` } },
          editor,
        ),
      ),
    );
    const wins = results.filter((r) => !r.errors);
    const conflicts = results.filter((r) => r.errors?.[0].extensions?.code === 'VERSION_CONFLICT');
    expect(wins).toHaveLength(1);
    expect(conflicts).toHaveLength(9);
    for (const c of conflicts) expect(c.errors![0].extensions!.currentVersion).toBe(2);
    const now = await t.gql(`query($id: ID!) { action(id: $id) { version position } }`, {
      id: action.id,
    });
    expect(now.data!.action).toEqual({ version: 2, position: wins[0].data!.updateAction.position });
  });

  it('keeps the reasons and citations of a refused update unchanged (one transaction)', async () => {
    const action = await createAction(t, editor, sourceId);
    const res = await t.gql(
      UPDATE_ACTION,
      {
        i: {
          id: action.id,
          expectedVersion: 3,
          reasonCodes: ['CORRUPTION'],
          citations: [{ sourceId, excerpt: 'never' }],
        },
      },
      editor,
    );
    expect(res.errors![0].extensions!.code).toBe('VERSION_CONFLICT');
    const now = await t.gql(
      `query($id: ID!) { action(id: $id) { version reasons { code } citations { excerpt } } }`,
      { id: action.id },
    );
    expect(now.data!.action).toEqual({
      version: 1,
      reasons: [{ code: 'DRUG_POSITIVE_TEST' }],
      citations: [{ excerpt: 'dismissed' }],
    });
  });

  it('retracts an action once: it leaves lists and counts, stays readable by id, and a second retraction is a CONFLICT', async () => {
    const action = await createAction(t, editor, sourceId, { externalId: 'to-retract' });
    const before = (await t.gql(`{ actions { totalCount } }`)).data!.actions.totalCount;
    const res = await t.gql(
      `mutation($i: RetractActionInput!) { retractAction(input: $i) { retractedAt retractionReason version } }`,
      { i: { id: action.id, reason: 'Duplicate of another record' } },
      editor,
    );
    expect(res.data!.retractAction).toMatchObject({
      retractionReason: 'Duplicate of another record',
      version: 2,
    });
    expect(res.data!.retractAction.retractedAt).toBeTruthy();
    expect((await t.gql(`{ actions { totalCount } }`)).data!.actions.totalCount).toBe(before - 1);
    expect(
      (await t.gql(`{ actions(filter: { includeRetracted: true }) { totalCount } }`)).data!.actions
        .totalCount,
    ).toBe(before);
    const again = await t.gql(
      `mutation($i: RetractActionInput!) { retractAction(input: $i) { id } }`,
      { i: { id: action.id, reason: 'again' } },
      editor,
    );
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');
  });
});
