/**
 * The domain in words of a page's language, shared by the browser bundle (the fact-check page) and
 * the server's pages (a check's permalink).
 * Codes from the API (verdicts, issue kinds, action types, reasons) are worded from the catalogues
 * and shown as they come when a catalogue has no entry, so a new code needs catalogue entries only.
 * Data (names, titles) is marked translate="no", and text in another language carries its lang.
 */
import { esc } from '../html-escape.js';
import type { Texts } from './texts.js';
import type {
  Labels,
  ProvinceView,
  Range,
  RankView,
  ScopeView,
} from '../client/factcheck.types.js';

/** Data shown as stored: not interface text, not to be translated. */
export function dataHtml(text: string, lang?: string | null): string {
  return `<span translate="no"${lang ? ` lang="${esc(lang)}"` : ''}>${esc(text)}</span>`;
}

/** {min: 63, max: 77} -> "63 to 77"; {min: 12, max: 12} -> "12"; max null -> "41 or more". */
export function rangeWords(t: Texts, range: Range): string {
  if (range.max === null || range.max === undefined)
    return t.text('range.open', { min: range.min });
  if (range.min === range.max) return t.number(range.min);
  return t.text('range.between', { min: range.min, max: range.max });
}

export function qualifierWords(t: Texts, qualifier: string, value: number): string {
  const key = `qualifier.${qualifier}`;
  return t.has(key) ? t.text(key, { n: value }) : t.number(value);
}

/** A verdict's label; the code itself when the catalogue does not know it yet. */
export function verdictLabel(t: Texts, verdict: string | null | undefined): string {
  if (!verdict) return t.text('verdict.none');
  const key = `verdict.${verdict}`;
  return t.has(key) ? t.text(key) : verdict;
}

export function issueKindWords(t: Texts, kind: string): string {
  const key = `issue.${kind}`;
  return t.has(key) ? t.text(key) : kind;
}

export function actionTypeWords(t: Texts, code: string, plural: boolean): string {
  const key = `actionType.${code}.${plural ? 'other' : 'one'}`;
  return t.has(key) ? t.text(key) : code;
}

/**
 * A reason's label: in English the API's (admins edit it), in another language the catalogue's,
 * else the API's English label marked as English, else the code.
 */
export function reasonLabel(
  t: Texts,
  code: string,
  labels: Labels,
): { text: string; lang?: string } {
  const key = `reason.${code}`;
  const stored = labels.reasons[code];
  if (t.lang === 'en') return { text: stored ?? (t.has(key) ? t.text(key) : code) };
  if (t.has(key)) return { text: t.text(key) };
  return stored ? { text: stored, lang: 'en' } : { text: code };
}

export function reasonHtml(t: Texts, code: string, labels: Labels): string {
  const label = reasonLabel(t, code, labels);
  return label.lang ? `<span lang="${label.lang}">${esc(label.text)}</span>` : esc(label.text);
}

/** A province or rank name: in Khmer the Khmer name when there is one; in English both. */
export function placeHtml(t: Texts, named: ProvinceView | RankView): string {
  if (t.lang === 'km' && named.nameKm) return dataHtml(named.nameKm);
  if (!named.nameKm) return dataHtml(named.name);
  return `${dataHtml(named.name)} (${dataHtml(named.nameKm, 'km')})`;
}

/** An option's text for a province: "Prey Veng · ព្រៃវែង" (the page's language first). */
export function provinceOption(t: Texts, p: ProvinceView): string {
  if (!p.nameKm) return p.name;
  return t.lang === 'km' ? `${p.nameKm} · ${p.name}` : `${p.name} · ${p.nameKm}`;
}

/** A number of people: "1 person", "12 people". */
export function peopleWords(t: Texts, n: number): string {
  return t.count('people', n);
}

/** A range of people: "12 people", "5 to 8 people". */
export function peopleRangeWords(t: Texts, range: { min: number; max: number }): string {
  return range.min === range.max
    ? peopleWords(t, range.min)
    : t.text('people.between', { min: range.min, max: range.max });
}

/** A day or month of an EDTF date with its qualifier in words: "about 29 January 2024", "perhaps January 2024". */
function qualifiedDayWords(t: Texts, value: string | undefined): string {
  if (!value || value === '..' || value === '') return t.text('date.unknown');
  const approximate = /[~%]/.test(value);
  const uncertain = /[?%]/.test(value);
  const date = t.date(value.replace(/[~?%]/g, ''));
  if (approximate && uncertain) return t.text('date.perhapsAbout', { date });
  if (approximate) return t.text('date.about', { date });
  if (uncertain) return t.text('date.perhaps', { date });
  return date;
}

/**
 * An EDTF date of a record in words: "2023-11/2024-01-23" -> "between November 2023 and 23 January
 * 2024"; "2024-01-29~" -> "about 29 January 2024"; "2024-01?" -> "perhaps January 2024". A
 * qualifier belongs to the date it follows (EDTF level 1), so each end of an interval has its own.
 */
export function partialDateWords(t: Texts, value: string): string {
  const [a, b] = value.split('/');
  if (b === undefined || a === b) return qualifiedDayWords(t, a);
  return t.text('date.between', { from: qualifiedDayWords(t, a), to: qualifiedDayWords(t, b) });
}

/** A share of the claim as a percentage range: "between 40% and 52%" (Intl percent of the language). */
export function coverageWords(t: Texts, range: { min: number; max: number | null }): string {
  const min = t.percent(range.min);
  if (range.max === null || range.max === undefined) return t.text('coverage.atLeast', { min });
  const max = t.percent(range.max);
  return min === max ? min : t.text('coverage.between', { min, max });
}

/** A period for people: "2024-01" -> "January 2024", "2024-W03" -> "week 3 of 2024". */
export function periodWords(t: Texts, period: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return t.text('period.week', { week: String(Number(week[2])), year: week[1] });
  return t.date(period);
}

/** A compact axis label: "2024-01" -> "Jan 2024", "2024-01-23" -> "23 Jan". */
export function shortPeriod(t: Texts, period: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return t.text('period.weekShort', { week: String(Number(week[2])), year: week[1] });
  return t.date(period, 'short');
}

/** What a figure or a filter counts, as HTML. */
export function scopeHtml(t: Texts, scope: ScopeView, labels: Labels): string {
  const parts: string[] = [];
  parts.push(
    scope.actionTypes.length
      ? esc(
          t.list(
            scope.actionTypes.map((a) => actionTypeWords(t, a, true)),
            'or',
          ),
        )
      : esc(t.text('scope.allActions')),
  );
  if (scope.reasonCodes.length)
    parts.push(
      t.html('scope.reasons', {
        reasons: t.list(
          scope.reasonCodes.map((r) => reasonHtml(t, r, labels)),
          'or',
        ),
      }),
    );
  if (scope.provinceCodes.length) {
    const names = scope.provinceCodes.map((c) =>
      labels.provinces[c] ? placeHtml(t, labels.provinces[c]) : dataHtml(c),
    );
    parts.push(t.html('scope.provinces', { provinces: t.list(names, 'or') }));
  }
  if (scope.rankCodes.length) {
    const ranks = scope.rankCodes.map((c) =>
      labels.ranks[c] ? placeHtml(t, labels.ranks[c]) : dataHtml(c),
    );
    parts.push(t.html('scope.ranks', { ranks: t.list(ranks, 'or') }));
  }
  if (scope.agencyCodes.length) {
    const agencies = scope.agencyCodes.map((c) =>
      labels.agencies[c] ? placeHtml(t, labels.agencies[c]) : dataHtml(c),
    );
    parts.push(t.html('scope.agencies', { agencies: t.list(agencies, 'or') }));
  }
  if (scope.from && scope.to && scope.from === scope.to)
    parts.push(t.html('scope.on', { date: esc(t.date(scope.from)) }));
  else if (scope.from && scope.to)
    parts.push(
      t.html('scope.between', { from: esc(t.date(scope.from)), to: esc(t.date(scope.to)) }),
    );
  else if (scope.from) parts.push(t.html('scope.since', { from: esc(t.date(scope.from)) }));
  else if (scope.to) parts.push(t.html('scope.until', { to: esc(t.date(scope.to)) }));
  return parts.join(', ');
}
