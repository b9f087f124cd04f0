import type { AppConfig } from '@app/core';
import type { DuplicateCandidateService } from '@app/domain';
import { DuplicateScoringWorker } from './duplicate-scoring.worker.js';

type Kind = 'action' | 'officer';

/**
 * The background scoring's rounds, with a queue in memory in place of the database: what it scores,
 * in which order, and when it stops. (The scoring itself is tested through GraphQL in
 * test/duplicate-candidates.e2e-spec.ts.)
 */
function fakeQueue(
  initial: Record<Kind, number>,
  options: { trickle?: number; locked?: boolean } = {},
) {
  const waiting = { ...initial };
  const calls: Kind[] = [];
  let actionRounds = 0;
  const service = {
    queued: async (kind: Kind) => waiting[kind],
    refresh: async (kind: Kind, o: { batch: number }) => {
      calls.push(kind);
      // Another process holds the scoring lock: nothing scored here.
      if (options.locked) return 0;
      const n = Math.min(o.batch, waiting[kind]);
      waiting[kind] -= n;
      // Edits keep arriving: one more action after each round, `trickle` times.
      if (kind === 'action' && actionRounds++ < (options.trickle ?? 0)) waiting.action += 1;
      return n;
    },
  };
  const worker = new DuplicateScoringWorker(
    { duplicateScoringIntervalMs: 0 } as AppConfig,
    service as unknown as DuplicateCandidateService,
  );
  const drain = () => (worker as unknown as { drain(): Promise<void> }).drain();
  return { waiting, calls, drain };
}

describe('DuplicateScoringWorker rounds', () => {
  it('scores officers while actions keep arriving (one kind cannot keep the other waiting)', async () => {
    const q = fakeQueue({ action: 1, officer: 70 }, { trickle: 10 });
    await q.drain();
    expect(q.waiting).toEqual({ action: 0, officer: 0 });
    // The officers' first batch comes in the first round, not after the trickle of actions.
    expect(q.calls.slice(0, 2)).toEqual(['action', 'officer']);
    expect(q.calls.filter((k) => k === 'officer')).toHaveLength(4);
  });

  it('stops when nothing is queued, and when another process holds the lock (refresh scores 0)', async () => {
    const empty = fakeQueue({ action: 0, officer: 0 });
    await empty.drain();
    expect(empty.calls).toEqual([]);

    // Every refresh finds the lock taken: one try of each kind, then the round ends.
    const locked = fakeQueue({ action: 5, officer: 5 }, { locked: true });
    await locked.drain();
    expect(locked.calls).toEqual(['action', 'officer']);
  });
});
