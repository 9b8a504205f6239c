import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SANDBOX_CONFIG } from '../core/sandbox-config';
import type { SandboxConfig } from '../core/sandbox-config';
import { bearerToken, tokensMatch } from '../core/tokens';
import { JoomV2Error } from './joom-v2.errors';
import { V2Params } from './joom-v2.params';

/**
 * The document accepts the token as an `access_token` GET/POST parameter or as
 * `Authorization: Bearer {access_token}`. A header that is present decides:
 * a wrong header is not rescued by a parameter.
 */
@Injectable()
export class JoomV2AuthGuard implements CanActivate {
  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const header = req.get('authorization');
    const token = header !== undefined ? bearerToken(header) : new V2Params(req).optional('access_token');
    if (!token) throw JoomV2Error.unauthorized('Unauthorized access: provide an access token');
    if (!tokensMatch(token, this.config.joomToken)) throw JoomV2Error.unauthorized('Unauthorized access: invalid access token');
    return true;
  }
}
