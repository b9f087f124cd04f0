import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/core';
import { checkPageSize, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from './pagination.js';

const RUNS = { numRuns: 500 };

describe('cursors (property-based)', () => {
  it('decodeCursor round-trips encodeCursor for every position 1..10^18-1 (number, string or bigint)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }),
        fc.constantFrom('bigint', 'string', 'number'),
        (seq, as) => {
          if (as === 'number' && seq > BigInt(Number.MAX_SAFE_INTEGER))
            seq = seq % BigInt(Number.MAX_SAFE_INTEGER) || 1n;
          const input = as === 'bigint' ? seq : as === 'string' ? String(seq) : Number(seq);
          const cursor = encodeCursor(input);
          expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(decodeCursor(cursor)).toBe(String(seq));
        },
      ),
      RUNS,
    );
  });

  it('arbitrary strings decode to a position or are refused with BAD_USER_INPUT on `after`, never anything else', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 70 }),
      fc
        .base64String({ maxLength: 40 })
        .map((s) => s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')),
      fc.string({ maxLength: 30 }).map((s) => Buffer.from(`k1:${s}`, 'utf8').toString('base64url')),
      fc.string({ maxLength: 30 }).map((s) => Buffer.from(s, 'utf8').toString('base64url')),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        try {
          const seq = decodeCursor(s);
          expect(seq).toMatch(/^[1-9][0-9]{0,17}$/);
          expect(decodeCursor(encodeCursor(seq!))).toBe(seq);
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          expect((e as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
          expect((e as DomainError).details.field).toBe('after');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('positions that are not 1..10^18-1 are refused even when well encoded', () => {
    const bad = fc.oneof(
      fc.constantFrom('0', '-1', '01', '1e3', ' 1', '1 ', '1.5', ''),
      fc.bigInt({ min: 10n ** 18n, max: 10n ** 30n }).map(String),
      fc.string({ maxLength: 10 }).filter((s) => !/^[1-9][0-9]{0,17}$/.test(s)),
    );
    fc.assert(
      fc.property(bad, (seq) => {
        expect(() => decodeCursor(encodeCursor(seq))).toThrow(DomainError);
      }),
      RUNS,
    );
    expect(decodeCursor(null)).toBeUndefined();
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it(`checkPageSize accepts exactly the integers 1..${MAX_PAGE_SIZE}`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double()), (n) => {
        const ok = Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_SIZE;
        if (ok) expect(checkPageSize(n)).toBe(n);
        else expect(() => checkPageSize(n)).toThrow(DomainError);
      }),
      RUNS,
    );
  });
});
