import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { tokensMatch } from '../core/tokens';
import { AkinonError } from './akinon.errors';

/** DRF's TokenAuthentication names its scheme in WWW-Authenticate on a 401. */
const CHALLENGE = { 'WWW-Authenticate': 'Token' };

/**
 * Checks, in Django REST framework's order, content negotiation (406) and then
 * the token. Both `Bearer` (the document) and `Token` (Akinon's login endpoint)
 * schemes are accepted, in `Authorization` or the document's misspelt
 * `Authentication` header.
 */
@Injectable()
export class AkinonAuthGuard implements CanActivate {
  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const accept = req.headers.accept;
    if (accept && !/(application\/json|application\/\*|\*\/\*)/i.test(accept)) {
      throw new AkinonError(406, { detail: 'Could not satisfy the request Accept header.' });
    }
    const header = req.headers.authorization ?? (req.headers['authentication'] as string | undefined);
    const parts = (header ?? '').trim().split(/\s+/);
    const scheme = parts[0]?.toLowerCase();
    if (!header || (scheme !== 'bearer' && scheme !== 'token')) {
      throw new AkinonError(401, { detail: 'Authentication credentials were not provided.' }, CHALLENGE);
    }
    if (parts.length === 1) throw new AkinonError(401, { detail: 'Invalid token header. No credentials provided.' }, CHALLENGE);
    if (parts.length > 2) {
      throw new AkinonError(401, { detail: 'Invalid token header. Token string should not contain spaces.' }, CHALLENGE);
    }
    if (!tokensMatch(parts[1], this.config.akinonToken)) throw new AkinonError(401, { detail: 'Invalid token.' }, CHALLENGE);
    return true;
  }
}
