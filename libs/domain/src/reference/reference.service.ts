import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '@app/core';
import type { ProvinceEntity, RankEntity, ReasonEntity } from './reference.entities.js';
import { ReferenceRepository } from './reference.repository.js';

interface ReferenceSnapshot {
  provinces: ProvinceEntity[];
  ranks: RankEntity[];
  reasons: ReasonEntity[];
  provinceByCode: Map<string, ProvinceEntity>;
  rankByCode: Map<string, RankEntity>;
  reasonByCode: Map<string, ReasonEntity>;
  codes: { provinces: ReadonlySet<string>; ranks: ReadonlySet<string>; reasons: ReadonlySet<string> };
}

/**
 * Provinces, ranks and reasons: small, read on every request, changed only by migrations (which
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
    const { provinces, ranks, reasons } = await this.repository.loadAll();
    this.snapshot = {
      provinces,
      ranks,
      reasons,
      provinceByCode: new Map(provinces.map((p) => [p.code, p])),
      rankByCode: new Map(ranks.map((r) => [r.code, r])),
      reasonByCode: new Map(reasons.map((r) => [r.code, r])),
      codes: {
        provinces: new Set(provinces.map((p) => p.code)),
        ranks: new Set(ranks.map((r) => r.code)),
        reasons: new Set(reasons.map((r) => r.code)),
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
  province(code: string | null | undefined): ProvinceEntity | null {
    return code ? (this.data.provinceByCode.get(code) ?? null) : null;
  }
  rank(code: string | null | undefined): RankEntity | null {
    return code ? (this.data.rankByCode.get(code) ?? null) : null;
  }
  reason(code: string): ReasonEntity | null {
    return this.data.reasonByCode.get(code) ?? null;
  }

  /** The known codes, for the action rules (actions/action-rules.ts). */
  codes(): { provinces: ReadonlySet<string>; ranks: ReadonlySet<string>; reasons: ReadonlySet<string> } {
    return this.data.codes;
  }

  /**
   * Throws BAD_USER_INPUT naming the field (and the list index) of the first unknown code.
   * `codes` as a string checks one field; as an array, each element (`reasonCodes.1`).
   */
  checkCodes(kind: 'province' | 'rank' | 'reason', codes: string | readonly string[] | null | undefined, field: string): void {
    if (codes === null || codes === undefined) return;
    const snapshot = this.data;
    const known = { province: snapshot.provinceByCode, rank: snapshot.rankByCode, reason: snapshot.reasonByCode }[kind];
    const hint = { province: 'KH-12', rank: 'LT_COL', reason: 'DRUG_POSITIVE_TEST' }[kind];
    const list = typeof codes === 'string' ? [codes] : codes;
    list.forEach((code, i) => {
      if (!known.has(code)) {
        throw DomainError.badInput(
          typeof codes === 'string' ? field : `${field}.${i}`,
          `Unknown ${kind} code "${code}" (see the ${kind}s query; e.g. ${hint})`,
        );
      }
    });
  }
}
