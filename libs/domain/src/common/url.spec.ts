import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/core';
import { checkHttpUrl, MAX_URL_LENGTH } from './url.js';

const RUNS = { numRuns: 300 };

function refusal(fn: () => unknown): DomainError | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
}

describe('checkHttpUrl (property-based)', () => {
  it('every generated http(s) web URL is accepted unchanged', () => {
    fc.assert(
      fc.property(
        fc.webUrl({
          validSchemes: ['http', 'https'],
          withQueryParameters: true,
          withFragments: true,
        }),
        (url) => {
          fc.pre(url.length <= MAX_URL_LENGTH);
          expect(checkHttpUrl(url, 'url')).toBe(url);
        },
      ),
      RUNS,
    );
  });

  it('URLs of any other scheme are refused with BAD_USER_INPUT naming the field', () => {
    const other = fc.webUrl({
      validSchemes: ['ftp', 'file', 'javascript', 'mailto', 'data', 'ws', 'httpx', 'gopher'],
    });
    fc.assert(
      fc.property(other, fc.constantFrom('url', 'citations.0.url'), (url, field) => {
        const e = refusal(() => checkHttpUrl(url, field));
        expect(e?.code).toBe(ErrorCode.BAD_USER_INPUT);
        expect(e?.details.field).toBe(field);
      }),
      RUNS,
    );
  });

  it('arbitrary strings are accepted only as absolute http(s) URLs with a host, within the length limit', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...'htps:/.ex?#@[]%a1 '), maxLength: 30 }),
      fc
        .tuple(
          fc.constantFrom('http://', 'https://', 'HTTP://', 'http:', 'https:///', '//', ''),
          fc.string({ maxLength: 30 }),
        )
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        const e = refusal(() => checkHttpUrl(s, 'url'));
        if (e) {
          expect(e.code).toBe(ErrorCode.BAD_USER_INPUT);
          expect(e.details.field).toBe('url');
        } else {
          const url = new URL(s);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.hostname.length).toBeGreaterThan(0);
          expect(s.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it(`a URL longer than ${MAX_URL_LENGTH} characters is refused; null and undefined pass through`, () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_URL_LENGTH + 1, max: MAX_URL_LENGTH * 2 }), (length) => {
        const prefix = 'https://example.org/';
        const e = refusal(() => checkHttpUrl(prefix + 'a'.repeat(length - prefix.length), 'url'));
        expect(e?.code).toBe(ErrorCode.BAD_USER_INPUT);
      }),
      { numRuns: 50 },
    );
    expect(checkHttpUrl(null, 'url')).toBeNull();
    expect(checkHttpUrl(undefined, 'url')).toBeUndefined();
  });
});
