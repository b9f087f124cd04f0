import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/core';
import { parseCalendarDate, parsePartialDate, parseWithGrammar } from './partial-date.js';

// Each property runs in well under a second at this size; the seed is fast-check's (printed on failure).
const RUNS = { numRuns: 300 };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A real calendar day in the accepted range 1900..2100. */
const day = fc
  .date({
    min: new Date(Date.UTC(1900, 0, 1)),
    max: new Date(Date.UTC(2100, 11, 31)),
    noInvalidDate: true,
  })
  .map((d) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }));

type Granularity = 'day' | 'month' | 'year';
interface Generated {
  text: string;
  from: string;
  to: string;
}

function render(p: { y: number; m: number; d: number }, g: Granularity): Generated {
  const y = pad(p.y, 4);
  if (g === 'day') {
    const text = `${y}-${pad(p.m)}-${pad(p.d)}`;
    return { text, from: text, to: text };
  }
  if (g === 'month') {
    return {
      text: `${y}-${pad(p.m)}`,
      from: `${y}-${pad(p.m)}-01`,
      to: `${y}-${pad(p.m)}-${pad(lastDay(p.y, p.m))}`,
    };
  }
  return { text: y, from: `${y}-01-01`, to: `${y}-12-31` };
}

const granularity = fc.constantFrom<Granularity>('day', 'month', 'year');
const qualifier = fc.constantFrom('', '', '?', '~', '%');
/** `iso` shifted by whole days, months or years (months keep the first or last day of the month). */
function shift(iso: string, unit: 'day' | 'month' | 'year', n: number, endOfMonth = false): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (unit === 'day') d.setUTCDate(d.getUTCDate() + n);
  else if (unit === 'year') d.setUTCFullYear(d.getUTCFullYear() + n);
  else if (endOfMonth) d.setUTCMonth(d.getUTCMonth() + n + 1, 0);
  else d.setUTCMonth(d.getUTCMonth() + n, 1);
  return d.toISOString().slice(0, 10);
}

/** A qualified date (? ~ %) is widened by a window of its precision: a week, the month, the year either side. */
const single = fc.tuple(day, granularity, qualifier).map(([p, g, q]) => {
  const r = render(p, g);
  if (!q) return { ...r, text: r.text };
  const window = g === 'day' ? ([-7, 7] as const) : ([-1, 1] as const);
  return {
    text: r.text + q,
    from: shift(r.from, g, window[0]),
    to: shift(r.to, g, window[1], g === 'month'),
  };
});

/** The bounds of a generated date before any widening. */
function unwidened(r: { text: string }): { from: string; to: string } {
  return parsePartialDate(r.text.replace(/[?~%]$/, ''));
}

/** Expects a BAD_USER_INPUT DomainError naming `field`. */
function expectBadInput(fn: () => unknown, field: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect((thrown as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
  expect((thrown as DomainError).details.field).toBe(field);
}

describe('parsePartialDate (property-based)', () => {
  it('a real day parses to from = to = that day', () => {
    fc.assert(
      fc.property(day, (p) => {
        const r = render(p, 'day');
        expect(parsePartialDate(r.text)).toEqual({ edtf: r.text, from: r.text, to: r.text });
      }),
      RUNS,
    );
  });

  it('a month parses to its first and last day, February of leap years included', () => {
    fc.assert(
      fc.property(day, (p) => {
        const r = render(p, 'month');
        const parsed = parsePartialDate(r.text);
        expect(parsed).toEqual({ edtf: r.text, from: r.from, to: r.to });
        if (p.m === 2) {
          const leap = (p.y % 4 === 0 && p.y % 100 !== 0) || p.y % 400 === 0;
          expect(parsed.to.slice(8)).toBe(leap ? '29' : '28');
        }
      }),
      RUNS,
    );
  });

  it('February of every year in range ends on the right day (1900 and 2100 are not leap years, 2000 is)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), (y) => {
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        expect(parsePartialDate(`${y}-02`).to).toBe(`${y}-02-${leap ? 29 : 28}`);
      }),
      RUNS,
    );
    expect(parsePartialDate('1900-02').to).toBe('1900-02-28');
    expect(parsePartialDate('2000-02').to).toBe('2000-02-29');
    expect(parsePartialDate('2100-02').to).toBe('2100-02-28');
  });

  it('a year parses to 1 January .. 31 December', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), (y) => {
        expect(parsePartialDate(String(y))).toEqual({
          edtf: String(y),
          from: `${y}-01-01`,
          to: `${y}-12-31`,
        });
      }),
      RUNS,
    );
  });

  it('qualified dates (? ~ %) are widened by a week, a month or a year either side; others keep their bounds', () => {
    fc.assert(
      fc.property(single, (r) => {
        const parsed = parsePartialDate(r.text);
        expect(parsed.from <= parsed.to).toBe(true);
        expect(parsed).toEqual({ edtf: r.text, from: r.from, to: r.to });
      }),
      RUNS,
    );
  });

  it('an interval whose end begins after its start parses to (from of start, to of end)', () => {
    fc.assert(
      fc.property(single, single, (a, b) => {
        const [start, end] = a.from <= b.from ? [a, b] : [b, a];
        // The end must begin strictly after the start: the edtf package refuses an end whose first
        // day is not after the start's (2024-01/2024-01, 2024-06-15/2024), which parsePartialDate
        // reports as BAD_USER_INPUT (see the report on issue 5). Unqualified bounds are compared.
        fc.pre(start.text.replace(/[?~%]$/, '') !== end.text.replace(/[?~%]$/, ''));
        fc.pre(unwidened(start).from < unwidened(end).from);
        const text = `${start.text}/${end.text}`;
        const parsed = parsePartialDate(text);
        expect(parsed).toEqual({ edtf: text, from: start.from, to: end.to });
        expect(parsed.from <= parsed.to).toBe(true);
      }),
      RUNS,
    );
  });

  it('a reversed interval (the end entirely before the start) is refused with BAD_USER_INPUT', () => {
    fc.assert(
      fc.property(single, single, (a, b) => {
        fc.pre(unwidened(a).to < unwidened(b).from); // a lies wholly before b
        expectBadInput(() => parsePartialDate(`${b.text}/${a.text}`, 'occurred'), 'occurred');
      }),
      RUNS,
    );
  });

  it('an impossible day (29..31 beyond the length of its month) is refused with BAD_USER_INPUT and the field', () => {
    const impossible = fc
      .tuple(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 31 }),
        qualifier,
      )
      .filter(([y, m, d]) => d > lastDay(y, m));
    fc.assert(
      fc.property(
        impossible,
        fc.constantFrom('occurred', 'rows.3.occurred'),
        fc.boolean(),
        ([y, m, d, q], field, inInterval) => {
          const bad = `${y}-${pad(m)}-${d}${q}`;
          const text = inInterval ? `${y}-${pad(m)}/${bad}` : bad;
          expectBadInput(() => parsePartialDate(text, field), field);
        },
      ),
      RUNS,
    );
  });

  it('years outside 1900..2100 are refused', () => {
    const year = fc.oneof(
      fc.integer({ min: 1000, max: 1899 }),
      fc.integer({ min: 2101, max: 9999 }),
    );
    fc.assert(
      fc.property(year, granularity, (y, g) => {
        expectBadInput(() => parsePartialDate(render({ y, m: 6, d: 15 }, g).text), 'occurred');
      }),
      RUNS,
    );
  });

  it('arbitrary strings either parse (with from <= to) or throw a BAD_USER_INPUT DomainError, never anything else', () => {
    const dateish = fc.string({
      unit: fc.constantFrom(...'0123456789-/?~%X.T:Z+ '),
      maxLength: 30,
    });
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 50 }),
      dateish,
      fc.string({ maxLength: 60 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          const parsed = parsePartialDate(text);
          expect(parsed.edtf).toBe(text);
          expect(parsed.from <= parsed.to).toBe(true);
          expect(parsed.from >= '1900-01-01' && parsed.to <= '2100-12-31').toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          expect((e as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
          expect((e as DomainError).details.field).toBe('occurred');
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parsePartialDate fast path (plain dates without the grammar)', () => {
  /** The answer of a parse, or the message it was refused with. */
  const outcome = (parse: () => unknown) => {
    try {
      return { ok: parse() };
    } catch (e) {
      return { refused: (e as DomainError).message };
    }
  };
  // Plain years, months and days (with out-of-range years, months 00..13 and days 00..32), and
  // intervals of two of them, in every order: where the fast path answers it must answer as the
  // grammar does, and where it declines the grammar decides.
  const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => pad(v, n));
  const plain = fc.oneof(
    digits(4, 2200),
    fc.tuple(digits(4, 2200), digits(2, 13)).map(([y, m]) => `${y}-${m}`),
    fc.tuple(digits(4, 2200), digits(2, 13), digits(2, 32)).map(([y, m, d]) => `${y}-${m}-${d}`),
    fc.tuple(day, granularity).map(([p, g]) => render(p, g).text),
  );
  const text = fc.oneof(
    plain,
    fc.tuple(plain, plain).map(([a, b]) => `${a}/${b}`),
  );

  it('answers every plain date and interval exactly as the EDTF grammar does', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(outcome(() => parsePartialDate(t))).toEqual(outcome(() => parseWithGrammar(t)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseCalendarDate (property-based)', () => {
  it('every real day in range is returned unchanged', () => {
    fc.assert(
      fc.property(day, (p) => {
        const text = render(p, 'day').text;
        expect(parseCalendarDate(text, 'filter.from')).toBe(text);
      }),
      RUNS,
    );
  });

  it('an impossible day, month 00/13+, or day 00 is refused with BAD_USER_INPUT naming the field', () => {
    const bad = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 1900, max: 2100 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 29, max: 99 }),
        )
        .filter(([y, m, d]) => d > lastDay(y, m)),
      fc.tuple(
        fc.integer({ min: 1900, max: 2100 }),
        fc.constantFrom(0, 13, 20, 99),
        fc.integer({ min: 1, max: 28 }),
      ),
      fc.tuple(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constant(0),
      ),
      fc.tuple(
        fc.oneof(fc.integer({ min: 0, max: 1899 }), fc.integer({ min: 2101, max: 9999 })),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
      ),
    );
    fc.assert(
      fc.property(bad, ([y, m, d]) => {
        expectBadInput(
          () => parseCalendarDate(`${pad(y, 4)}-${pad(m)}-${pad(d)}`, 'filter.to'),
          'filter.to',
        );
      }),
      RUNS,
    );
  });

  it('arbitrary strings are either a real YYYY-MM-DD day or refused with BAD_USER_INPUT', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'0123456789-'), maxLength: 12 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          expect(parseCalendarDate(text, 'f')).toBe(text);
          expect(text).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10)).toBe(text);
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          expect((e as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
          expect((e as DomainError).details.field).toBe('f');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
