import { Inject, Injectable, NestMiddleware, UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { ApiKeyDigests, digestApiKeys, matchApiKey } from './api-keys';

/** Sent with every 401, so a browser asks for credentials (user name: anything; password: an API key). */
export const DASHBOARD_CHALLENGE = 'Basic realm="queues"';

/**
 * The API key from `Authorization: Bearer <key>`, or from HTTP Basic auth
 * whose password is the key (any user name): what a browser can send. Null
 * when the header carries neither.
 */
export function apiKeyFromAuthorization(header: string | undefined): string | null {
  const [scheme, value, ...rest] = (header ?? '').trim().split(/\s+/);
  if (!value || rest.length > 0) return null;
  if (/^bearer$/i.test(scheme)) return value;
  if (!/^basic$/i.test(scheme)) return null;
  const credentials = Buffer.from(value, 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  return colon >= 0 && colon < credentials.length - 1 ? credentials.slice(colon + 1) : null;
}

/**
 * Guards the queue dashboard (`/queues`), which is mounted as express
 * middleware and so is not reached by the API-key guard. Accepts the same
 * keys as the REST API, as Bearer or as the Basic password.
 */
@Injectable()
export class DashboardAuthMiddleware implements NestMiddleware {
  private readonly keyDigests: ApiKeyDigests;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.keyDigests = digestApiKeys(config.apiKeys);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const key = apiKeyFromAuthorization(req.headers.authorization);
    if (key !== null && matchApiKey(this.keyDigests, key)) return next();
    // The exception filter writes the usual error body and keeps this challenge.
    res.setHeader('WWW-Authenticate', DASHBOARD_CHALLENGE);
    throw new UnauthorizedException({
      code: 'unauthorized',
      message: key === null ? 'sign in with an API key as the password (any user name), or send "Authorization: Bearer <key>"' : 'API key not recognised',
    });
  }
}
