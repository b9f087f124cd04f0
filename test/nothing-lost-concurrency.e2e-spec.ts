import { startTestApp, type TestApp } from './support/test-app.js';

const EDITORS = 8;
const UPDATES_EACH = 50;

const UPDATE = `mutation($input: UpdateActionInput!) { updateAction(input: $input) { version } }`;

describe('nothing lost: concurrent editors of one action', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it(`${EDITORS} editors x ${UPDATES_EACH} updates: each lands or gets VERSION_CONFLICT; version and history agree`, async () => {
    const keys = await Promise.all(
      Array.from({ length: EDITORS }, (_, i) => t.key('EDITOR', `editor ${i}`)),
    );
    const source = await t.gql(
      `mutation { createSource(input: { title: "Race", publisher: "Test" }) { id } }`,
      {},
      keys[0],
    );
    const created = await t.gql(
      `mutation($input: CreateActionInput!) { createAction(input: $input) { id version } }`,
      {
        input: {
          actionType: 'SUSPENSION',
          reasonCodes: ['ABSENCE'],
          occurred: '2024-02',
          citations: [{ sourceId: source.data!.createSource.id }],
        },
      },
      keys[0],
    );
    const id: string = created.data!.createAction.id;
    expect(created.data!.createAction.version).toBe(1);

    const landed: string[] = [];
    let conflicts = 0;
    const unexpected: unknown[] = [];
    await Promise.all(
      keys.map(async (key, editor) => {
        let expectedVersion = 1;
        for (let attempt = 0; attempt < UPDATES_EACH; attempt++) {
          const detail = `editor ${editor} attempt ${attempt}`;
          const res = await t.gql(
            UPDATE,
            { input: { id, expectedVersion, reasonDetail: detail } },
            key,
          );
          if (res.data?.updateAction) {
            landed.push(detail);
            expectedVersion = res.data.updateAction.version;
          } else if (res.errors?.[0]?.extensions?.code === 'VERSION_CONFLICT') {
            conflicts++;
            expectedVersion = res.errors[0].extensions.currentVersion;
          } else {
            unexpected.push(res.errors ?? res);
          }
        }
      }),
    );

    expect(unexpected).toEqual([]);
    expect(landed.length + conflicts).toBe(EDITORS * UPDATES_EACH);
    expect(landed.length).toBeGreaterThan(0);
    expect(conflicts).toBeGreaterThan(0);

    const final = await t.gql(
      `query($id: ID!) { action(id: $id) { version reasonDetail history { operation after } } }`,
      { id },
      keys[0],
    );
    expect(final.errors).toBeUndefined();
    const action = final.data!.action;
    expect(action.version).toBe(1 + landed.length);
    const updates = action.history.filter((h: any) => h.operation === 'UPDATE');
    expect(updates).toHaveLength(landed.length);
    // Every acknowledged write is in the history exactly once, and versions run 2..n+1 without a gap.
    expect(updates.map((h: any) => h.after.reason_detail).sort()).toEqual([...landed].sort());
    expect(updates.map((h: any) => h.after.version)).toEqual(
      Array.from({ length: landed.length }, (_, i) => i + 2),
    );
    expect(updates[updates.length - 1].after.reason_detail).toBe(action.reasonDetail);
    process.stderr.write(
      `nothing-lost concurrency: ${EDITORS * UPDATES_EACH} attempts, ${landed.length} landed, ${conflicts} VERSION_CONFLICT\n`,
    );
  }, 120_000);
});
