import type { INestApplicationContext } from '@nestjs/common';
import type { Viewer } from '@app/domain';

/** Runs work in the CLI's Nest context (database + domain), closing it afterwards. */
export type WithContext = <T>(runMigrations: boolean, work: (ctx: INestApplicationContext) => Promise<T>) => Promise<T>;

/** Whoever runs the CLI operates the database: an admin, named "cli" in the edit history. */
export const CLI_OPERATOR: Viewer = { role: 'ADMIN', keyName: 'cli' };
