import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { ApiKeys, indexApiKeys, matchApiKey } from './api-keys';
import { IS_PUBLIC } from './public.decorator';

/** `Authorization: Bearer <key>` with a key from API_KEYS (a lookup in a map built at boot, see `matchApiKey`). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeys;

  constructor(
    private readonly reflector: Reflector,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.keys = indexApiKeys(config.apiKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { callerId?: string }>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const callerId = match ? matchApiKey(this.keys, match[1]) : null;
    if (callerId) {
      // A stable, non-secret name for the caller: scopes idempotency keys and signs history entries.
      request.callerId = callerId;
      return true;
    }
    throw new UnauthorizedException({
      code: 'unauthorized',
      message: match ? 'API key not recognised' : 'send an API key as "Authorization: Bearer <key>"',
    });
  }
}
