import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { bearerToken } from '../core/tokens';
import { JoomOAuthAuthority } from '../joom-shared/joom-oauth.authority';
import { JoomV2Error } from './joom-v2.errors';
import { V2Params } from './joom-v2.params';

/**
 * The document accepts the token as an `access_token` GET/POST parameter or as
 * `Authorization: Bearer {access_token}`. A header that is present decides:
 * a wrong header is not rescued by a parameter. Which tokens are valid
 * (static, or issued and not yet expired) is the authority's call (OA-8).
 */
@Injectable()
export class JoomV2AuthGuard implements CanActivate {
  constructor(private readonly authority: JoomOAuthAuthority) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const header = req.get('authorization');
    const token = header !== undefined ? bearerToken(header) : new V2Params(req).optional('access_token');
    if (!token) throw JoomV2Error.unauthorized('Unauthorized access: provide an access token');
    if (!this.authority.accepts(token)) throw JoomV2Error.unauthorized('Unauthorized access: invalid access token');
    return true;
  }
}
