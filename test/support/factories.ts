import type { TestApp } from './test-app.js';

/** Small factories that write through the public API (so they go through validation like any client). */
export async function createSource(
  t: TestApp,
  key: string,
  input: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await t.gql(
    `mutation($input: CreateSourceInput!) { createSource(input: $input) { id version } }`,
    { input: { title: 'A report', publisher: 'A newspaper', kind: 'NEWS_ARTICLE', ...input } },
    key,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createSource;
}

export async function createOfficer(
  t: TestApp,
  key: string,
  input: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await t.gql(
    `mutation($input: CreateOfficerInput!) { createOfficer(input: $input) { id version } }`,
    { input: { fullName: 'Sok Dara', ...input } },
    key,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createOfficer;
}

export async function createAction(
  t: TestApp,
  key: string,
  sourceId: string,
  input: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await t.gql(
    `mutation($input: CreateActionInput!) { createAction(input: $input) { id version } }`,
    {
      input: {
        actionType: 'DISMISSAL',
        reasonCodes: ['DRUG_POSITIVE_TEST'],
        occurred: '2024-01-15',
        provinceCode: 'KH-12',
        citations: [{ sourceId, excerpt: 'dismissed' }],
        ...input,
      },
    },
    key,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createAction;
}
