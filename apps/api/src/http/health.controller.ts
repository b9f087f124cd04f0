import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Downloads } from './download.js';
import { ApiCommonErrors } from './openapi.decorators.js';
import { HealthBody } from './openapi.models.js';

/** For load balancers and operators: the process answers, and how busy its downloads are. */
@Controller()
export class HealthController {
  constructor(private readonly downloads: Downloads) {}

  @Get('health')
  @ApiTags('health')
  @ApiOperation({ summary: 'The process answers; how busy its downloads are' })
  @ApiOkResponse({ type: HealthBody })
  @ApiCommonErrors()
  health(): { status: string; downloads: { running: number; limit: number } } {
    return { status: 'ok', downloads: this.downloads.status() };
  }
}
