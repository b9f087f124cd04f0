import type { FigureQualifier } from './reported-figure.entity.js';
import { ENGLISH, KHMER, type WordingLexicon } from './figure-wording.lexicon.js';

export const WORDING_LANGUAGES = ['EN', 'KM'] as const;
export type WordingLanguage = (typeof WORDING_LANGUAGES)[number];

/** A figure read from published wording: what `createReportedFigure` would take, and where it was read. */
export interface FigureWordingSuggestion {
  value: number;
  qualifier: FigureQualifier;
  /** For ABOUT when the words give the margin themselves ("between 60 and 70"); null otherwise (the default applies). */
  tolerance: number | null;
  /** The words read, exactly as in the text: `text.slice(start, end)`. */
  words: string;
  /** Offsets in the text, in UTF-16 code units (JavaScript string indices); `end` is exclusive. */
  start: number;
  end: number;
}

const LEXICONS: Record<WordingLanguage, WordingLexicon> = { EN: ENGLISH, KM: KHMER };

// GraphQL's Int is a signed 32-bit integer; a larger number is no count of people anyway.
const MAX_VALUE = 2_147_483_647;
// Qualifiers and the words that rule a number out are at most ~20 characters; 60 leaves room for spacing.
const CONTEXT_BEFORE = 60;
// A count's noun comes within five words of it (figure-wording.lexicon.ts); 80 characters hold them.
const CONTEXT_AFTER = 80;

const DIGIT_VALUES: Record<string, number> = Object.fromEntries(
  [...'0123456789', ...'០១២៣៤៥៦៧៨៩'].map((d, i) => [d, i % 10]),
);
// Western (0-9) and Khmer (០-៩) digits, in either language. Thousands separators: "," in English;
// "," or "." in Khmer (both are seen in Khmer print) when every group has three digits. Any other
// "." or "," followed by digits makes a decimal, which is no count.
const DIGITS = {
  EN: /(?<![\p{Script=Latin}\p{N}])(?:[0-9០-៩]{1,3}(?:,[0-9០-៩]{3})+|[0-9០-៩]+)(?:\.[0-9០-៩]+)?(?![\p{Script=Latin}\p{N}])/gu,
  KM: /(?<![\p{Script=Latin}\p{N}])(?:[0-9០-៩]{1,3}(?:,[0-9០-៩]{3})+|[0-9០-៩]{1,3}(?:\.[0-9០-៩]{3})+|[0-9០-៩]+)(?:[.,][0-9០-៩]+)?(?![\p{Script=Latin}\p{N}])/gu,
} as const;

interface NumberToken {
  value: number;
  start: number;
  end: number;
  /** Written with digits only, four of them, no separator: may be a year. */
  yearLike: boolean;
  /** Not a whole number ("1.5"): never a count. */
  fractional: boolean;
}

interface Reading {
  value: number;
  qualifier: FigureQualifier;
  tolerance: number | null;
  start: number;
  end: number;
  countsPeople: boolean;
  excluded: boolean;
}

function digitsValue(raw: string): { value: number; fractional: boolean } {
  const decimal = /[.,]([0-9០-៩]+)$/u.exec(raw);
  const groupsOfThree = /^[0-9០-៩]{1,3}(?:[.,][0-9០-៩]{3})+$/u.test(raw);
  const intPart = decimal && !groupsOfThree ? raw.slice(0, decimal.index) : raw;
  let value = 0;
  for (const ch of intPart) if (ch in DIGIT_VALUES) value = value * 10 + DIGIT_VALUES[ch];
  return { value, fractional: Boolean(decimal) && !groupsOfThree };
}

const WORD_VALUES: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
}; // prettier-ignore

/** "two hundred and five" = 205, "a thousand" = 1000, "a dozen" = 12 (the pattern has checked the grammar). */
function wordsValue(raw: string): number {
  let total = 0;
  let current = 0;
  for (const w of raw.toLowerCase().split(/[\s,-]+/)) {
    if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (w === 'dozen') current = (current || 1) * 12;
    else if (w in WORD_VALUES) current += WORD_VALUES[w];
  }
  return total + current;
}

function scanNumbers(text: string, language: WordingLanguage, lex: WordingLexicon): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of text.matchAll(DIGITS[language])) {
    const { value, fractional } = digitsValue(m[0]);
    let end = m.index + m[0].length;
    let multiplied = value;
    let isFractional = fractional;
    for (const [pattern, factor] of lex.multiplierAfter) {
      const after = pattern.exec(text.slice(end, end + CONTEXT_AFTER));
      if (!after) continue;
      // "១,៥ ពាន់" = 1,500: a decimal times a multiplier can be a whole number.
      const exact = Number(
        (
          Number(m[0].replace(/[០-៩]/gu, (d) => String(DIGIT_VALUES[d])).replace(',', '.')) * factor
        ).toFixed(6),
      );
      multiplied = fractional ? exact : value * factor;
      isFractional = !Number.isInteger(multiplied);
      end += after[0].length;
      break;
    }
    tokens.push({
      value: multiplied,
      start: m.index,
      end,
      yearLike:
        end === m.index + 4 && /^[0-9០-៩]{4}$/u.test(m[0]) && value >= 1900 && value <= 2100,
      fractional: isFractional,
    });
  }
  if (lex.numberWords) {
    for (const m of text.matchAll(lex.numberWords)) {
      tokens.push({
        value: wordsValue(m[0]),
        start: m.index,
        end: m.index + m[0].length,
        yearLike: false,
        fractional: false,
      });
    }
  }
  return tokens.sort((a, b) => a.start - b.start);
}

function before(text: string, at: number): string {
  return text.slice(Math.max(0, at - CONTEXT_BEFORE), at);
}

function after(text: string, at: number): string {
  return text.slice(at, at + CONTEXT_AFTER);
}

/** Rules out numbers that are no count: decimals, dates and times, references, money, units, years. */
function ruledOut(
  text: string,
  lex: WordingLexicon,
  first: NumberToken,
  last: NumberToken,
  countsPeople: boolean,
): boolean {
  if (first.fractional || last.fractional || last.value > MAX_VALUE) return true;
  const pre = before(text, first.start);
  if (lex.notCountBefore.test(pre) || lex.notCountAfter.test(after(text, last.end))) return true;
  // A four-digit number from 1900 to 2100 is a year unless people follow it ("2000 officers"), and
  // even then after "in", "since" ("in 2024 officers were ...").
  if (first.yearLike && (!countsPeople || lex.yearBefore.test(pre))) return true;
  return false;
}

/**
 * "between 60 and 70", "60-70", "ពី ៦០ ទៅ ៧០": ABOUT the middle, with the tolerance that makes
 * claimedRange (tallies/figure-check.ts) cover both ends: value = the rounded middle, tolerance =
 * the larger distance to an end over the value. An uneven range ("60-75") claims one more on one side.
 */
function readRange(
  text: string,
  lex: WordingLexicon,
  a: NumberToken,
  b: NumberToken,
): Reading | null {
  if (
    a.fractional ||
    b.fractional ||
    a.yearLike ||
    b.yearLike ||
    a.value >= b.value ||
    a.value === 0
  )
    return null;
  const join = text.slice(a.end, b.start);
  if (!lex.rangeJoin.test(join)) return null;
  const pre = before(text, a.start);
  const opener = lex.rangeOpener.exec(pre);
  if (!opener && lex.rangeJoinNeedsOpener.test(join)) return null;
  // "about 60-70": the words read include an approximating word before the range.
  const about = opener ? null : lex.qualifierBeforePattern.exec(pre);
  const lead =
    opener ??
    (about && lex.qualifierBefore.get(normalisePhrase(about[0])) === 'ABOUT' ? about : null);
  const value = Math.round((a.value + b.value) / 2);
  const tolerance = Math.max(value - a.value, b.value - value) / value;
  const countsPeople = lex.countsPeople(after(text, b.end));
  return {
    value,
    qualifier: 'ABOUT',
    tolerance,
    start: lead ? a.start - (pre.length - lead.index) : a.start,
    end: b.end,
    countsPeople,
    excluded: ruledOut(text, lex, a, b, countsPeople),
  };
}

/** "More  than\u00a0" -> "more than": the key of the qualifier tables. */
function normalisePhrase(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[\s\u200B\u200C\u200D\uFEFF]+/gu, ' ')
    .trim();
}

function readSingle(text: string, lex: WordingLexicon, token: NumberToken): Reading {
  const pre = before(text, token.start);
  let qualifier: FigureQualifier = 'EXACT';
  let start = token.start;
  let end = token.end;
  const prefix = lex.qualifierBeforePattern.exec(pre);
  const prefixQualifier = prefix ? lex.qualifierBefore.get(normalisePhrase(prefix[0])) : undefined;
  if (prefix && prefixQualifier) {
    qualifier = prefixQualifier;
    start = token.start - (pre.length - prefix.index);
  } else {
    for (const [pattern, q] of lex.qualifierAfter) {
      const m = pattern.exec(after(text, token.end));
      if (!m) continue;
      qualifier = q;
      end = token.end + m[0].length;
      break;
    }
  }
  const countsPeople = lex.countsPeople(after(text, end));
  return {
    value: token.value,
    qualifier,
    tolerance: null,
    start,
    end,
    countsPeople,
    excluded: ruledOut(text, lex, token, token, countsPeople),
  };
}

/**
 * Proposes a figure's value and qualifier from the words that state it ("about 70", "ជាង ៧០ នាក់").
 * Null when the text holds no number that can be a count.
 *
 * When the text holds several numbers, it takes the first that is a count of people:
 * 1. numbers that are no count are set aside: decimals, dates and times ("January 23, 2024",
 *    "ថ្ងៃទី២៣"), years, references ("Article 12"), money, ages, and numbers of days, percent, etc.;
 * 2. of the rest, the first followed by people wins: a noun within five words ("70 police
 *    officers", "40 of them"), a verb of discipline ("230 were fired"), or in Khmer the classifier
 *    of persons នាក់ / រូប ("៧០ នាក់");
 * 3. when none is followed by people, the first of the rest ("about 70" on its own).
 */
export function parseFigureWording(
  text: string,
  language: WordingLanguage,
): FigureWordingSuggestion | null {
  const lex = LEXICONS[language];
  const tokens = scanNumbers(text, language, lex);
  let firstCount: Reading | undefined;
  let chosen: Reading | undefined;
  for (let i = 0; i < tokens.length && !chosen; i++) {
    const range = i + 1 < tokens.length ? readRange(text, lex, tokens[i], tokens[i + 1]) : null;
    const reading = range && !range.excluded ? range : readSingle(text, lex, tokens[i]);
    if (reading === range) i++;
    if (reading.excluded) continue;
    if (reading.countsPeople) chosen = reading;
    firstCount ??= reading;
  }
  chosen ??= firstCount;
  if (!chosen) return null;
  return {
    value: chosen.value,
    qualifier: chosen.qualifier,
    tolerance: chosen.tolerance,
    words: text.slice(chosen.start, chosen.end),
    start: chosen.start,
    end: chosen.end,
  };
}
