import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { tokensMatch } from '../core/tokens';
import { AkinonError } from './akinon.errors';
import { AkinonAuthHeaderRule, AkinonSettings } from './akinon.settings';

/** DRF's TokenAuthentication names its scheme in WWW-Authenticate on a 401. */
const CHALLENGE = { 'WWW-Authenticate': 'Token' };

/**
 * Checks, in Django REST framework's order, content negotiation (406) and then
 * the token. Both `Bearer` (the document) and `Token` (Akinon's login endpoint)
 * schemes are accepted. The header read is the one the settings name
 * (docs/api-decisions.md AK-2): by default the one the document's example of
 * that route sends — `Authentication` on the GETs, `Authorization` on the
 * reject — and a header of the other name is ignored, as DRF ignores any
 * header its authentication class does not read.
 */
@Injectable()
export class AkinonAuthGuard implements CanActivate {
  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly settings: AkinonSettings,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const accept = req.headers.accept;
    if (accept && !/(application\/json|application\/\*|\*\/\*)/i.test(accept)) {
      throw new AkinonError(406, { detail: 'Could not satisfy the request Accept header.' });
    }
    const header = tokenHeader(req, this.settings.current.authHeaders);
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

/** The document's reject example (ORI03) sends `Authorization`; its four GET examples send `Authentication`. */
function tokenHeader(req: Request, rule: AkinonAuthHeaderRule): string | undefined {
  const authorization = req.headers.authorization;
  const authentication = req.headers['authentication'] as string | undefined;
  if (rule === 'any') return authorization ?? authentication;
  if (rule === 'authorization') return authorization;
  const rejectRoute = /\/order-items\/[^/]+\/reject\/?$/.test(req.path);
  return rejectRoute ? authorization : authentication;
}
