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
  from: string | null;
  to: string | null;
}

export interface FigureIssueView {
  kind: string;
  message: string;
  figures: { id: string }[];
}

export interface FigureCheckView {
  claimed: Range;
  recorded: { min: number; max: number };
  verdict: Verdict;
  coverage: number | null;
  /** When the server offers it: the share of the claim the records cover, as a range. */
  coverageRange?: { min: number; max: number | null } | null;
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
  /** Index of the period the figure's date falls in. */
  at: number;
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

/** Reference data, by code: reason labels (English, from the API), province and rank names. */
export interface Labels {
  reasons: Record<string, string>;
  provinces: Record<string, ProvinceView>;
  ranks: Record<string, RankView>;
}

export interface ActionView {
  id: string;
  actionType: string;
  occurred: string;
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
}
