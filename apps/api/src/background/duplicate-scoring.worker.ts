import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { DuplicateCandidateService } from '@app/domain';

// Each round scores each kind for about this long, then lets the process's requests have the connection.
const ROUND_BUDGET_MS = 500;
const PAUSE_BETWEEN_ROUNDS_MS = 50;
// Records scored per transaction: larger batches share the partner queries' fixed cost.
const BATCH = 20;

/**
 * Scores the records queued for duplicate candidates (README "Duplicate candidates") in the
 * background, so that a bulk load (a large import, an upgrade) is proposed without any page having
 * to score it. Every API process runs one; they share the scoring lock, so one scores at a time and
 * the others skip (stateless processes, nothing to elect). Every DUPLICATE_SCORING_INTERVAL_MS it
 * looks at the queue; while records wait it scores in rounds of about 0.5 s with a pause between
 * them, so live requests interleave (on the embedded database they share its one connection).
 */
@Injectable()
export class DuplicateScoringWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DuplicateScoring');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly candidates: DuplicateCandidateService,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.duplicateScoringIntervalMs;
    if (!every) return;
    this.timer = setInterval(() => {
      this.running ??= this.drain().finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Scores queued records until none is left (or another process is scoring, or the app stops).
   * Each round takes each kind in turn, so a steady trickle of edits to one kind (actions entered
   * one by one) cannot keep the other (their officers) waiting.
   */
  private async drain(): Promise<void> {
    try {
      let scored = 0;
      const started = Date.now();
      for (;;) {
        let progressed = false;
        for (const kind of ['action', 'officer'] as const) {
          if (this.stopped || (await this.candidates.queued(kind)) === 0) continue;
          const n = await this.candidates.refresh(kind, {
            budgetMs: ROUND_BUDGET_MS,
            waitMs: 0,
            batch: BATCH,
          });
          // 0: another process holds the lock, and scores them.
          scored += n;
          progressed ||= n > 0;
        }
        if (!progressed || this.stopped) break;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_ROUNDS_MS));
      }
      if (scored) {
        this.log.log(`scored ${scored} queued record(s) in ${Date.now() - started} ms`);
      }
    } catch (err) {
      // A database that is busy, restarting or closing: the queue stays, the next round retries.
      if (!this.stopped) this.log.warn(`scoring paused: ${(err as Error).message}`);
    }
  }
}
