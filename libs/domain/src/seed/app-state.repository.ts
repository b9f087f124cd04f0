import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Facts about this installation (app_state), and the lock that serialises seeding. */
@Injectable()
export class AppStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async has(key: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM app_state WHERE key = $1`, [
      key,
    ])) as unknown[];
    return rows.length > 0;
  }

  async setOnce(key: string, value: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO app_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
      [key, value],
    );
  }

  /** Waits for other seeds of the same transaction kind (two CLI runs at once), until this transaction ends. */
  async lockSeeding(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(872341991)');
  }
}
