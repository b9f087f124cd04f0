import {
  Injectable,
  type NestMiddleware,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorCode } from '@app/core';
import type { Viewer } from '@app/domain';
import { sendHttpError } from '../../http/http-errors.js';
import {
  RedisRateLimitStore,
  rateLimitStoreFromEnv,
  type RateVerdict,
} from './rate-limit.store.js';

/** Requests per minute, each also the burst a client may spend at once. Overridable by environment for operators. */
export interface RateLimits {
  anonymous: number;
  READER: number;
  EDITOR: number;
  ADMIN: number;
  address: number;
}

function perMinute(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000)
    throw new Error(`${name} must be an integer from 1 to 1000000, got "${raw}"`);
  return value;
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimits {
  return {
    // 300/min per address without a key: browsing and scripts of the public; a crawler is asked to get a key.
    anonymous: perMinute(env, 'RATE_LIMIT_ANONYMOUS', 300),
    // 1,200/min per reader key: "higher limits" for researchers (DOMAIN.md), 20 requests a second sustained.
    READER: perMinute(env, 'RATE_LIMIT_READER', 1200),
    // 2,400/min per editor or admin key: bulk corrections through the API; large loads go through imports.
    EDITOR: perMinute(env, 'RATE_LIMIT_EDITOR', 2400),
    ADMIN: perMinute(env, 'RATE_LIMIT_ADMIN', 2400),
    // 3,000/min per address whatever the key: one host cannot multiply its share by spraying keys.
    address: perMinute(env, 'RATE_LIMIT_ADDRESS', 3000),
  };
}

/**
 * Token buckets per client, each holding up to `perMinute` requests and refilling at `perMinute` a
 * minute: in Redis when REDIS_URL is set (shared by every API process), else in this process's
 * memory (rate-limit.store.ts).
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnModuleDestroy {
  readonly limits = rateLimitsFromEnv();
  private readonly store = rateLimitStoreFromEnv(Object.values(this.limits));

  /** Waits (briefly) for Redis to connect, so that the first requests are already shared. */
  async onModuleInit(): Promise<void> {
    if (this.store instanceof RedisRateLimitStore) await this.store.ready();
  }

  onModuleDestroy(): Promise<void> {
    return this.store.close();
  }

  /** Takes one request from the bucket; the seconds to wait when it is empty. */
  take(key: string, perMinute: number): RateVerdict | Promise<RateVerdict> {
    return this.store.take(key, perMinute);
  }
}

function refuse(
  res: Response,
  req: Request,
  retryAfter: number,
  who: string,
  perMinute: number,
): void {
  sendHttpError(
    res,
    new DomainError(
      ErrorCode.RATE_LIMITED,
      `Too many requests ${who}: the limit is ${perMinute} a minute. Retry in ${retryAfter} s.`,
      {
        retryAfter,
        limit: perMinute,
      },
    ),
    req,
  );
}

/** Per client address, before authentication (so bad keys are throttled too). */
@Injectable()
export class AddressRateLimitMiddleware implements NestMiddleware {
  constructor(private readonly limiter: RateLimiter) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const verdict = await this.limiter.take(`address:${address}`, this.limiter.limits.address);
    if (verdict.allowed) return next();
    refuse(res, req, verdict.retryAfter, 'from this address', this.limiter.limits.address);
  }
}

/** Per API key (by role), or per address for anonymous callers; after authentication. */
@Injectable()
export class KeyRateLimitMiddleware implements NestMiddleware {
  constructor(private readonly limiter: RateLimiter) {}

  async use(req: Request & { viewer?: Viewer }, res: Response, next: NextFunction): Promise<void> {
    const viewer = req.viewer;
    const keyed = viewer?.keyId && viewer.role !== 'ANONYMOUS';
    const perMinute = keyed
      ? this.limiter.limits[viewer.role as 'READER' | 'EDITOR' | 'ADMIN']
      : this.limiter.limits.anonymous;
    const bucket = keyed
      ? `key:${viewer.keyId}`
      : `anonymous:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    const verdict = await this.limiter.take(bucket, perMinute);
    if (verdict.allowed) return next();
    refuse(
      res,
      req,
      verdict.retryAfter,
      keyed ? 'for this API key' : 'without an API key from this address',
      perMinute,
    );
  }
}
