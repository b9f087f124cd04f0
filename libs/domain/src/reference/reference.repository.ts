import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProvinceEntity, RankEntity, ReasonEntity } from './reference.entities.js';

/** Provinces, ranks and reasons, read whole (they are small). */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async loadAll(): Promise<{ provinces: ProvinceEntity[]; ranks: RankEntity[]; reasons: ReasonEntity[] }> {
    const [provinces, ranks, reasons] = await Promise.all([
      this.dataSource.getRepository(ProvinceEntity).find({ order: { sortOrder: 'ASC' } }),
      this.dataSource.getRepository(RankEntity).find({ order: { order: 'ASC' } }),
      this.dataSource.getRepository(ReasonEntity).find({ order: { code: 'ASC' } }),
    ]);
    return { provinces, ranks, reasons };
  }
}
