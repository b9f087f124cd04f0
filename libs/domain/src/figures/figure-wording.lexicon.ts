import type { FigureQualifier } from './reported-figure.entity.js';

/**
 * The words that figure-wording.ts reads, one table per language. Every pattern here is matched
 * against the few characters just before or just after a number, never against the whole text.
 */
export interface WordingLexicon {
  /** Numbers written in words ("seventy", "forty-two", "a dozen"), global; null when the language has none here. */
  numberWords: RegExp | null;
  /** Qualifying words right before a number ("more than", "ជាង"), by their lower-cased, space-collapsed form. */
  qualifierBefore: ReadonlyMap<string, FigureQualifier>;
  /** The same as a pattern anchored at the end of the text before the number. */
  qualifierBeforePattern: RegExp;
  /** Qualifying words right after a number ("or more", "+", "៧០ ជាង"), anchored at the start. */
  qualifierAfter: ReadonlyArray<readonly [RegExp, FigureQualifier]>;
  /** Words after a number that multiply it ("២ ពាន់" = 2,000), anchored at the start. */
  multiplierAfter: ReadonlyArray<readonly [RegExp, number]>;
  /** What opens a range before its first number ("between", "ពី"), anchored at the end. */
  rangeOpener: RegExp;
  /** What joins the two numbers of a range, the whole text between them. */
  rangeJoin: RegExp;
  /** A join that makes a range only after an opener ("between 60 and 70", not "60 and 70"). */
  rangeJoinNeedsOpener: RegExp;
  /** Right before a number, words that make it something other than a count (a date, an article, money, an age). */
  notCountBefore: RegExp;
  /** Right after a number, units that make it something other than a count of people (days, percent, dollars). */
  notCountAfter: RegExp;
  /** Right before a four-digit number, words that make it a year ("since 2023", "ឆ្នាំ២០២៤"). */
  yearBefore: RegExp;
  /** True when the words after a number say it counts people ("officers", "នាក់", "were dismissed"). */
  countsPeople(after: string): boolean;
}

/** Letters of any script, for word boundaries (`\b` knows ASCII only). */
const LETTER = String.raw`\p{L}\p{M}`;
/** Whitespace, including the zero-width space that Khmer text uses between words. */
const KM_SPACE = String.raw`[\s\u200B\u200C\u200D\uFEFF]*`;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Map of phrases and one pattern matching any of them at the end of a text (leftmost match = longest phrase). */
function phraseTable(
  entries: ReadonlyArray<readonly [string, FigureQualifier]>,
  opts: { boundary: boolean; space: string },
): { map: Map<string, FigureQualifier>; pattern: RegExp } {
  const map = new Map(entries.map(([phrase, q]) => [phrase.toLowerCase(), q]));
  const alternatives = [...map.keys()]
    .sort((a, b) => b.length - a.length)
    .map((p) =>
      p
        .split(' ')
        .map(escape)
        .join(String.raw`\s+`),
    );
  const left = opts.boundary ? `(?<![${LETTER}\\p{N}])` : '';
  return { map, pattern: new RegExp(`${left}(?:${alternatives.join('|')})${opts.space}$`, 'iu') };
}

// ---------------------------------------------------------------------------------------------
// English

/**
 * "nearly 70" / "almost 70" are ABOUT 70, not FEWER_THAN 70: the claim's content is its size, and
 * FEWER_THAN 70 claims [0, 69], which records can never show to be under-recorded and DOMAIN.md §3
 * never corroborates. The "just under" sense is lost; "just under 70" (an explicit bound) is FEWER_THAN.
 * "as many as 70" is AT_MOST (the usual reading, an upper bound).
 */
const EN_BEFORE: ReadonlyArray<readonly [string, FigureQualifier]> = [
  ['exactly', 'EXACT'],
  ['precisely', 'EXACT'],
  ['a total of', 'EXACT'],
  ['only', 'EXACT'],
  ['about', 'ABOUT'],
  ['some', 'ABOUT'],
  ['around', 'ABOUT'],
  ['round about', 'ABOUT'],
  ['approximately', 'ABOUT'],
  ['approx.', 'ABOUT'],
  ['roughly', 'ABOUT'],
  ['an estimated', 'ABOUT'],
  ['estimated', 'ABOUT'],
  ['nearly', 'ABOUT'],
  ['almost', 'ABOUT'],
  ['close to', 'ABOUT'],
  ['circa', 'ABOUT'],
  ['~', 'ABOUT'],
  ['more than', 'MORE_THAN'],
  ['over', 'MORE_THAN'],
  ['well over', 'MORE_THAN'],
  ['just over', 'MORE_THAN'],
  ['above', 'MORE_THAN'],
  ['in excess of', 'MORE_THAN'],
  ['upwards of', 'MORE_THAN'],
  ['at least', 'AT_LEAST'],
  ['no fewer than', 'AT_LEAST'],
  ['no less than', 'AT_LEAST'],
  ['not fewer than', 'AT_LEAST'],
  ['not less than', 'AT_LEAST'],
  ['a minimum of', 'AT_LEAST'],
  ['up to', 'AT_MOST'],
  ['at most', 'AT_MOST'],
  ['no more than', 'AT_MOST'],
  ['not more than', 'AT_MOST'],
  ['a maximum of', 'AT_MOST'],
  ['as many as', 'AT_MOST'],
  ['fewer than', 'FEWER_THAN'],
  ['less than', 'FEWER_THAN'],
  ['under', 'FEWER_THAN'],
  ['just under', 'FEWER_THAN'],
  ['below', 'FEWER_THAN'],
];

const EN_UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** one..ninety-nine, hundreds, thousands and "a dozen", as the brief of issue 17 asks; nothing larger. */
function englishNumberWords(): RegExp {
  const units = EN_UNITS.join('|');
  const below100 = `(?:(?:${EN_TENS.join('|')})(?:[-\\s](?:${units}))?|${EN_TEENS.join('|')}|${units})`;
  const below1000 = `(?:(?:a|${units})\\s+hundred(?:\\s+(?:and\\s+)?${below100})?|${below100})`;
  const thousands = `(?:(?:a|${below1000})\\s+thousand(?:,?\\s+(?:and\\s+)?${below1000})?)`;
  return new RegExp(
    `(?<![${LETTER}\\p{N}])(?:${thousands}|${below1000}|a\\s+dozen)(?![${LETTER}\\p{N}])`,
    'giu',
  );
}

/** People, by the nouns and pronouns that follow a count of them. */
const EN_PEOPLE = new Set(
  `officer officers policeman policemen policewoman policewomen police cop cops people person persons individuals
   official officials men women member members personnel staff agent agents guard guards gendarme gendarmes
   commander commanders chiefs deputy deputies director directors heads leaders employee employees
   soldier soldiers recruit recruits cadet cadets trainee trainees colleague colleagues subordinate subordinates
   others inmate inmates prisoner prisoners suspect suspects generals colonel colonels majors captain
   captains lieutenant lieutenants sergeant sergeants corporal corporals them whom`.split(/\s+/),
);
/** Verbs of discipline: "230 were fired" counts people even without a noun. */
const EN_DISCIPLINE = new Set(
  `dismissed fired sacked suspended demoted removed disciplined punished expelled discharged terminated reprimanded
   warned transferred reinstated arrested detained charged tested investigated relieved stripped ousted`.split(
    /\s+/,
  ),
);
/** Words that may stand between a number and its verb ("230 have since been fired"). */
const EN_AUXILIARY = new Set(
  'were was have has had been are is being got all also reportedly allegedly since later then subsequently already now'.split(
    ' ',
  ),
);
// A count's noun comes within five words: "10 other Phnom Penh police officers" is the longest seen.
const EN_NOUN_REACH = 5;

function englishCountsPeople(after: string): boolean {
  const words: string[] = [];
  for (const m of after.matchAll(/[\p{L}\p{M}'’-]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]/gu)) {
    const w = m[0].toLowerCase();
    if (/^[.,;:!?()"“”[\]]$/.test(w)) break;
    // Another number ends the phrase, unless partitive: "40 of the 70 officers".
    if (/^\p{N}/u.test(w) && !(words.join(' ') === 'of' || words.join(' ') === 'of the')) break;
    words.push(w);
    if (words.length >= EN_NOUN_REACH) break;
  }
  let auxiliariesOnly = true;
  for (const w of words) {
    const parts = [w, ...w.split(/[-']/)].map((p) => p.replace(/[’']s$/, ''));
    if (parts.some((p) => EN_PEOPLE.has(p))) return true;
    if (auxiliariesOnly && EN_DISCIPLINE.has(w)) return true;
    if (!EN_AUXILIARY.has(w)) auxiliariesOnly = false;
  }
  return false;
}

const EN_MONTHS = String.raw`jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`;
const EN_BEFORE_TABLE = phraseTable(EN_BEFORE, { boundary: true, space: String.raw`\s*` });

export const ENGLISH: WordingLexicon = {
  numberWords: englishNumberWords(),
  qualifierBefore: EN_BEFORE_TABLE.map,
  qualifierBeforePattern: EN_BEFORE_TABLE.pattern,
  qualifierAfter: [
    [/^\s*\+(?!\p{N})/u, 'AT_LEAST'],
    [/^-plus(?![\p{L}])/iu, 'AT_LEAST'],
    [/^\s+or\s+(?:more|over|above)(?![\p{L}])/iu, 'AT_LEAST'],
    [/^(?:-|\s+)odd(?![\p{L}])/iu, 'ABOUT'],
    [/^\s+or\s+so(?![\p{L}])/iu, 'ABOUT'],
    [/^\s+or\s+(?:fewer|less|under)(?![\p{L}])/iu, 'AT_MOST'],
  ],
  multiplierAfter: [],
  rangeOpener: /(?<![\p{L}])between\s+$/iu,
  rangeJoin: /^\s*(?:-|–|—|to|and)\s*$/iu,
  rangeJoinNeedsOpener: /^\s*and\s*$/iu,
  notCountBefore: new RegExp(
    [
      // dates: "January 23", "Jan. 2024", "23/01", "2024-01-23"; times "10:30"
      `(?<![${LETTER}])(?:${EN_MONTHS})\\.?\\s*$`,
      String.raw`\p{N}\s*[/:.-]$`,
      // references, money, ages, "COVID-19"
      `(?<![${LETTER}])(?:articles?|art\\.|no\\.?|nos\\.?|numbers?|#|decree|sub-decree|law|prakas|page|pages|p\\.|pp\\.|section|chapter|road|street|st\\.|route|highway|room|unit|aged?|ages|usd|us\\$|khr|riels?)\\s*$`,
      String.raw`[$€£៛]\s*$`,
      `[${LETTER}]-$`,
    ].join('|'),
    'iu',
  ),
  notCountAfter: new RegExp(
    [
      `^\\s*-?\\s*(?:%|per\\s*cent|percent(?:age)?|(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)(?![${LETTER}])|a\\.m\\.|p\\.m\\.|o'clock|km|kilomet(?:er|re)s?|met(?:er|re)s?|kgs?|kilo(?:gram)?s?|grams?|tons?|tonnes?|dollars?|usd|riels?|khr|million|billion|times|cases|provinces|districts|communes|villages|pills|tablets|packages)(?![${LETTER}])`,
      `^\\s*(?:of\\s+)?(?:${EN_MONTHS})(?![${LETTER}])`,
      String.raw`^\s*[-–/:]\s*\p{N}`,
    ].join('|'),
    'iu',
  ),
  yearBefore: new RegExp(
    `(?<![${LETTER}])(?:in|since|by|until|till|from|during|before|after|year|early|late|mid|fiscal)[\\s-]*$`,
    'iu',
  ),
  countsPeople: englishCountsPeople,
};

// ---------------------------------------------------------------------------------------------
// Khmer

/**
 * ជាង "more than" (also after the number: "៧០ ជាងនាក់" = 70-odd, more than 70), ប្រហែល "about",
 * យ៉ាងហោចណាស់ "at least", យ៉ាងច្រើន / មិនលើសពី "at most", តិចជាង "fewer than", ជិត "nearly" (ABOUT,
 * as "nearly" in English). Khmer writes no spaces between words: the longest phrase wins
 * (តិចជាង is FEWER_THAN, not ជាង; មិនតិចជាង is AT_LEAST; មិនលើសពី is AT_MOST, not លើសពី).
 */
const KM_BEFORE: ReadonlyArray<readonly [string, FigureQualifier]> = [
  ['ត្រឹមតែ', 'EXACT'],
  ['ប្រហែល', 'ABOUT'],
  ['ប្រហែលជា', 'ABOUT'],
  ['ប្រមាណ', 'ABOUT'],
  ['ប្រមាណជា', 'ABOUT'],
  ['ជិត', 'ABOUT'],
  ['ស្ទើរតែ', 'ABOUT'],
  ['ជាង', 'MORE_THAN'],
  ['ច្រើនជាង', 'MORE_THAN'],
  ['លើសពី', 'MORE_THAN'],
  ['យ៉ាងហោចណាស់', 'AT_LEAST'],
  ['យ៉ាងតិច', 'AT_LEAST'],
  ['មិនតិចជាង', 'AT_LEAST'],
  ['យ៉ាងច្រើន', 'AT_MOST'],
  ['មិនលើសពី', 'AT_MOST'],
  ['រហូតដល់', 'AT_MOST'],
  ['តិចជាង', 'FEWER_THAN'],
];
const KM_BEFORE_TABLE = phraseTable(KM_BEFORE, { boundary: false, space: KM_SPACE });
const KM_MONTHS = 'មករា|កុម្ភៈ|កុម្ភះ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ';
/** Classifiers of people: នាក់ (persons), រូប (persons, respectful). */
const KM_PEOPLE = new RegExp(`^${KM_SPACE}(?:ជាង${KM_SPACE})?(?:នាក់|រូប)`, 'u');

export const KHMER: WordingLexicon = {
  numberWords: null,
  qualifierBefore: KM_BEFORE_TABLE.map,
  qualifierBeforePattern: KM_BEFORE_TABLE.pattern,
  qualifierAfter: [[new RegExp(`^${KM_SPACE}ជាង`, 'u'), 'MORE_THAN']],
  multiplierAfter: [
    [new RegExp(`^${KM_SPACE}ពាន់`, 'u'), 1_000],
    [new RegExp(`^${KM_SPACE}ម៉ឺន`, 'u'), 10_000],
    [new RegExp(`^${KM_SPACE}សែន`, 'u'), 100_000],
    [new RegExp(`^${KM_SPACE}លាន`, 'u'), 1_000_000],
  ],
  rangeOpener: new RegExp(`(?:ចន្លោះ${KM_SPACE}ពី|ចន្លោះ|ពី)${KM_SPACE}$`, 'u'),
  rangeJoin: new RegExp(`^${KM_SPACE}(?:-|–|ទៅ|ដល់)${KM_SPACE}$`, 'u'),
  rangeJoinNeedsOpener: /(?!)/u,
  notCountBefore: new RegExp(
    [
      // dates ("ថ្ងៃទី២៣ ខែមករា ឆ្នាំ២០២៤"), ordinals (ទី), references, money, age, times
      `(?:ទី|ថ្ងៃ|ខែ|ឆ្នាំ|${KM_MONTHS}|គ\\.ស\\.?|ព\\.ស\\.?|លេខ|មាត្រា|ផ្លូវ|ទំព័រ|ម៉ោង|អាយុ|ដុល្លារ|រៀល)${KM_SPACE}$`,
      String.raw`[$€£៛]\s*$`,
      String.raw`\p{N}\s*[/:.-]$`,
    ].join('|'),
    'iu',
  ),
  notCountAfter: new RegExp(
    [
      `^${KM_SPACE}(?:ថ្ងៃ|ខែ|ឆ្នាំ|ម៉ោង|នាទី|វិនាទី|សប្ដាហ៍|សប្តាហ៍|អាទិត្យ|ដុល្លារ|រៀល|ភាគរយ|%|គីឡូក្រាម|គីឡូម៉ែត្រ|គីឡូ|ក្រាម|តោន|ម៉ែត្រ|ដង|ករណី|ខេត្ត|គ្រាប់|កញ្ចប់|${KM_MONTHS})`,
      `^\\s*(?:usd|dollars?|riels?|%|percent)`,
      String.raw`^\s*[-–/:]\s*\p{N}`,
    ].join('|'),
    'iu',
  ),
  yearBefore: new RegExp(`(?:ឆ្នាំ|ពី|ក្នុង|គ\\.ស\\.?)${KM_SPACE}$`, 'u'),
  countsPeople: (after) => KM_PEOPLE.test(after),
};
