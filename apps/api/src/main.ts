import { Logger } from '@nestjs/common';
import { DataDirLockedError } from '@app/core';
import { startServer } from './bootstrap.js';

startServer().catch((err: unknown) => {
  const logger = new Logger('Api');
  if (err instanceof DataDirLockedError) logger.error(err.message);
  else logger.error(`Could not start: ${err instanceof Error ? err.message : String(err)}`, err instanceof Error ? err.stack : undefined);
  process.exit(1);
});
