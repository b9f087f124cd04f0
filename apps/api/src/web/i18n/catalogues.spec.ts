import { EN_MESSAGES } from './en.messages.js';
import { KM_MESSAGES } from './km.messages.js';
import { pickLanguage, Texts } from './texts.js';

/** Latin-script names the Khmer catalogue keeps as they are. */
const KEPT_NAMES = ['CSV', 'GraphQL', 'JavaScript', 'JSON', 'LD', 'ClaimReview', 'SHA'];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const withoutPlaceholders = (s: string) => s.replace(/\{\w+\}/g, '');

describe('the fact-check page catalogues (English and Khmer)', () => {
  const en = Object.entries(EN_MESSAGES);

  it('have the same keys', () => {
    expect(Object.keys(KM_MESSAGES).sort()).toEqual(Object.keys(EN_MESSAGES).sort());
  });

  it.each(en)('%s has the same placeholders in both, and Khmer wording', (key, english) => {
    const khmer = KM_MESSAGES[key as keyof typeof EN_MESSAGES];
    expect(khmer.trim().length).toBeGreaterThan(0);
    expect(placeholders(khmer)).toEqual(placeholders(english));
    const latin = (withoutPlaceholders(khmer).match(/[A-Za-z]+/g) ?? []).filter(
      (w) => !KEPT_NAMES.includes(w),
    );
    expect(latin).toEqual([]);
    // Text with words in English has words in Khmer (not a copy).
    if (
      /[A-Za-z]{2,}/.test(
        withoutPlaceholders(english).replace(new RegExp(KEPT_NAMES.join('|'), 'g'), ''),
      )
    )
      expect(withoutPlaceholders(khmer)).toMatch(/\p{Script=Khmer}/u);
  });

  it('words every verdict fully (label, short help, explanation) and every plural in both forms', () => {
    const t = new Texts('en');
    expect(t.verdictCodes()).toEqual([
      'CORROBORATED',
      'UNDER_RECORDED',
      'CONTRADICTED',
      'INCONCLUSIVE',
    ]);
    for (const code of t.verdictCodes()) {
      expect(t.has(`verdict.${code}.help`)).toBe(true);
      expect(t.has(`verdict.${code}.explain`)).toBe(true);
    }
    for (const key of t.keys().filter((k) => k.endsWith('.one')))
      expect(t.has(key.replace(/\.one$/, '.other'))).toBe(true);
    expect(EN_MESSAGES['calendar.months'].split('|')).toHaveLength(12);
    expect(KM_MESSAGES['calendar.months'].split('|')).toHaveLength(12);
    expect(KM_MESSAGES['calendar.monthsShort'].split('|')).toHaveLength(12);
  });

  it.each([
    [null, undefined, 'en'],
    [null, 'km-KH,km;q=0.9,en;q=0.8', 'km'],
    [null, 'de, en;q=0.9', 'en'],
    ['km', 'en', 'km'],
    ['en', 'km', 'en'],
    ['fr', 'km', 'km'],
  ])('?lang=%s with Accept-Language %s picks %s', (param, accept, lang) => {
    // The negotiation Express does (accepts/negotiator), reduced to what these headers need.
    const accepts = (languages: string[]) => {
      if (!accept) return languages[0];
      const wanted = accept.split(',').map((p) => p.trim().split(';')[0].split('-')[0]);
      return wanted.find((w) => languages.includes(w)) ?? false;
    };
    expect(pickLanguage(param, accepts)).toBe(lang);
  });

  it('falls back to the catalogue’s calendar when the engine has no Intl data for the language', () => {
    const supported = Intl.DateTimeFormat.supportedLocalesOf;
    const lists = Intl.ListFormat.supportedLocalesOf;
    Intl.DateTimeFormat.supportedLocalesOf = () => [];
    Intl.ListFormat.supportedLocalesOf = () => [];
    try {
      const km = new Texts('km');
      expect(km.date('2024-01-23')).toBe('23 មករា 2024');
      expect(km.date('2023-11')).toBe('វិច្ឆិកា 2023');
      expect(km.list(['ក', 'ខ', 'គ'], 'or')).toBe('ក, ខ ឬ គ');
    } finally {
      Intl.DateTimeFormat.supportedLocalesOf = supported;
      Intl.ListFormat.supportedLocalesOf = lists;
    }
    // With Intl data (Node has full ICU), the same words.
    expect(new Texts('km').date('2024-01-23')).toBe('23 មករា 2024');
    expect(new Texts('km').date('2023-11')).toBe('វិច្ឆិកា 2023');
  });
});
