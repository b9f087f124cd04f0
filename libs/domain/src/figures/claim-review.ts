import type { FigureCheckResult } from '../tallies/figure-check.service.js';
import { describeFigure, describeRange, type FigureVerdict } from '../tallies/figure-check.js';
import type { ReportedFigureEntity } from './reported-figure.entity.js';
import { visibilityOf } from '../access/visibility.js';
import { ANONYMOUS } from '../common/viewer.js';

// A published check is the same for every reader: what it shows of a source is what the public sees.
const PUBLIC_VIEW = visibilityOf(ANONYMOUS);

/**
 * Publishing a check (README "Publishing a check"): the check's canonical data, whose SHA-256
 * identifies it, and the schema.org ClaimReview that fact-check readers (search engines,
 * aggregators) take. Pure functions over a FigureCheckResult; nothing here reads the database.
 */

/** The cited source as the public may see it. */
export interface PublicSource {
  url: string | null;
  title: string;
  publisher: string;
  language: string | null;
  confidential: boolean;
}

/** Who publishes the checks (PUBLISHER_NAME, PUBLISHER_URL). */
export interface Publisher {
  name: string;
  url: string;
}

/** The version of the canonical data's layout: a new layout is a new name, so old hashes stay explained. */
export const CANONICAL_CHECK_FORMAT = 'police-discipline-tracker/check@1';

/**
 * A check's data as a permalink replays it: the figure's wording and scope, the ranges, the
 * verdict and the consistency issues, at a moment of record time. Data only: the sentences that
 * explain it are left out, so rewording an explanation changes no hash.
 */
export interface CanonicalCheck {
  format: typeof CANONICAL_CHECK_FORMAT;
  asRecordedAt: string;
  figure: {
    id: string;
    wording: string;
    description: string | null;
    value: number;
    qualifier: string;
    tolerance: number;
    statedBy: string | null;
    statedOn: string | null;
    scope: {
      actionTypes: string[];
      reasonCodes: string[];
      provinceCodes: string[];
      rankCodes: string[];
      from: string | null;
      to: string | null;
    };
  };
  claimed: { min: number; max: number | null };
  recorded: { min: number; max: number };
  independent: { min: number; max: number };
  verdict: FigureVerdict;
  undecided: number;
  coverageRange: { min: number; max: number | null } | null;
  countedUntil: string | null;
  issues: { kind: string; informational: boolean; figureIds: string[] }[];
}

/** An instant as permalinks write it: ISO 8601 in UTC, milliseconds only when there are any. */
export function instantText(at: Date): string {
  return at.toISOString().replace('.000Z', 'Z');
}

/**
 * The figure's exact wording as the public may read it: the excerpt that published it, unless its
 * source is confidential (an excerpt identifies its source); else the editors' description; else
 * the value and qualifier in words ("about 70").
 */
export function publicWording(figure: ReportedFigureEntity, source: PublicSource | null): string {
  if (figure.excerpt && source && !PUBLIC_VIEW.withholdsSource(source)) return figure.excerpt;
  if (figure.description) return figure.description;
  return describeFigure(figure);
}

const sorted = (values: readonly string[]) => [...values].sort();

/** The canonical data of a check as recorded at `asRecordedAt` (see CanonicalCheck). */
export function canonicalCheck(
  result: FigureCheckResult,
  source: PublicSource | null,
  asRecordedAt: Date,
): CanonicalCheck {
  const f = result.figure;
  return {
    format: CANONICAL_CHECK_FORMAT,
    asRecordedAt: instantText(asRecordedAt),
    figure: {
      id: f.id,
      wording: publicWording(f, source),
      description: f.description,
      value: f.value,
      qualifier: f.qualifier,
      tolerance: f.tolerance,
      statedBy: f.statedBy,
      statedOn: f.statedOn,
      scope: {
        actionTypes: sorted(f.scopeActionTypes),
        reasonCodes: sorted(f.scopeReasonCodes),
        provinceCodes: sorted(f.scopeProvinceCodes),
        rankCodes: sorted(f.scopeRankCodes),
        from: f.scopeFrom,
        to: f.scopeTo,
      },
    },
    claimed: { min: result.claimed.min, max: result.claimed.max },
    recorded: { min: result.recorded.min, max: result.recorded.max },
    independent: { min: result.independent.min, max: result.independent.max },
    verdict: result.verdict,
    undecided: result.undecided,
    coverageRange: result.coverageRange
      ? { min: result.coverageRange.min, max: result.coverageRange.max }
      : null,
    countedUntil: result.countedUntil,
    issues: result.issues.map((i) => ({
      kind: i.kind,
      informational: i.informational,
      figureIds: [...i.figureIds],
    })),
  };
}

/**
 * The rating of each verdict on a 1-4 scale of how far the records support the claim (README
 * "Publishing a check"): the records contradict it (1); they hold fewer than claimed, which cannot
 * refute a claim since records are incomplete, but does not support it (2); they cannot decide it
 * (3); records citing other sources confirm it (4).
 */
export const VERDICT_RATINGS: Record<FigureVerdict, { value: 1 | 2 | 3 | 4; name: string }> = {
  CONTRADICTED: { value: 1, name: 'Contradicted' },
  UNDER_RECORDED: { value: 2, name: 'Under-recorded' },
  INCONCLUSIVE: { value: 3, name: 'Inconclusive' },
  CORROBORATED: { value: 4, name: 'Corroborated' },
};
export const BEST_RATING = 4;
export const WORST_RATING = 1;

export interface SchemaOrganization {
  '@type': 'Organization';
  name: string;
  url?: string;
}

export interface SchemaPerson {
  '@type': 'Person';
  name: string;
  jobTitle?: string;
  affiliation?: SchemaOrganization;
}

// Words that name an institution ("Interior Ministry", "Phnom Penh Post"), not a person.
const ORGANISATION_WORDS =
  /\b(ministry|ministries|police|department|office|commission|committee|government|council|agency|authority|court|union|association|alliance|headquarters|administration|directorate|bureau|institute|organi[sz]ation|ngo|party|embassy|cabinet|secretariat|commissariat|gendarmerie|army|municipality|province|provincial|hall|cent(?:er|re)|news|post|times|daily|press|media|radio|television)\b/i;
// Words of a role or title ("spokesperson", "Interior Minister", "Lieutenant Colonel").
const ROLE_WORDS =
  /^(spokesperson|spokesman|spokeswoman|minister|deputy|director|chief|commissioner|secretary|undersecretary|governor|general|lieutenant|colonel|major|captain|officer|official|head|president|chairman|chairwoman|chair|commander|ambassador|prosecutor|judge|researcher|editor|reporter|journalist|coordinator|lawyer|analyst|premier|prime|adviser|advisor|representative|inspector|brigadier|senior|police|national|interior|justice|defence|defense|provincial)$/i;
const ROLE_HEAD =
  /^(spokesperson|spokesman|spokeswoman|minister|director|chief|commissioner|secretary|undersecretary|governor|general|colonel|major|captain|officer|official|head|president|chairman|chairwoman|chair|commander|ambassador|prosecutor|judge|researcher|editor|reporter|journalist|coordinator|lawyer|analyst|premier|adviser|advisor|representative|inspector)$/i;
// A person's name in Latin script: two to four capitalised words ("Touch Sokhak", "Sar Sokha").
const PERSON_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u;

const organisation = (name: string): SchemaOrganization => ({
  '@type': 'Organization',
  name: name.trim(),
});

/** A role, possibly with its institution: "Interior Ministry spokesperson", "spokesperson of the Interior Ministry". */
function roleOf(text: string): { jobTitle: string; affiliation?: SchemaOrganization } {
  const role = text.trim();
  const of = /^(.+?)\s+(?:of|at|for)\s+(?:the\s+)?(.+)$/i.exec(role);
  if (of && ORGANISATION_WORDS.test(of[2]))
    return { jobTitle: of[1], affiliation: organisation(of[2]) };
  const words = role.split(/\s+/);
  // "Interior Ministry spokesperson": the institution, then the role's last words.
  let cut = words.length;
  while (cut > 0 && ROLE_HEAD.test(words[cut - 1])) cut--;
  const institution = words.slice(0, cut).join(' ');
  if (cut > 0 && cut < words.length && ORGANISATION_WORDS.test(institution)) {
    return { jobTitle: words.slice(cut).join(' '), affiliation: organisation(institution) };
  }
  return { jobTitle: role };
}

/** "Interior Minister Sar Sokha": a leading title, then the name. Null when the text is not so. */
function titledPerson(text: string): SchemaPerson | null {
  const words = text.trim().split(/\s+/);
  let i = 0;
  while (i < words.length && ROLE_WORDS.test(words[i])) i++;
  if (i === 0 || i === words.length || !words.slice(0, i).some((w) => ROLE_HEAD.test(w)))
    return null;
  const name = words.slice(i).join(' ');
  if (!PERSON_NAME.test(name) || ORGANISATION_WORDS.test(name)) return null;
  return { '@type': 'Person', name, ...roleOf(words.slice(0, i).join(' ')) };
}

/** A person named with a role in either order, or null. */
function personOf(text: string): SchemaPerson | null {
  const titled = titledPerson(text);
  if (titled) return titled;
  // "Touch Sokhak, Interior Ministry spokesperson"
  const comma = /^([^,]+),\s*(.+)$/.exec(text.trim());
  if (comma && PERSON_NAME.test(comma[1].trim()) && !ORGANISATION_WORDS.test(comma[1])) {
    return { '@type': 'Person', name: comma[1].trim(), ...roleOf(comma[2]) };
  }
  return null;
}

/**
 * Who made the claim, as schema.org reads it, decided from the wording of `statedBy`:
 * - "Interior Ministry (spokesperson Touch Sokhak)": the person who spoke, with the institution as
 *   affiliation; "Touch Sokhak, Interior Ministry spokesperson" and "Interior Minister Sar Sokha" alike;
 * - a name with an institution's word ("Interior Ministry", "Phnom Penh Post"): an Organization;
 * - two to four capitalised words ("Touch Sokhak"): a Person;
 * - anything else (a wording these rules cannot read, in Khmer say): an Organization of that name,
 *   since most published figures come from institutions.
 */
export function claimAuthor(
  statedBy: string | null,
): SchemaPerson | SchemaOrganization | undefined {
  const text = statedBy?.trim();
  if (!text) return undefined;
  const bracket = /^(.+?)\s*\((.+)\)$/.exec(text);
  if (bracket) {
    const [outer, inner] = [bracket[1].trim(), bracket[2].trim()];
    const speaker = personOf(inner);
    if (speaker) return { ...speaker, affiliation: speaker.affiliation ?? organisation(outer) };
    // "Touch Sokhak (Interior Ministry spokesperson)"
    if (PERSON_NAME.test(outer) && !ORGANISATION_WORDS.test(outer))
      return { '@type': 'Person', name: outer, ...roleOf(inner) };
    const nameOnly = PERSON_NAME.test(inner) && !ORGANISATION_WORDS.test(inner);
    if (nameOnly) return { '@type': 'Person', name: inner, affiliation: organisation(outer) };
    return organisation(text);
  }
  const person = personOf(text);
  if (person) return person;
  if (ORGANISATION_WORDS.test(text)) return organisation(text);
  if (PERSON_NAME.test(text)) return { '@type': 'Person', name: text };
  return organisation(text);
}

/** What a ClaimReview needs beside the check. */
export interface ClaimReviewContext {
  publisher: Publisher;
  /** The check's permalink (absolute). */
  url: string;
  asRecordedAt: Date;
  /** SHA-256 of the check's canonical JSON, hex. */
  sha256: string;
}

/** The verdict's explanation with the claimed and recorded ranges written out. */
export function ratingExplanation(result: FigureCheckResult): string {
  const recorded = describeRange(result.recorded);
  const independent = describeRange(result.independent);
  const ranges =
    `Claimed: ${describeRange(result.claimed)}. Recorded: ${recorded}` +
    (independent === recorded
      ? ''
      : ` (${independent} citing a source other than the figure's own)`) +
    (result.undecided > 0 ? `; ${result.undecided} may or may not count` : '') +
    '.';
  return `${ranges} ${result.explanation}`;
}

/**
 * The schema.org ClaimReview of a check (https://schema.org/ClaimReview, and the properties
 * Google's fact-check markup asks for), a complete JSON-LD document of its own. The claim's
 * `appearance` is the cited source's address, only when it has one and is not confidential.
 */
export function claimReview(
  result: FigureCheckResult,
  source: PublicSource | null,
  context: ClaimReviewContext,
): Record<string, unknown> {
  const f = result.figure;
  const rating = VERDICT_RATINGS[result.verdict];
  const author = claimAuthor(f.statedBy);
  const appearance =
    source && !PUBLIC_VIEW.withholdsSource(source) && source.url
      ? {
          '@type': 'CreativeWork',
          url: source.url,
          headline: source.title,
          publisher: organisation(source.publisher),
        }
      : undefined;
  const claim: Record<string, unknown> = { '@type': 'Claim' };
  if (author) claim.author = author;
  if (f.statedOn) claim.datePublished = f.statedOn;
  if (appearance) claim.appearance = appearance;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: context.url,
    datePublished: instantText(context.asRecordedAt),
    inLanguage: 'en',
    author: { '@type': 'Organization', name: context.publisher.name, url: context.publisher.url },
    claimReviewed: publicWording(f, source),
    itemReviewed: claim,
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: BEST_RATING,
      worstRating: WORST_RATING,
      alternateName: rating.name,
      ratingExplanation: ratingExplanation(result),
    },
    identifier: { '@type': 'PropertyValue', propertyID: 'sha256', value: context.sha256 },
  };
}
