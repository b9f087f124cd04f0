/**
 * The shapes the fact-check page reads from GraphQL (DOMAIN.md §2-3). Type-only.
 */

/**
 * A FigureVerdict code as the API sends it. Deliberately a string: the page words each code from
 * its catalogues (`verdict.<CODE>`) and shows an unknown one as it comes, so a new verdict needs
 * catalogue entries only.
 */
export type Verdict = string;

export interface Range {
  min: number;
  /** Null for a claim without an upper bound ("at least 40"). */
  max: number | null;
}

export interface SourceView {
  title: string | null;
  publisher: string | null;
  url: string | null;
  language?: string | null;
  redacted?: boolean;
}

export interface CitationView {
  excerpt: string | null;
  locator?: string | null;
  source: SourceView;
}

export interface ScopeView {
  actionTypes: string[];
  reasonCodes: string[];
  provinceCodes: string[];
  rankCodes: string[];
  /** Agencies, each counted with the agencies under it. */
  agencyCodes: string[];
  from: string | null;
  to: string | null;
}

export interface FigureIssueView {
  kind: string;
  /** The server's explanation, in English. */
  message: string;
  /** Information (PARTS_MAY_OVERLAP), not an inconsistency. */
  informational: boolean;
  /** The figures involved: the whole, then its parts; or the earlier, then the later. */
  figures: { id: string }[];
}

export interface CountRangeView {
  min: number;
  max: number;
}

export interface FigureCheckView {
  claimed: Range;
  recorded: CountRangeView;
  /** The same, counting only records that cite a source other than the figure's own. */
  independent: CountRangeView;
  verdict: Verdict;
  /** People who may or may not count: recorded.max - recorded.min. */
  undecided: number;
  /** The server's plain explanation of the verdict, in English. */
  explanation: string;
  /** The share of the claim the records account for; null when the claim has no lower bound. */
  coverageRange: { min: number; max: number | null } | null;
  /** The last day counted (the scope's end, else the day the figure was stated). */
  countedUntil: string | null;
  issues: FigureIssueView[];
}

export interface FigureView {
  id: string;
  value: number;
  qualifier: string;
  tolerance: number;
  statedBy: string | null;
  statedOn: string | null;
  description: string | null;
  partsAreExhaustive: boolean;
  scope: ScopeView;
  parent: { id: string } | null;
  parts: { id: string }[];
  /** The figure this one repeats (the same statement reported by another outlet). */
  repeats?: { id: string } | null;
  /** The figures that repeat this one. */
  repeatedBy?: { id: string }[];
  citation: CitationView;
  check?: FigureCheckView | null;
}

export interface RunningTotalView {
  period: string;
  count: number;
  cumulative: { min: number; max: number };
}

export interface ChartFigure {
  figure: FigureView;
  /** Index of the period of the last day the figure counts (its check's countedUntil). */
  at: number;
  /** Its place among the figures drawn in the same period (0 first), so points do not cover each other. */
  slot: number;
}

export interface ProvinceView {
  code: string;
  name: string;
  nameKm: string | null;
}

export interface RankView {
  code: string;
  name: string;
  nameKm: string | null;
}

export interface AgencyView {
  code: string;
  name: string;
  nameKm: string | null;
}

/** Reference data, by code: reason labels (English, from the API), province, rank and agency names. */
export interface Labels {
  reasons: Record<string, string>;
  provinces: Record<string, ProvinceView>;
  ranks: Record<string, RankView>;
  agencies: Record<string, AgencyView>;
}

export interface ActionView {
  id: string;
  actionType: string;
  occurred: string;
  /** APPROXIMATE | UNCERTAIN | APPROXIMATE_AND_UNCERTAIN, or null for a plain date. */
  occurredQualifier?: string | null;
  subjectCount: number;
  subjectDescription: string | null;
  officer: { fullName: string; fullNameKm: string | null } | null;
  rank: RankView | null;
  rankText: string | null;
  position: string | null;
  province: ProvinceView | null;
  reasons: { code: string; label: string }[];
  reasonDetail: string | null;
  decidedBy: string | null;
  citations: CitationView[];
  /** When this record is a duplicate (SAME_AS): the record it is counted as. */
  countedAs?: { id: string } | null;
  /** The other records of the same action counted as this one. */
  duplicates?: { id: string }[];
  /** Its links (README "Counting once"): MEMBER_OF says a named officer is one of a group's people. */
  links?: { kind: string; from: { id: string }; to: { id: string; subjectCount: number } }[];
  /** Other values sources report (README "Disagreeing sources"), each with its citation. */
  alternatives?: AlternativeView[];
}

export interface AlternativeView {
  id: string;
  attribute: string;
  value: string | null;
  status: string;
  citation: CitationView;
}

/** How a record counts towards the tally of the view's filter (the edge of the actions connection). */
export interface RecordEdgeView {
  node: ActionView;
  /** CERTAIN, POSSIBLE or NOT_COUNTED (a duplicate folded into another record, say). */
  countsAs: string;
  /** The people it adds: min for certain, max possibly. */
  counted: CountRangeView;
}

export interface Page<T> {
  totalCount: number;
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** What the page's renderers read: the language's texts, reference data, the figures, the address. */
export interface PageContext {
  t: import('../i18n/texts.js').Texts;
  labels: Labels;
  figures: FigureView[];
  byId: Map<string, FigureView>;
  url: URL;
  /** Where a link to another figure goes (default: its card on this page, `#figure-<id>`). */
  figureHref?: (id: string) => string;
}
