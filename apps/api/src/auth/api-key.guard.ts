import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { ADMIN_ONLY } from './admin-only.decorator';
import { ApiKeys, callerOf, configuredApiKeys } from './api-keys';
import { IS_PUBLIC } from './public.decorator';

/** What an admin-only route answers a key from API_KEYS alone (the exception filter adds `statusCode: 403`). */
export const ADMIN_REQUIRED = { code: 'forbidden', message: 'this action needs an admin key (ADMIN_API_KEYS); this API key may read and send commands only' };

/**
 * `Authorization: Bearer <key>` with a key from API_KEYS or ADMIN_API_KEYS
 * (a lookup in a map built at boot, see `callerOf`); routes marked
 * `@AdminOnly()` also need the key to be an admin key.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: ApiKeys;

  constructor(
    private readonly reflector: Reflector,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.keys = configuredApiKeys(config);
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { callerId?: string }>();
    const caller = callerOf(this.keys, request.headers.authorization);
    // A stable, non-secret name for the caller: scopes idempotency keys and signs history entries.
    request.callerId = caller.callerId;
    if (!caller.admin && this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets)) throw new ForbiddenException(ADMIN_REQUIRED);
    return true;
  }
}
