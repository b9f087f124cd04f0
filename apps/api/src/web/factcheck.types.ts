/**
 * The shapes the fact-check page reads from GraphQL (DOMAIN.md §2-3). Type-only: nothing here is
 * emitted, so the browser functions that use these types stay self-contained.
 */
export type Verdict = 'CORROBORATED' | 'UNDER_RECORDED' | 'CONTRADICTED';

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

export interface Labels {
  reasons: Record<string, string>;
  provinces: Record<string, { name: string; nameKm: string | null }>;
}
