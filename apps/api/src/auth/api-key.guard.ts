import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { IS_PUBLIC } from './public.decorator';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `Authorization: Bearer <key>` with a key from API_KEYS. Keys are compared
 * as SHA-256 digests with timingSafeEqual, so neither length nor content
 * leaks through timing.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keyDigests: Buffer[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.keyDigests = config.apiKeys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { callerId?: string }>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (match) {
      const given = digest(match[1]);
      if (this.keyDigests.some((key) => timingSafeEqual(key, given))) {
        // A stable, non-secret name for the caller: scopes idempotency keys and signs history entries.
        request.callerId = `api-key:${given.toString('hex').slice(0, 8)}`;
        return true;
      }
    }
    throw new UnauthorizedException({
      code: 'unauthorized',
      message: match ? 'API key not recognised' : 'send an API key as "Authorization: Bearer <key>"',
    });
  }
}
