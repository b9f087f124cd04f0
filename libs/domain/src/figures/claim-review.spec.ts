import { claimAuthor, instantText, publicWording, VERDICT_RATINGS } from './claim-review.js';
import type { ReportedFigureEntity } from './reported-figure.entity.js';

describe('who made a claim, as schema.org reads it (Claim.author)', () => {
  const org = (name: string) => ({ '@type': 'Organization', name });
  it.each([
    [
      'Interior Ministry (spokesperson Touch Sokhak)',
      {
        '@type': 'Person',
        name: 'Touch Sokhak',
        jobTitle: 'spokesperson',
        affiliation: org('Interior Ministry'),
      },
    ],
    [
      'Touch Sokhak, Interior Ministry spokesperson',
      {
        '@type': 'Person',
        name: 'Touch Sokhak',
        jobTitle: 'spokesperson',
        affiliation: org('Interior Ministry'),
      },
    ],
    [
      'Touch Sokhak, spokesperson of the Interior Ministry',
      {
        '@type': 'Person',
        name: 'Touch Sokhak',
        jobTitle: 'spokesperson',
        affiliation: org('Interior Ministry'),
      },
    ],
    [
      'Touch Sokhak (Interior Ministry spokesperson)',
      {
        '@type': 'Person',
        name: 'Touch Sokhak',
        jobTitle: 'spokesperson',
        affiliation: org('Interior Ministry'),
      },
    ],
    [
      'Interior Minister Sar Sokha',
      { '@type': 'Person', name: 'Sar Sokha', jobTitle: 'Interior Minister' },
    ],
    [
      'National Police Commissioner Sar Thet',
      {
        '@type': 'Person',
        name: 'Sar Thet',
        jobTitle: 'Commissioner',
        affiliation: org('National Police'),
      },
    ],
    [
      'Interior Ministry (Touch Sokhak)',
      { '@type': 'Person', name: 'Touch Sokhak', affiliation: org('Interior Ministry') },
    ],
    ['Touch Sokhak', { '@type': 'Person', name: 'Touch Sokhak' }],
    ['Interior Ministry', org('Interior Ministry')],
    ['Kandal provincial police', org('Kandal provincial police')],
    ['General Commissariat of National Police', org('General Commissariat of National Police')],
    ['Phnom Penh Post', org('Phnom Penh Post')],
    ['CamboJA', org('CamboJA')],
    ['អ្នកនាំពាក្យក្រសួងមហាផ្ទៃ', org('អ្នកនាំពាក្យក្រសួងមហាផ្ទៃ')],
  ])('%s', (statedBy, author) => {
    expect(claimAuthor(statedBy)).toEqual(author);
  });

  it('names nobody when nobody is recorded', () => {
    expect(claimAuthor(null)).toBeUndefined();
    expect(claimAuthor('  ')).toBeUndefined();
  });
});

describe('what a ClaimReview says of a check', () => {
  it('rates the verdicts 1 to 4 by how far the records support the claim', () => {
    expect(
      Object.fromEntries(Object.entries(VERDICT_RATINGS).map(([k, v]) => [k, v.value])),
    ).toEqual({
      CONTRADICTED: 1,
      UNDER_RECORDED: 2,
      INCONCLUSIVE: 3,
      CORROBORATED: 4,
    });
  });

  const figure = {
    value: 70,
    qualifier: 'ABOUT',
    excerpt: 'dismissed about 70',
    description: 'Officials dismissed',
  } as ReportedFigureEntity;
  const source = {
    url: 'https://example.org/a',
    title: 'A',
    publisher: 'P',
    language: 'en',
    confidential: false,
  };
  it.each([
    ['the excerpt of a public source', figure, source, 'dismissed about 70'],
    [
      'the description when the source is confidential',
      figure,
      { ...source, confidential: true },
      'Officials dismissed',
    ],
    [
      'the description when there is no excerpt',
      { ...figure, excerpt: null },
      source,
      'Officials dismissed',
    ],
    [
      'the value in words when there is neither',
      { ...figure, excerpt: null, description: null },
      source,
      'about 70',
    ],
  ])('claimReviewed is %s', (_what, f, s, wording) => {
    expect(publicWording(f as ReportedFigureEntity, s)).toBe(wording);
  });

  it('writes instants in UTC, with milliseconds only when there are some', () => {
    expect(instantText(new Date('2024-01-23T23:59:59+07:00'))).toBe('2024-01-23T16:59:59Z');
    expect(instantText(new Date('2024-01-23T16:59:59.120Z'))).toBe('2024-01-23T16:59:59.120Z');
  });
});
