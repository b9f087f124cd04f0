import 'reflect-metadata';
import fc from 'fast-check';
import { validate } from 'class-validator';
import { IsOptionalText, IsText, IsTextList } from './text.validators.js';

// Each property stays well under a second at this size.
const RUNS = { numRuns: 300 };
const MAX = 40;

class SingleLine {
  @IsText(MAX)
  value: unknown;
}

class MultiLine {
  @IsText(MAX, { multiline: true })
  value: unknown;
}

class OptionalLine {
  @IsOptionalText(MAX)
  value: unknown;
}

class TextList {
  @IsTextList(5, MAX)
  values: unknown;
}

async function errorsOf<T extends object>(
  cls: new () => T,
  prop: keyof T,
  value: unknown,
): Promise<string[]> {
  const o = new cls();
  (o as Record<keyof T, unknown>)[prop] = value;
  const errors = await validate(o);
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
/** C0 controls, DEL and C1 controls. */
const CONTROLS = [...range(0x00, 0x1f), ...range(0x7f, 0x9f)];
/** The controls a multi-line field still refuses: all but tab, LF and CR. */
const MULTILINE_CONTROLS = CONTROLS.filter((c) => !'\t\n\r'.includes(c));
const CONTROL_RE = /[\u0000-\u001F\u007F-\u009F]/;

/** Text without control characters, not blank, within the limit (code units <= MAX implies characters <= MAX). */
const cleanText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(...'abc XYZ 0123 éß—'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: MAX,
  })
  .filter((s) => s.length <= MAX && /\S/.test(s) && !CONTROL_RE.test(s));

/** Clean text with one or more of `controls` inserted at random places, still within the limit. */
function withControls(controls: string[]) {
  return fc
    .tuple(
      cleanText,
      fc.array(fc.tuple(fc.constantFrom(...controls), fc.nat()), { minLength: 1, maxLength: 3 }),
    )
    .map(([text, inserts]) => {
      let s = text;
      for (const [c, at] of inserts) {
        const i = at % (s.length + 1);
        s = s.slice(0, i) + c + s.slice(i);
      }
      return s;
    })
    .filter((s) => s.length <= MAX && [...s].some((ch) => controls.includes(ch)) && /\S/.test(s));
}

describe('IsText validators (property-based)', () => {
  it('single-line: any string with a control character (U+0000-001F, U+007F-009F) is refused', async () => {
    await fc.assert(
      fc.asyncProperty(withControls(CONTROLS), async (s) => {
        const errors = await errorsOf(SingleLine, 'value', s);
        expect(errors).toContain('value must not contain control characters or line breaks');
      }),
      RUNS,
    );
  });

  it('multi-line: any string with a control character other than tab, LF, CR is refused', async () => {
    await fc.assert(
      fc.asyncProperty(withControls(MULTILINE_CONTROLS), async (s) => {
        expect(await errorsOf(MultiLine, 'value', s)).toContain(
          'value must not contain control characters',
        );
      }),
      RUNS,
    );
  });

  it('multi-line: tabs and line breaks are kept, single-line refuses them', async () => {
    await fc.assert(
      fc.asyncProperty(withControls(['\t', '\n', '\r']), async (s) => {
        expect(await errorsOf(MultiLine, 'value', s)).toEqual([]);
        expect(await errorsOf(SingleLine, 'value', s)).toContain(
          'value must not contain control characters or line breaks',
        );
      }),
      RUNS,
    );
  });

  it('clean, non-blank text within the limit is accepted by every text validator', async () => {
    await fc.assert(
      fc.asyncProperty(cleanText, async (s) => {
        expect(await errorsOf(SingleLine, 'value', s)).toEqual([]);
        expect(await errorsOf(MultiLine, 'value', s)).toEqual([]);
        expect(await errorsOf(OptionalLine, 'value', s)).toEqual([]);
        expect(await errorsOf(TextList, 'values', [s, s])).toEqual([]);
      }),
      RUNS,
    );
  });

  it('arbitrary strings: accepted exactly when 1..MAX characters, not blank, and free of control characters', async () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: MAX }),
      fc.string({
        unit: fc.constantFrom(
          ' ',
          '\t',
          '\u00A0',
          'a',
          '\u0000',
          '\u007F',
          '\u0085',
          '\u009F',
          '\u001F',
          '\u00A0',
        ),
        maxLength: 8,
      }),
      fc.string({ unit: fc.constantFrom('a', 'b', ' '), minLength: MAX - 2, maxLength: MAX + 3 }),
    );
    await fc.assert(
      fc.asyncProperty(anyText, async (s) => {
        const characters = [...s].length;
        const expected =
          characters >= 1 && characters <= MAX && /\S/.test(s) && !CONTROL_RE.test(s);
        expect({ s, accepted: (await errorsOf(SingleLine, 'value', s)).length === 0 }).toEqual({
          s,
          accepted: expected,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('too long, blank and non-string values are refused; null passes only where optional', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'é', ' '), minLength: MAX + 1, maxLength: MAX * 3 }),
        async (s) => {
          expect(await errorsOf(SingleLine, 'value', s)).toContain(
            `value must be at most ${MAX} characters`,
          );
          expect(await errorsOf(TextList, 'values', [s])).toContain(
            `each of values must be at most ${MAX} characters`,
          );
        },
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom(' ', '\u00A0', '\u2003', '\u3000'),
          minLength: 1,
          maxLength: MAX,
        }),
        async (s) => {
          expect(await errorsOf(SingleLine, 'value', s)).toContain('value must not be blank');
        },
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.array(fc.string())),
        async (v) => {
          expect((await errorsOf(SingleLine, 'value', v)).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 100 },
    );
    expect(await errorsOf(SingleLine, 'value', null)).not.toEqual([]);
    expect(await errorsOf(SingleLine, 'value', '')).toContain('value must not be empty');
    expect(await errorsOf(OptionalLine, 'value', null)).toEqual([]);
    expect(await errorsOf(OptionalLine, 'value', undefined)).toEqual([]);
  });

  it('text lists refuse an entry with a control character and more than the allowed entries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(cleanText, { maxLength: 4 }),
        withControls(CONTROLS),
        fc.nat(),
        async (good, bad, at) => {
          const list = [...good];
          list.splice(at % (list.length + 1), 0, bad);
          expect(await errorsOf(TextList, 'values', list)).toContain(
            'values must not contain control characters',
          );
        },
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cleanText, { minLength: 6, maxLength: 10 }), async (list) => {
        expect(await errorsOf(TextList, 'values', list)).toContain(
          'values must have at most 5 entries',
        );
      }),
      { numRuns: 100 },
    );
  });
});
