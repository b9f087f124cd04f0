import { startTestApp, type TestApp } from './support/test-app.js';

/** parseFigureWording over HTTP: a suggestion, null, and the refusals (README "Reading a figure's wording"). */
describe('parseFigureWording', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const QUERY = `query($text: String!, $language: Language!) {
    parseFigureWording(text: $text, language: $language) { value qualifier tolerance words start end }
  }`;

  it.each([
    [
      'Some 70 Police Officers Dismissed For Drug Abuse, Internal Offenses Under New Government',
      'EN',
      { value: 70, qualifier: 'ABOUT', tolerance: null, words: 'Some 70', start: 0, end: 7 },
    ],
    [
      'On January 23, 2024, more than 50 officers were dismissed',
      'EN',
      {
        value: 50,
        qualifier: 'MORE_THAN',
        tolerance: null,
        words: 'more than 50',
        start: 21,
        end: 33,
      },
    ],
    [
      'មន្ត្រីនគរបាលជាង ៧០ នាក់ ត្រូវបានបណ្តេញចេញ',
      'KM',
      { value: 70, qualifier: 'MORE_THAN', tolerance: null, words: 'ជាង ៧០', start: 13, end: 19 },
    ],
    [
      'between 60 and 70 officers',
      'EN',
      {
        value: 65,
        qualifier: 'ABOUT',
        tolerance: 5 / 65,
        words: 'between 60 and 70',
        start: 0,
        end: 17,
      },
    ],
  ])('%s (%s)', async (text, language, expected) => {
    const res = await t.gql(QUERY, { text, language });
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.data!.parseFigureWording).toEqual(expected);
  });

  it('answers null when the text holds no count', async () => {
    const res = await t.gql(QUERY, { text: 'Dismissed on January 23, 2024.', language: 'EN' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.parseFigureWording).toBeNull();
  });

  it('reads a text of exactly 2,000 characters', async () => {
    const text = `${'x'.repeat(1985)} at least 40 ok`;
    expect(text.length).toBe(2000);
    const res = await t.gql(QUERY, { text, language: 'EN' });
    expect(res.data!.parseFigureWording).toMatchObject({
      value: 40,
      qualifier: 'AT_LEAST',
      start: 1986,
    });
  });

  it.each([
    [
      '2,001 characters',
      { text: `about 70 ${'x'.repeat(1992)}`, language: 'EN' },
      'BAD_USER_INPUT',
      'text',
    ],
    ['an empty text', { text: '', language: 'EN' }, 'BAD_USER_INPUT', 'text'],
    ['a control character', { text: 'about 70\u0000', language: 'EN' }, 'BAD_USER_INPUT', 'text'],
    ['an unknown language', { text: 'about 70', language: 'FR' }, 'BAD_USER_INPUT', 'language'],
  ])('refuses %s', async (_name, variables, code, field) => {
    const res = await t.gql(QUERY, variables);
    expect(res.data?.parseFigureWording ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code, field });
    expect(res.errors![0].message).not.toMatch(/\bat\s+\S+\.(?:ts|js):\d+/);
  });
});
