import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '@app/core';
import type {
  AgencyEntity,
  ProvinceEntity,
  RankEntity,
  ReasonEntity,
} from './reference.entities.js';
import { ReferenceRepository } from './reference.repository.js';

interface ReferenceSnapshot {
  provinces: ProvinceEntity[];
  ranks: RankEntity[];
  reasons: ReasonEntity[];
  agencies: AgencyEntity[];
  provinceByCode: Map<string, ProvinceEntity>;
  rankByCode: Map<string, RankEntity>;
  reasonByCode: Map<string, ReasonEntity>;
  agencyByCode: Map<string, AgencyEntity>;
  /** Each agency with every agency under it (itself included), sorted: what a filter on it counts. */
  agencySubtree: Map<string, readonly string[]>;
  codes: ReferenceCodeSets;
}

/** The known codes of each kind of reference data. */
export interface ReferenceCodeSets {
  provinces: ReadonlySet<string>;
  ranks: ReadonlySet<string>;
  reasons: ReadonlySet<string>;
  agencies: ReadonlySet<string>;
}

/** Each agency's code with the codes of every agency below it, from the parent links (a cycle, which the data must not have, ends the walk). */
function subtrees(agencies: readonly AgencyEntity[]): Map<string, readonly string[]> {
  const children = new Map<string, string[]>();
  for (const a of agencies)
    if (a.parentCode) children.set(a.parentCode, [...(children.get(a.parentCode) ?? []), a.code]);
  const out = new Map<string, readonly string[]>();
  for (const a of agencies) {
    const seen = new Set<string>();
    const stack = [a.code];
    while (stack.length) {
      const code = stack.pop()!;
      if (seen.has(code)) continue;
      seen.add(code);
      stack.push(...(children.get(code) ?? []));
    }
    out.set(a.code, [...seen].sort());
  }
  return out;
}

/**
 * Provinces, ranks, reasons and agencies: small, read on every request, changed only by migrations (which
 * run at start, before this loads). Loaded into memory once at start, so the lookups are plain
 * synchronous reads: resolving `province` on a page of 100 actions costs no query and no promise.
 * (When admins can edit reasons through the API, reload after the change.)
 */
@Injectable()
export class ReferenceService implements OnModuleInit {
  private snapshot?: ReferenceSnapshot;

  constructor(private readonly repository: ReferenceRepository) {}

  /**
   * Loaded at start, before any request or transaction: with the embedded database's single
   * connection, a lazy load from inside a transaction would wait for that transaction's own connection.
   */
  async onModuleInit(): Promise<void> {
    const { provinces, ranks, reasons, agencies } = await this.repository.loadAll();
    this.snapshot = {
      provinces,
      ranks,
      reasons,
      agencies,
      provinceByCode: new Map(provinces.map((p) => [p.code, p])),
      rankByCode: new Map(ranks.map((r) => [r.code, r])),
      reasonByCode: new Map(reasons.map((r) => [r.code, r])),
      agencyByCode: new Map(agencies.map((a) => [a.code, a])),
      agencySubtree: subtrees(agencies),
      codes: {
        provinces: new Set(provinces.map((p) => p.code)),
        ranks: new Set(ranks.map((r) => r.code)),
        reasons: new Set(reasons.map((r) => r.code)),
        agencies: new Set(agencies.map((a) => a.code)),
      },
    };
  }

  private get data(): ReferenceSnapshot {
    if (!this.snapshot) throw new Error('Reference data read before the module started');
    return this.snapshot;
  }

  provinces(): ProvinceEntity[] {
    return this.data.provinces;
  }
  ranks(): RankEntity[] {
    return this.data.ranks;
  }
  reasons(): ReasonEntity[] {
    return this.data.reasons;
  }
  /** Agencies in the order of reference/agencies-kh.csv (parents before their children). */
  agencies(): AgencyEntity[] {
    return this.data.agencies;
  }
  province(code: string | null | undefined): ProvinceEntity | null {
    return code ? (this.data.provinceByCode.get(code) ?? null) : null;
  }
  rank(code: string | null | undefined): RankEntity | null {
    return code ? (this.data.rankByCode.get(code) ?? null) : null;
  }
  reason(code: string): ReasonEntity | null {
    return this.data.reasonByCode.get(code) ?? null;
  }
  agency(code: string | null | undefined): AgencyEntity | null {
    return code ? (this.data.agencyByCode.get(code) ?? null) : null;
  }

  /**
   * The agencies a filter or a figure's scope on `codes` counts: each with every agency under it
   * (a filter on the National Police counts its provincial commissariats), sorted, each once.
   * Known codes only (check them first); null and an empty list stay as they are ("any").
   */
  agencyCodesWithin(codes: readonly string[]): string[];
  agencyCodesWithin(codes: readonly string[] | null | undefined): string[] | null | undefined;
  agencyCodesWithin(codes: readonly string[] | null | undefined): string[] | null | undefined {
    if (codes === null || codes === undefined) return codes;
    const within = new Set<string>();
    for (const code of codes)
      for (const c of this.data.agencySubtree.get(code) ?? [code]) within.add(c);
    return [...within].sort();
  }

  /** The agencies above or below any of `codes` (and these): those whose counts can share an action with theirs. */
  agencyCodesRelated(codes: readonly string[]): string[] {
    const related = new Set(this.agencyCodesWithin(codes));
    for (const code of codes) {
      const seen = new Set<string>();
      for (let a = this.agency(code); a && !seen.has(a.code); a = this.agency(a.parentCode)) {
        seen.add(a.code);
        related.add(a.code);
      }
    }
    return [...related].sort();
  }

  /** The known codes, for the action rules (actions/action-rules.ts). */
  codes(): ReferenceCodeSets {
    return this.data.codes;
  }

  /**
   * Throws BAD_USER_INPUT naming the field (and the list index) of the first unknown code.
   * `codes` as a string checks one field; as an array, each element (`reasonCodes.1`).
   */
  checkCodes(
    kind: 'province' | 'rank' | 'reason' | 'agency',
    codes: string | readonly string[] | null | undefined,
    field: string,
  ): void {
    if (codes === null || codes === undefined) return;
    const snapshot = this.data;
    const known = {
      province: snapshot.provinceByCode,
      rank: snapshot.rankByCode,
      reason: snapshot.reasonByCode,
      agency: snapshot.agencyByCode,
    }[kind];
    const hint = {
      province: 'KH-12',
      rank: 'LT_COL',
      reason: 'DRUG_POSITIVE_TEST',
      agency: 'KH_NP',
    }[kind];
    const query = kind === 'agency' ? 'agencies' : `${kind}s`;
    const list = typeof codes === 'string' ? [codes] : codes;
    list.forEach((code, i) => {
      if (!known.has(code)) {
        throw DomainError.badInput(
          typeof codes === 'string' ? field : `${field}.${i}`,
          `Unknown ${kind} code "${code}" (see the ${query} query; e.g. ${hint})`,
        );
      }
    });
  }
}
