/**
 * Pure rules for duplicate candidates (README "Counting once" > "Duplicate candidates"): how alike
 * two officer names are, across spellings, word order, aliases and Khmer script, and how likely two
 * actions record the same action. No SQL here: the repository finds the pairs worth scoring
 * (same type, overlapping dates, compatible province, similar name), these functions score them.
 */

// A simple romanisation of Khmer script (close to the UNGEGN system, without the inherent vowels
// and register rules): enough for "សុខ" and "Sok" to come out alike, not a transliteration.
const KHMER: Record<string, string> = {
  ក: 'k',
  ខ: 'kh',
  គ: 'k',
  ឃ: 'kh',
  ង: 'ng',
  ច: 'ch',
  ឆ: 'chh',
  ជ: 'ch',
  ឈ: 'chh',
  ញ: 'nh',
  ដ: 'd',
  ឋ: 'th',
  ឌ: 'd',
  ឍ: 'th',
  ណ: 'n',
  ត: 't',
  ថ: 'th',
  ទ: 't',
  ធ: 'th',
  ន: 'n',
  ប: 'b',
  ផ: 'ph',
  ព: 'p',
  ភ: 'ph',
  ម: 'm',
  យ: 'y',
  រ: 'r',
  ល: 'l',
  វ: 'v',
  ឝ: 's',
  ឞ: 's',
  ស: 's',
  ហ: 'h',
  ឡ: 'l',
  អ: '',
  ឥ: 'e',
  ឦ: 'ei',
  ឧ: 'o',
  ឩ: 'ou',
  ឪ: 'ov',
  ឫ: 'rue',
  ឬ: 'rueu',
  ឭ: 'lue',
  ឮ: 'lueu',
  ឯ: 'ae',
  ឰ: 'ai',
  ឱ: 'ao',
  ឲ: 'ao',
  ឳ: 'au',
  'ា': 'a',
  'ិ': 'e',
  'ី': 'ei',
  'ឹ': 'oe',
  'ឺ': 'eu',
  'ុ': 'o',
  'ូ': 'ou',
  'ួ': 'uo',
  'ើ': 'aeu',
  'ឿ': 'oea',
  'ៀ': 'ie',
  'េ': 'e',
  'ែ': 'ae',
  'ៃ': 'ai',
  'ោ': 'ao',
  'ៅ': 'av',
  'ំ': 'm',
  'ះ': 'h',
  'ៈ': 'a',
};
const KHMER_CHAR = /[\u1780-\u17FF]/g;

/** Khmer letters romanised; signs without a sound of their own (coeng, diacritics) dropped. */
export function romaniseKhmer(text: string): string {
  return text.replace(KHMER_CHAR, (ch) => KHMER[ch] ?? '');
}

/**
 * The comparable form of a name: Khmer romanised, diacritics stripped, lower case, punctuation
 * removed, tokens sorted (so word order does not matter). "Sôk, Dara" and "dara sok" are both
 * "dara sok".
 */
export function nameKey(name: string): string {
  return nameTokens(name).join(' ');
}

export function nameTokens(name: string): string[] {
  return romaniseKhmer(name.replace(/\u200b/g, ' '))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort();
}

/** Jaro-Winkler similarity (0..1) of two strings; prefix scale 0.1 over at most 4 characters. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = bMatched[j] = true;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * How alike two spellings are (0..1): each token matched to its best counterpart by Jaro-Winkler,
 * averaged over the longer name (a missing token counts 0), or the whole sorted keys compared, or
 * the keys with spaces removed ("Sovannarith" and "Sovann Arith"), whichever is higher.
 */
export function spellingSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (!ta.length || !tb.length) return 0;
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const used = new Set<number>();
  let sum = 0;
  for (const t of short) {
    let best = 0;
    let bestAt = -1;
    long.forEach((u, i) => {
      if (used.has(i)) return;
      const s = jaroWinkler(t, u);
      if (s > best) [best, bestAt] = [s, i];
    });
    if (bestAt >= 0) used.add(bestAt);
    sum += best;
  }
  const tokens = sum / long.length;
  const joined = jaroWinkler(ta.join(''), tb.join(''));
  // Joined keys only count when the token counts differ (a name written as one word or two).
  return ta.length === tb.length ? tokens : Math.max(tokens, joined * 0.95);
}

export interface NameMatch {
  score: number;
  a: string;
  b: string;
}

/** The best match between any spelling of one person (name, Khmer name, aliases) and any of another. */
export function bestNameMatch(a: readonly string[], b: readonly string[]): NameMatch {
  let best: NameMatch = { score: 0, a: a[0] ?? '', b: b[0] ?? '' };
  for (const x of a) {
    for (const y of b) {
      const score = spellingSimilarity(x, y);
      if (score > best.score) best = { score, a: x, b: y };
    }
  }
  return best;
}

/** Every spelling of an officer's name. */
export function spellingsOf(o: {
  fullName: string;
  fullNameKm: string | null;
  aliases: readonly string[];
}): string[] {
  return [o.fullName, ...(o.fullNameKm ? [o.fullNameKm] : []), ...o.aliases].filter(
    (s) => s.trim().length > 0,
  );
}

// Below this name similarity two names are taken for different people ("Sok Dara" and "Sok Vuthy"
// score 0.5, "Sok Dara" and "Sok Dalin" 0.85); above it the weight rises to 1 for the same spelling.
const NAME_FLOOR = 0.8;

/** A name similarity rescaled so that NAME_FLOOR and below give 0 and an exact match 1. */
function nameWeight(similarity: number): number {
  return Math.max(0, (similarity - NAME_FLOOR) / (1 - NAME_FLOOR));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** What the scoring needs of one action. */
export interface ScoredAction {
  id: string;
  actionType: string;
  officerId: string | null;
  /** Spellings of its officer's name (empty when it names none). */
  names: readonly string[];
  subjectCount: number;
  subjectDescription: string | null;
  provinceCode: string | null;
  occurredFrom: string;
  occurredTo: string;
  sourceIds: readonly string[];
}

export interface Candidate {
  score: number;
  reasons: string[];
}

const DAY = 86_400_000;
const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;

/**
 * How likely two actions record the same action (0..1), with the reasons. Null: they cannot be
 * (different type, dates that do not overlap, different provinces, a named officer against a
 * group). Weights: the officer's name 0.7, the dates 0.15, the province 0.075, a shared source
 * 0.075; a look-alike with a different given name stays under 0.7 even with everything else shared.
 */
export function scoreActionPair(a: ScoredAction, b: ScoredAction): Candidate | null {
  if (a.actionType !== b.actionType) return null;
  const from = Math.max(days(a.occurredFrom), days(b.occurredFrom));
  const to = Math.min(days(a.occurredTo), days(b.occurredTo));
  if (from > to) return null;
  if (a.provinceCode && b.provinceCode && a.provinceCode !== b.provinceCode) return null;
  if (Boolean(a.officerId) !== Boolean(b.officerId)) return null;
  const reasons: string[] = [];
  let name: number;
  if (a.officerId && a.officerId === b.officerId) {
    name = 1;
    reasons.push('the same officer');
  } else if (a.officerId) {
    const match = bestNameMatch(a.names, b.names);
    name = nameWeight(match.score);
    if (name === 0) return null;
    reasons.push(
      match.score === 1
        ? `the same name: "${match.a}" and "${match.b}"`
        : `similar names: "${match.a}" and "${match.b}" (${round3(match.score)})`,
    );
  } else {
    if (a.subjectCount !== b.subjectCount) return null;
    const description = jaroWinkler(
      nameKey(a.subjectDescription ?? ''),
      nameKey(b.subjectDescription ?? ''),
    );
    name = 0.5 + 0.5 * description;
    reasons.push(`groups of the same size (${a.subjectCount})`);
  }
  reasons.push(`the same action type (${a.actionType})`);
  const union =
    Math.max(days(a.occurredTo), days(b.occurredTo)) -
    Math.min(days(a.occurredFrom), days(b.occurredFrom)) +
    1;
  const overlap = (to - from + 1) / union;
  const dates = 0.7 + 0.3 * overlap;
  reasons.push(
    overlap === 1
      ? `the same dates (${a.occurredFrom}..${a.occurredTo})`
      : `overlapping dates (${a.occurredFrom}..${a.occurredTo} and ${b.occurredFrom}..${b.occurredTo})`,
  );
  let province = 0.5;
  if (a.provinceCode && a.provinceCode === b.provinceCode) {
    province = 1;
    reasons.push(`the same province (${a.provinceCode})`);
  } else if (!a.provinceCode && !b.provinceCode) {
    reasons.push('no province on either');
  } else {
    reasons.push('the province is unknown on one of them');
  }
  const shared = a.sourceIds.filter((s) => b.sourceIds.includes(s));
  if (shared.length) reasons.push(`a shared source (${shared.join(', ')})`);
  const score = 0.7 * name + 0.15 * dates + 0.075 * province + (shared.length ? 0.075 : 0);
  return { score: round3(Math.min(1, score)), reasons };
}

/** How likely two officers are one person (0..1), with the reasons; null below NAME_FLOOR. */
export function scoreOfficerPair(
  a: { fullName: string; fullNameKm: string | null; aliases: readonly string[] },
  b: { fullName: string; fullNameKm: string | null; aliases: readonly string[] },
): Candidate | null {
  const match = bestNameMatch(spellingsOf(a), spellingsOf(b));
  if (match.score <= NAME_FLOOR) return null;
  const reasons = [
    match.score === 1
      ? `the same name: "${match.a}" and "${match.b}"`
      : `similar names: "${match.a}" and "${match.b}" (${round3(match.score)})`,
  ];
  if (match.a !== a.fullName || match.b !== b.fullName) {
    reasons.push('matched through a Khmer name or an alias');
  }
  return { score: round3(match.score), reasons };
}
