import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@app/core';
import {
  DuplicateCandidateRepository,
  type CandidateCursor,
  type CandidateKind,
} from './duplicate-candidate.repository.js';
import {
  romaniseKhmer,
  scoreActionPair,
  scoreOfficerPair,
  spellingsOf,
  type Candidate,
} from './duplicate-scoring.js';
import { checkPageSize, type Page, type PageRequest } from '../common/pagination.js';
import { inTransaction } from '../common/transaction.js';
import { checkId } from '../common/uuid.js';
import { actorName, canWrite, type Viewer } from '../common/viewer.js';

/** A proposed pair: `aId` < `bId`. */
export interface DuplicateCandidate {
  aId: string;
  bId: string;
  score: number;
  reasons: string[];
}

export interface LikelyDuplicate {
  id: string;
  score: number;
  reasons: string[];
}

// The score a pair needs to be proposed unless the caller asks otherwise: a spelling variant with
// only its dates in common scores ~0.75, a look-alike (another given name) under 0.7.
export const DEFAULT_MIN_SCORE = 0.7;
// Pairs below this are not even stored: a caller's minScore below it finds nothing more.
const STORED_MIN_SCORE = 0.5;
// Queued records scored per transaction by a page: ordinary edits queue a few, so a page sees them
// at once; with a backlog, one batch stays well under a second at 1M actions.
const PAGE_BATCH = 5;
// A page scores queued records for at most about this long before it answers (at least one batch
// when some are queued): a bulk load (a large import, an upgrade) is scored by the background
// scoring of every API process (DuplicateScoringWorker) instead of by the pages.
const PAGE_BUDGET_MS = 300;
// How long a page waits for a batch another process is scoring (its pairs are then stored).
const LOCK_WAIT_MS = 3000;
// Queued records from which a page no longer waits for the background scoring.
const BACKLOG = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CURSOR = /^d1:(0|1|0\.[0-9]{1,3}|1\.0{1,3}):([0-9a-f-]{36}):([0-9a-f-]{36})$/;

const inOrder = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

/**
 * Duplicate candidates (README "Counting once" > "Duplicate candidates"): pairs of actions that
 * probably record the same action, and pairs of officers that are probably one person, scored by
 * the pure rules of duplicate-scoring.ts. Proposals only: an editor links (SAME_AS), merges or
 * dismisses them; nothing is refused or merged here.
 */
@Injectable()
export class DuplicateCandidateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly candidates: DuplicateCandidateRepository,
  ) {}

  async actionCandidates(
    page: PageRequest,
    minScore: number | null | undefined,
    viewer: Viewer,
  ): Promise<Page<DuplicateCandidate>> {
    this.checkEditor(viewer);
    return this.list('action', page, minScore);
  }

  async officerCandidates(page: PageRequest, viewer: Viewer): Promise<Page<DuplicateCandidate>> {
    this.checkEditor(viewer);
    return this.list('officer', page, DEFAULT_MIN_SCORE);
  }

  count(kind: CandidateKind, minScore: number | null | undefined): Promise<number> {
    return this.candidates.count(kind, minScore ?? DEFAULT_MIN_SCORE);
  }

  /** Never propose this pair of actions again (idempotent; the order of the two ids does not matter). */
  async dismiss(
    input: { aId: string; bId: string; note?: string | null },
    viewer: Viewer,
  ): Promise<boolean> {
    this.checkEditor(viewer);
    const aId = checkId(input.aId, 'aId');
    const bId = checkId(input.bId, 'bId');
    if (aId === bId) throw DomainError.badInput('bId', 'A pair needs two different actions');
    await inTransaction(this.dataSource, async (m) => {
      const existing = await this.candidates.existingActionIds(m, [aId, bId]);
      if (!existing.has(aId)) throw DomainError.notFound('Action', aId, 'aId');
      if (!existing.has(bId)) throw DomainError.notFound('Action', bId, 'bId');
      const [a, b] = inOrder(aId, bId);
      await this.candidates.dismiss(m, a, b, input.note ?? null, actorName(viewer));
    });
    return true;
  }

  /**
   * The actions that probably record the same action as `actionId` (score >= the default), best
   * first, leaving out dismissed and linked pairs. Computed now, not from the stored pairs, so it
   * answers right after a write.
   */
  async likelyDuplicatesOf(actionId: string, viewer: Viewer): Promise<LikelyDuplicate[]> {
    this.checkEditor(viewer);
    const found = await this.dataSource.transaction((m) =>
      this.scoreAgainstPartners(m, [actionId]),
    );
    const open = found.filter((p) => p.score >= DEFAULT_MIN_SCORE);
    const closed = await this.candidates.closedPairs(open.map((p) => [p.aId, p.bId]));
    return open
      .filter((p) => !closed.has(`${p.aId}:${p.bId}`))
      .map((p) => ({
        id: p.aId === actionId ? p.bId : p.aId,
        score: p.score,
        reasons: p.reasons,
      }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
  }

  /** likelyDuplicatesOf for several actions at once: one scoring of the whole batch (an import's). */
  async likelyDuplicatesOfMany(
    actionIds: readonly string[],
    viewer: Viewer,
  ): Promise<Map<string, LikelyDuplicate[]>> {
    this.checkEditor(viewer);
    const out = new Map<string, LikelyDuplicate[]>();
    if (!actionIds.length) return out;
    const found = await this.dataSource.transaction((m) =>
      this.scoreAgainstPartners(m, [...actionIds]),
    );
    const open = found.filter((p) => p.score >= DEFAULT_MIN_SCORE);
    const closed = await this.candidates.closedPairs(open.map((p) => [p.aId, p.bId]));
    const wanted = new Set(actionIds);
    for (const p of open) {
      if (closed.has(`${p.aId}:${p.bId}`)) continue;
      for (const [self, other] of [
        [p.aId, p.bId],
        [p.bId, p.aId],
      ]) {
        if (!wanted.has(self)) continue;
        const list = out.get(self) ?? [];
        list.push({ id: other, score: p.score, reasons: p.reasons });
        out.set(self, list);
      }
    }
    for (const list of out.values())
      list.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
    return out;
  }

  /**
   * Scores records written since the last refresh (queued by triggers) and stores their pairs, a
   * small batch per transaction, until the queue is empty or REFRESH_BUDGET_MS have passed.
   */
  async refresh(
    kind: CandidateKind,
    options: { budgetMs?: number; waitMs?: number; batch?: number } = {},
  ): Promise<number> {
    const budgetMs = options.budgetMs ?? PAGE_BUDGET_MS;
    const batch = options.batch ?? PAGE_BATCH;
    const waitMs = options.waitMs ?? LOCK_WAIT_MS;
    const started = Date.now();
    let total = 0;
    for (;;) {
      const scored = await inTransaction(this.dataSource, async (m) => {
        // One scorer at a time across processes; a page waits for a batch being scored elsewhere
        // (its pairs are then stored), the background scoring does not wait.
        const waitUntil = Date.now() + waitMs;
        while (!(await this.candidates.tryLock(m))) {
          if (Date.now() >= waitUntil) return -1;
          await sleep(25);
        }
        const ids = await this.candidates.drainDirty(m, kind, batch);
        if (!ids.length) return 0;
        const pairs =
          kind === 'action'
            ? await this.scoreAgainstPartners(m, ids)
            : await this.scoreOfficers(m, ids);
        await this.candidates.replacePairs(
          m,
          kind,
          ids,
          pairs.filter((p) => p.score >= STORED_MIN_SCORE),
        );
        return ids.length;
      });
      if (scored < 0) return total;
      total += scored;
      if (scored < batch || Date.now() - started >= budgetMs) return total;
    }
  }

  /** Records of one kind waiting to be scored (counted up to `limit`). */
  queued(kind: CandidateKind, limit = 1): Promise<number> {
    return this.candidates.queued(kind, limit);
  }

  private async list(
    kind: CandidateKind,
    page: PageRequest,
    minScore: number | null | undefined,
  ): Promise<Page<DuplicateCandidate>> {
    const limit = checkPageSize(page.first);
    const min = minScore ?? DEFAULT_MIN_SCORE;
    // 0..1: a score is a probability-like weight (README "Duplicate candidates").
    if (typeof min !== 'number' || !Number.isFinite(min) || min < 0 || min > 1) {
      throw DomainError.badInput('minScore', 'minScore must be between 0 and 1');
    }
    const after = decodeCandidateCursor(page.after);
    // A few queued records (ordinary edits): wait for a batch being scored elsewhere, then score
    // them, so the page shows them. A backlog (a bulk load): the list is incomplete until the
    // background scoring is through it anyway, so the page neither waits for it nor scores more
    // than one record itself (about 0.1 s at 1M actions; the queue still drains, slowly, where
    // the background scoring is turned off).
    const backlog = (await this.candidates.queued(kind, BACKLOG)) >= BACKLOG;
    await this.refresh(
      kind,
      backlog ? { waitMs: 0, batch: 1, budgetMs: 0 } : { waitMs: LOCK_WAIT_MS },
    );
    const rows = await this.candidates.page(kind, min, limit, after);
    const hasNextPage = rows.length > limit;
    const items = rows.slice(0, limit).map((r) => ({
      aId: r.aId,
      bId: r.bId,
      score: Number(r.score),
      reasons: r.reasons,
    }));
    return {
      items,
      hasNextPage,
      cursors: rows
        .slice(0, limit)
        .map((r) => Buffer.from(`d1:${r.score}:${r.aId}:${r.bId}`).toString('base64url')),
    };
  }

  /** Pairs (in id order) of each of `ids` with its partners, scored; a few statements per batch. */
  private async scoreAgainstPartners(
    m: EntityManager,
    ids: readonly string[],
  ): Promise<DuplicateCandidate[]> {
    const actions = await this.candidates.scoredActions(m, ids);
    const officers = new Map<string, readonly string[]>();
    for (const a of actions) if (a.officerId) officers.set(a.officerId, a.names);
    const similar = await this.candidates.similarOfficers(
      m,
      [...officers].map(([key, names]) => ({ key, spellings: searchSpellings(names) })),
    );
    const partners = await this.candidates.partners(
      m,
      actions
        .filter((a) => a.officerId)
        .map((a) => ({
          actionId: a.id,
          officerIds: [...new Set([a.officerId!, ...(similar.get(a.officerId!) ?? [])])],
        })),
      actions.filter((a) => !a.officerId).map((a) => a.id),
    );
    const byId = new Map(actions.map((a) => [a.id, a]));
    const missing = [...new Set([...partners.values()].flat())].filter((id) => !byId.has(id));
    for (const b of await this.candidates.scoredActions(m, missing)) byId.set(b.id, b);
    const pairs = new Map<string, DuplicateCandidate>();
    for (const a of actions) {
      for (const partnerId of partners.get(a.id) ?? []) {
        const b = byId.get(partnerId);
        const [x, y] = inOrder(a.id, partnerId);
        if (!b || pairs.has(`${x}:${y}`)) continue;
        const scored = x === a.id ? scoreActionPair(a, b) : scoreActionPair(b, a);
        if (scored) pairs.set(`${x}:${y}`, { aId: x, bId: y, ...scored });
      }
    }
    return [...pairs.values()];
  }

  private async scoreOfficers(
    m: EntityManager,
    ids: readonly string[],
  ): Promise<DuplicateCandidate[]> {
    const officers = await this.candidates.officerNames(m, ids);
    const similar = await this.candidates.similarOfficers(
      m,
      officers.map((o) => ({ key: o.id, spellings: searchSpellings(spellingsOf(o)) })),
    );
    const others = await this.candidates.officerNames(m, [
      ...new Set([...similar.values()].flat()),
    ]);
    const byId = new Map(others.map((o) => [o.id, o]));
    const pairs = new Map<string, DuplicateCandidate>();
    for (const o of officers) {
      for (const otherId of similar.get(o.id) ?? []) {
        const other = byId.get(otherId);
        const [x, y] = inOrder(o.id, otherId);
        if (!other || otherId === o.id || pairs.has(`${x}:${y}`)) continue;
        const scored: Candidate | null =
          x === o.id ? scoreOfficerPair(o, other) : scoreOfficerPair(other, o);
        if (scored) pairs.set(`${x}:${y}`, { aId: x, bId: y, ...scored });
      }
    }
    return [...pairs.values()];
  }

  private checkEditor(viewer: Viewer): void {
    if (!canWrite(viewer)) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `Duplicate candidates are for editors; your key has ${viewer.role}`,
      );
    }
  }
}

/** The spellings to search for: each as written, and a Khmer one also romanised (to meet Latin spellings). */
function searchSpellings(names: readonly string[]): string[] {
  return [...new Set([...names, ...names.map(romaniseKhmer)])].filter((s) => s.trim().length > 0);
}

function decodeCandidateCursor(cursor: string | null | undefined): CandidateCursor | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const m =
    typeof cursor === 'string' && cursor.length <= 200 && /^[A-Za-z0-9_-]+$/.test(cursor)
      ? CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
      : null;
  if (!m) {
    throw DomainError.badInput('after', 'The cursor is not valid: use a cursor from this list');
  }
  return { score: m[1], aId: m[2], bId: m[3] };
}
