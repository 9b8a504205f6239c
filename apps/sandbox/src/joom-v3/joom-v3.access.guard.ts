import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { bearerToken } from '../core/tokens';
import { JoomOAuthAuthority } from '../joom-shared/joom-oauth.authority';
import { JoomV3Error } from './joom-v3.errors';
import { JoomV3RateLimiter, RateBucket } from './joom-v3.rate-limiter';

const RATE_BUCKET = 'joom-v3:rate-bucket';

/** Marks a handler as a list endpoint (its own, lower quota). */
export const ListEndpoint = (): MethodDecorator => SetMetadata(RATE_BUCKET, 'list' satisfies RateBucket);

/**
 * Admission to v3: a Bearer token (v3 has no `access_token` parameter), then
 * the store's quota. Every response, refusals included, carries the
 * X-Rate-Limit-* headers; a 401 reports the quota without using it.
 */
@Injectable()
export class JoomV3AccessGuard implements CanActivate {
  constructor(
    private readonly limiter: JoomV3RateLimiter,
    private readonly reflector: Reflector,
    private readonly authority: JoomOAuthAuthority,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const bucket = this.reflector.get<RateBucket | undefined>(RATE_BUCKET, context.getHandler()) ?? 'general';
    const now = Date.now();

    const token = bearerToken(req.get('authorization'));
    // Static or issued-and-unexpired, per the authority (docs/api-decisions.md OA-8).
    if (!token || !this.authority.accepts(token)) {
      res.set(this.limiter.peek(bucket, now));
      throw JoomV3Error.unauthorized(token ? 'Invalid or expired access token' : 'Missing access token: send Authorization: Bearer <token>');
    }

    const decision = this.limiter.take(bucket, now);
    res.set(decision.headers);
    if (!decision.allowed) {
      throw new JoomV3Error(429, 'too_many_requests', `Rate limit of ${decision.limit} requests per minute exceeded; retry in ${decision.resetSeconds} s`);
    }
    return true;
  }
}
