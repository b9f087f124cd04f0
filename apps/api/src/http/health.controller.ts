import { Controller, Get } from '@nestjs/common';
import { Downloads } from './download.js';

/** For load balancers and operators: the process answers, and how busy its downloads are. */
@Controller()
export class HealthController {
  constructor(private readonly downloads: Downloads) {}

  @Get('health')
  health(): { status: string; downloads: { running: number; limit: number } } {
    return { status: 'ok', downloads: this.downloads.status() };
  }
}
