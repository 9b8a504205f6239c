import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { ApiKeys, callerOf, indexApiKeys } from './api-keys';
import { IS_PUBLIC } from './public.decorator';

/** `Authorization: Bearer <key>` with a key from API_KEYS (a lookup in a map built at boot, see `callerOf`). */
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
    // A stable, non-secret name for the caller: scopes idempotency keys and signs history entries.
    request.callerId = callerOf(this.keys, request.headers.authorization);
    return true;
  }
}
