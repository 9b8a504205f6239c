import { Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { JoomV2Error, V2_CODE, V2_DETAIL } from '../joom-v2/joom-v2.errors';
import { JoomV2ExceptionFilter } from '../joom-v2/joom-v2.exception.filter';
import { V2Params } from '../joom-v2/joom-v2.params';
import { JoomV2Envelope } from '../joom-v2/joom-v2.types';
import { JoomOAuthAuthority, JoomRefreshRefused } from './joom-oauth.authority';

/**
 * `POST /api/v2/oauth/refresh_token` (docs/vendor/real-api-facts.md; shapes in
 * docs/api-decisions.md OA-1, refusals OA-5). No access token needed: the
 * refresh is how a client gets one. Answers in the v2 envelope.
 */
@Controller('api/v2/oauth')
@UseFilters(JoomV2ExceptionFilter)
export class JoomOAuthController {
  constructor(private readonly authority: JoomOAuthAuthority) {}

  @Post('refresh_token')
  @HttpCode(200)
  refresh(@Req() req: Request): JoomV2Envelope {
    const p = new V2Params(req);
    const form = {
      client_id: p.optional('client_id'),
      client_secret: p.optional('client_secret'),
      grant_type: p.optional('grant_type'),
      refresh_token: p.optional('refresh_token'),
    };
    try {
      return { code: 0, data: this.authority.refresh(form), message: '' };
    } catch (error) {
      if (error instanceof JoomRefreshRefused) throw asV2Error(error);
      throw error;
    }
  }
}

/** OA-5: a malformed request 400/1000; a bad client 401/4000; a dead refresh token 400/1000 with detail 2010. */
function asV2Error(error: JoomRefreshRefused): JoomV2Error {
  switch (error.refusal) {
    case 'missing_parameter':
      return JoomV2Error.badParam(V2_DETAIL.missingParam, error.message);
    case 'unsupported_grant_type':
      return JoomV2Error.badParam(V2_DETAIL.invalidParam, error.message);
    case 'invalid_client':
    case 'oauth_disabled':
      return new JoomV2Error(401, V2_CODE.unauthorized, {}, error.message);
    case 'invalid_grant':
      return new JoomV2Error(400, V2_CODE.invalid, V2_DETAIL.invalidGrant, error.message);
  }
}
