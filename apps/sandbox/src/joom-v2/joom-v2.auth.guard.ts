import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerToken } from '../core/tokens';
import { JoomOAuthAuthority } from '../joom-shared/joom-oauth.authority';
import { JoomRateLimiter, RateBucket } from '../joom-shared/rate-limiter';
import { JoomV2Error, V2_CODE } from './joom-v2.errors';
import { V2Params } from './joom-v2.params';

/** The list endpoints share their own, lower quota (docs/vendor/real-api-facts.md). */
const LIST_PATHS = new Set(['/api/v2/order/multi-get', '/api/v2/order/get-fulfill']);

/**
 * Admission to v2. The document accepts the token as an `access_token`
 * GET/POST parameter or as `Authorization: Bearer {access_token}`; a header
 * that is present decides (a wrong header is not rescued by a parameter).
 * Which tokens are valid (static, or issued and not yet expired) is the
 * authority's call (OA-8). Then the store's quota, as for v3: every response
 * carries X-Rate-Limit-*, a 401 reports the quota without using it, and past
 * it the answer is a 429 in the v2 envelope (docs/api-decisions.md JO-8).
 */
@Injectable()
export class JoomV2AuthGuard implements CanActivate {
  constructor(
    private readonly authority: JoomOAuthAuthority,
    private readonly limiter: JoomRateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const bucket: RateBucket = LIST_PATHS.has(req.path.replace(/\/+$/, '')) ? 'list' : 'general';
    const now = Date.now();
    const header = req.get('authorization');
    const token = header !== undefined ? bearerToken(header) : new V2Params(req).optional('access_token');
    if (!token || !this.authority.accepts(token)) {
      res.set(this.limiter.peek(bucket, now));
      throw JoomV2Error.unauthorized(token ? 'Unauthorized access: invalid access token' : 'Unauthorized access: provide an access token');
    }
    const decision = this.limiter.take(bucket, now);
    res.set(decision.headers);
    if (!decision.allowed) {
      throw new JoomV2Error(429, V2_CODE.rateLimited, {}, `Rate limit of ${decision.limit} requests per minute exceeded; retry in ${decision.resetSeconds} s`);
    }
    return true;
  }
}
