import { esc } from '../html-escape.js';
import { EN_MESSAGES, type MessageKey } from './en.messages.js';
import { KM_MESSAGES } from './km.messages.js';

/**
 * The fact-check page's languages, shared by the server (the page shell) and the browser bundle
 * (everything the script writes). Numbers, dates and month names come from Intl for each locale.
 */
export const LANGUAGES = ['en', 'km'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Intl locales: British English (day month year), Khmer of Cambodia. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', km: 'km-KH' };

/** Each language's name in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', km: 'ខ្មែរ' };

export const CATALOGUES: Record<Language, Record<MessageKey, string>> = {
  en: EN_MESSAGES,
  km: KM_MESSAGES,
};

export type { MessageKey };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The page's language: `?lang=` when it names one, else the best of Accept-Language (the caller
 * passes Express's negotiator, `req.acceptsLanguages`), else English.
 */
export function pickLanguage(
  param: unknown,
  acceptsLanguages: (languages: string[]) => string | false,
): Language {
  if (isLanguage(param)) return param;
  const best = acceptsLanguages([...LANGUAGES]);
  return isLanguage(best) ? best : 'en';
}

type Params = Record<string, string | number>;

/** Messages with plural forms (`<base>.one` / `<base>.other`). */
export type CountBase =
  | 'records.count'
  | 'record.officers'
  | 'record.namedMembers'
  | 'people'
  | 'chart.drawn'
  | 'chart.notDrawn'
  | 'chart.outside';

/** Whether this JavaScript engine's Intl has data for the locale (a browser may ship only some). */
const intlHas = (api: { supportedLocalesOf(locales: string[]): string[] }, locale: string) =>
  api.supportedLocalesOf([locale]).length > 0;

/**
 * Texts of one language: catalogue strings with their placeholders filled, and Intl formats for
 * numbers, dates, month names and lists. Where the engine's Intl has no data for the locale
 * (Debian's Chromium has none for Khmer; Node and Firefox have), dates and lists follow the
 * catalogue's CLDR patterns (`calendar.*`, `list.*`) and numbers the English digits and
 * separators, which CLDR gives Khmer as well.
 */
export class Texts {
  readonly locale: string;
  private readonly messages: Record<MessageKey, string>;
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;
  private readonly plurals: Intl.PluralRules;
  private readonly intlDates: boolean;
  private readonly intlLists: boolean;

  constructor(readonly lang: Language) {
    this.locale = LOCALES[lang];
    this.messages = CATALOGUES[lang];
    const numberLocale = intlHas(Intl.NumberFormat, this.locale) ? this.locale : LOCALES.en;
    this.numbers = new Intl.NumberFormat(numberLocale);
    this.percents = new Intl.NumberFormat(numberLocale, {
      style: 'percent',
      maximumFractionDigits: 0,
    });
    this.plurals = new Intl.PluralRules(this.locale);
    this.intlDates = intlHas(Intl.DateTimeFormat, this.locale);
    this.intlLists = intlHas(Intl.ListFormat, this.locale);
  }

  /** Whether the catalogue has a key built at run time (a verdict or issue code from the API). */
  has(key: string): key is MessageKey {
    return Object.prototype.hasOwnProperty.call(this.messages, key);
  }

  /** Every key of the catalogue, in its order. */
  keys(): MessageKey[] {
    return Object.keys(this.messages) as MessageKey[];
  }

  /**
   * The verdict codes the catalogue words (`verdict.<CODE>`), in catalogue order: the page's legend
   * and explanations follow the catalogue, so a new verdict needs catalogue entries only.
   */
  verdictCodes(): string[] {
    return this.keys()
      .map((key) => /^verdict\.([A-Z_]+)$/.exec(key)?.[1])
      .filter((code): code is string => !!code);
  }

  /** Plain text: the message with its placeholders filled (numbers formatted for the locale). */
  text(key: MessageKey, params: Params = {}): string {
    return this.fill(key, params, (v) => v);
  }

  /** HTML: the message escaped, its placeholders filled with the HTML given (the caller escapes). */
  html(key: MessageKey, params: Params = {}): string {
    return this.fill(key, params, esc);
  }

  /** The plural form of `base` for n (`base.one` / `base.other`), with `{n}` filled. */
  count(base: CountBase, n: number, params: Params = {}): string {
    const form = this.plurals.select(n) === 'one' ? 'one' : 'other';
    return this.text(`${base}.${form}`, { n, ...params });
  }

  /** As count, as HTML with HTML parameters. */
  countHtml(base: 'chart.notDrawn' | 'chart.outside', n: number, params: Params): string {
    const form = this.plurals.select(n) === 'one' ? 'one' : 'other';
    return this.html(`${base}.${form}`, { n, ...params });
  }

  /** First letter upper case, for a sentence or a label that starts with a word (Khmer has no case). */
  capitalise(text: string): string {
    return text.replace(/^./u, (c) => c.toLocaleUpperCase(this.locale));
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  percent(fraction: number): string {
    return this.percents.format(fraction);
  }

  /** "2024-01-23" in words ("23 January 2024"); a month ("2024-01") or a year alone likewise. */
  date(value: string, style: 'long' | 'short' = 'long'): string {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
    if (!m) return value;
    if (!m[2]) return m[1];
    if (!this.intlDates) {
      const month = this.text(style === 'long' ? 'calendar.months' : 'calendar.monthsShort').split(
        '|',
      )[Number(m[2]) - 1];
      if (!m[3]) return this.text('calendar.month', { month, year: m[1] });
      const day = String(Number(m[3]));
      return style === 'long'
        ? this.text('calendar.day', { day, month, year: m[1] })
        : this.text('calendar.dayShort', { day, month });
    }
    const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
    const month = style === 'long' ? 'long' : 'short';
    const options: Intl.DateTimeFormatOptions = m[3]
      ? { day: 'numeric', month, ...(style === 'long' ? { year: 'numeric' } : {}), timeZone: 'UTC' }
      : { month, year: 'numeric', timeZone: 'UTC' };
    return new Intl.DateTimeFormat(this.locale, options).format(day);
  }

  /**
   * A moment (an ISO instant) in words, in UTC: "23 January 2024, 10:15:00 UTC". The time is
   * written with 24 hours and seconds, the precision of a permalink.
   */
  moment(iso: string): string {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return iso;
    const text = at.toISOString();
    return this.text('calendar.moment', {
      date: this.date(text.slice(0, 10)),
      time: text.slice(11, 19),
    });
  }

  /** "a, b or c" in the language (Intl.ListFormat, or the catalogue's pattern). */
  list(items: string[], type: 'or' | 'and'): string {
    if (this.intlLists)
      return new Intl.ListFormat(this.locale, {
        type: type === 'or' ? 'disjunction' : 'conjunction',
      }).format(items);
    if (items.length < 2) return items[0] ?? '';
    return this.text(type === 'or' ? 'list.or' : 'list.and', {
      items: items.slice(0, -1).join(this.text('list.separator')),
      last: items[items.length - 1],
    });
  }

  private fill(key: MessageKey, params: Params, escape: (s: string) => string): string {
    const template = this.messages[key];
    if (template === undefined) {
      console.error(`Missing ${this.lang} message: ${key}`);
      return key;
    }
    return escape(template).replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) {
        console.error(`Message ${key} (${this.lang}) has no value for {${name}}`);
        return whole;
      }
      return typeof value === 'number' ? escape(this.number(value)) : value;
    });
  }
}
