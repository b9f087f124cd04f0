import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DatabaseHealth,
  DomainError,
  ErrorCode,
  READY_TIMEOUT_MS,
  type DatabaseStatus,
} from '@app/core';
import { Downloads } from './download.js';
import { ApiCommonErrors, ApiUnavailable } from './openapi.decorators.js';
import { HealthBody, ReadyBody } from './openapi.models.js';

// Seconds a load balancer is told to wait before asking a process that is not ready again.
const READY_RETRY_AFTER_SECONDS = 5;

/** For load balancers and operators: the process answers, and whether its databases do. */
@Controller()
export class HealthController {
  constructor(
    private readonly downloads: Downloads,
    private readonly databases: DatabaseHealth,
  ) {}

  /** Liveness: the process answers (no database work; safe to poll often). */
  @Get('health')
  @ApiTags('health')
  @ApiOperation({ summary: 'The process answers; how busy its downloads are' })
  @ApiOkResponse({ type: HealthBody })
  @ApiCommonErrors()
  health(): { status: string; downloads: { running: number; limit: number } } {
    return { status: 'ok', downloads: this.downloads.status() };
  }

  /** Readiness: every database this process uses answers (README "Running several API processes"). */
  @Get('health/ready')
  @ApiTags('health')
  @ApiOperation({
    summary: 'The process can serve requests: its primary and each read replica answer',
    description: `Each database this process uses runs \`SELECT 1\` through the pool its requests use, within ${READY_TIMEOUT_MS} ms. For a load balancer's readiness check; /health is the liveness check.`,
  })
  @ApiOkResponse({ type: ReadyBody })
  @ApiUnavailable(
    'UNAVAILABLE: a database did not answer in time (`extensions.database` says which); retry after `retryAfter` seconds',
  )
  @ApiCommonErrors()
  async ready(): Promise<{ status: string; database: DatabaseStatus }> {
    const database = await this.databases.check();
    const down = [
      ...(database.primary === 'ok' ? [] : ['the primary']),
      ...database.replicas.flatMap((r, i) => (r === 'ok' ? [] : [`read replica ${i + 1}`])),
    ];
    if (down.length) {
      throw new DomainError(
        ErrorCode.UNAVAILABLE,
        `Not ready: ${down.join(' and ')} did not answer within ${READY_TIMEOUT_MS} ms`,
        { retryAfter: READY_RETRY_AFTER_SECONDS, database },
      );
    }
    return { status: 'ready', database };
  }
}
