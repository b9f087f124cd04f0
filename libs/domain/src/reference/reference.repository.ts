import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgencyEntity, ProvinceEntity, RankEntity, ReasonEntity } from './reference.entities.js';

/** Provinces, ranks, reasons and agencies, read whole (they are small). */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadAll(): Promise<{
    provinces: ProvinceEntity[];
    ranks: RankEntity[];
    reasons: ReasonEntity[];
    agencies: AgencyEntity[];
  }> {
    const [provinces, ranks, reasons, agencies] = await Promise.all([
      this.dataSource.getRepository(ProvinceEntity).find({ order: { sortOrder: 'ASC' } }),
      this.dataSource.getRepository(RankEntity).find({ order: { order: 'ASC' } }),
      this.dataSource.getRepository(ReasonEntity).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(AgencyEntity).find({ order: { sortOrder: 'ASC' } }),
    ]);
    return { provinces, ranks, reasons, agencies };
  }
}
