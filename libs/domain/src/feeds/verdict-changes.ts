import type { ClaimedRange } from '../tallies/figure-check.js';
import type { CountRange } from '../tallies/tally.types.js';
import type { FigureMoments } from './figure-moments.repository.js';

/** What the figures feed keeps of a check as recorded at a moment. */
export interface VerdictAt {
  verdict: string;
  claimed: ClaimedRange;
  recorded: CountRange;
  coverage: number | null;
}

/** Something the figures feed reports: a figure was recorded, or its verdict changed at a moment. */
export type FigureEvent =
  | { kind: 'recorded'; figureId: string; ms: number }
  | { kind: 'changed'; figureId: string; ms: number; now: VerdictAt; before: VerdictAt };

/** Verdicts as recorded at a moment: remembered ones (free) and new evaluations (each one a check). */
export interface VerdictSource {
  remembered(figureId: string, ms: number): VerdictAt | undefined;
  evaluate(figureId: string, ms: number): Promise<VerdictAt>;
}

export interface EventsFound {
  /** Newest first. */
  events: FigureEvent[];
  /** Checks run (not remembered). */
  evaluations: number;
  /**
   * Whether every moment was looked at (or `limit` events were found). False when the budget of
   * evaluations ran out first: the verdict changes listed are all there are down to `reachedMs`;
   * older ones are left to a later request (what was evaluated is remembered), and only the
   * figures' recordings are listed below that moment.
   */
  complete: boolean;
  reachedMs: number | null;
}

type Candidate =
  | { kind: 'recorded'; figureId: string; ms: number }
  | { kind: 'moment'; figureId: string; ms: number; previousMs: number };

/**
 * The newest `limit` events of the figures, newest first. A verdict change at moment T of a figure
 * is a verdict as recorded at T that differs from the one at the figure's previous moment (or at
 * the moment the figure was recorded, for its first). Moments are walked newest first across all
 * figures, so that the work stops as soon as `limit` events are found; at most `budget` checks are
 * evaluated (the rest must be remembered), after which the walk stops where it is. `figures` may
 * list one moment more than `perFigure` per figure: the moment before the oldest one looked at.
 */
export async function newestFigureEvents(
  figures: readonly FigureMoments[],
  source: VerdictSource,
  { limit, budget, perFigure }: { limit: number; budget: number; perFigure: number },
): Promise<EventsFound> {
  const candidates: Candidate[] = [];
  for (const f of figures) {
    candidates.push({ kind: 'recorded', figureId: f.figureId, ms: f.recordedMs });
    // A figure's moments past `perFigure` are not looked at; the next one only serves as the moment before.
    f.moments.slice(0, perFigure).forEach((ms, i) =>
      candidates.push({
        kind: 'moment',
        figureId: f.figureId,
        ms,
        previousMs: f.moments[i + 1] ?? f.recordedMs,
      }),
    );
  }
  // Newest first; at one moment, a figure's verdict change before another's recording, then by id (a stable order).
  candidates.sort(
    (a, b) =>
      b.ms - a.ms ||
      (a.kind === b.kind ? 0 : a.kind === 'moment' ? -1 : 1) ||
      a.figureId.localeCompare(b.figureId),
  );

  const seen = new Map<string, VerdictAt>();
  let evaluations = 0;
  const verdictAt = async (figureId: string, ms: number): Promise<VerdictAt | null> => {
    const key = `${figureId}@${ms}`;
    let v = seen.get(key) ?? source.remembered(figureId, ms);
    if (!v) {
      if (evaluations >= budget) return null;
      evaluations++;
      v = await source.evaluate(figureId, ms);
    }
    seen.set(key, v);
    return v;
  };

  const events: FigureEvent[] = [];
  let reachedMs: number | null = null;
  for (const c of candidates) {
    if (events.length >= limit) break;
    if (c.kind === 'recorded') {
      events.push(c);
      continue;
    }
    if (reachedMs !== null) continue;
    const now = await verdictAt(c.figureId, c.ms);
    const before = now && (await verdictAt(c.figureId, c.previousMs));
    if (!now || !before) {
      reachedMs = c.ms;
      continue;
    }
    if (now.verdict !== before.verdict)
      events.push({ kind: 'changed', figureId: c.figureId, ms: c.ms, now, before });
  }
  return { events, evaluations, complete: reachedMs === null, reachedMs };
}
