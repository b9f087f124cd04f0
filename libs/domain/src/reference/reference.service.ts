import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/core';
import { ProvinceEntity, RankEntity, ReasonEntity } from './reference.entities.js';

interface ReferenceSnapshot {
  provinces: ProvinceEntity[];
  ranks: RankEntity[];
  reasons: ReasonEntity[];
  provinceByCode: Map<string, ProvinceEntity>;
  rankByCode: Map<string, RankEntity>;
  reasonByCode: Map<string, ReasonEntity>;
}

/**
 * Provinces, ranks and reasons: small, read on every request, changed only by migrations (which
 * run at start, before this loads). Held in memory, so resolving `province` on a page of 100
 * actions costs no query. (When admins can edit reasons through the API, reload after the change.)
 */
@Injectable()
export class ReferenceService implements OnModuleInit {
  private snapshot?: Promise<ReferenceSnapshot>;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Loaded at start, before any transaction: with the embedded database's single connection, a
   * lazy load from inside a transaction would wait for that transaction's own connection.
   */
  async onModuleInit(): Promise<void> {
    await this.load();
  }

  private load(): Promise<ReferenceSnapshot> {
    this.snapshot ??= (async () => {
      const [provinces, ranks, reasons] = await Promise.all([
        this.dataSource.getRepository(ProvinceEntity).find({ order: { sortOrder: 'ASC' } }),
        this.dataSource.getRepository(RankEntity).find({ order: { order: 'ASC' } }),
        this.dataSource.getRepository(ReasonEntity).find({ order: { code: 'ASC' } }),
      ]);
      return {
        provinces,
        ranks,
        reasons,
        provinceByCode: new Map(provinces.map((p) => [p.code, p])),
        rankByCode: new Map(ranks.map((r) => [r.code, r])),
        reasonByCode: new Map(reasons.map((r) => [r.code, r])),
      };
    })().catch((err: unknown) => {
      this.snapshot = undefined;
      throw err;
    });
    return this.snapshot;
  }


  async provinces(): Promise<ProvinceEntity[]> {
    return (await this.load()).provinces;
  }
  async ranks(): Promise<RankEntity[]> {
    return (await this.load()).ranks;
  }
  async reasons(): Promise<ReasonEntity[]> {
    return (await this.load()).reasons;
  }
  async province(code: string | null | undefined): Promise<ProvinceEntity | null> {
    return code ? ((await this.load()).provinceByCode.get(code) ?? null) : null;
  }
  async rank(code: string | null | undefined): Promise<RankEntity | null> {
    return code ? ((await this.load()).rankByCode.get(code) ?? null) : null;
  }
  async reason(code: string): Promise<ReasonEntity | null> {
    return (await this.load()).reasonByCode.get(code) ?? null;
  }

  /**
   * Throws BAD_USER_INPUT naming the field (and the list index) of the first unknown code.
   * `codes` as a string checks one field; as an array, each element (`reasonCodes.1`).
   */
  async checkCodes(
    kind: 'province' | 'rank' | 'reason',
    codes: string | readonly string[] | null | undefined,
    field: string,
  ): Promise<void> {
    if (codes === null || codes === undefined) return;
    const snapshot = await this.load();
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
