import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { asObject, controlError } from '../control/control.params';
import { JoomOAuthAuthority, JoomOAuthStatus } from './joom-oauth.authority';
import { parseJoomOAuthSetup } from './joom-oauth.setup';

/**
 * `/__sandbox/joom-oauth`: tests turn expiring, rotating Joom tokens on and
 * off (docs/api-decisions.md OA-8). Answers never contain a token.
 */
@Controller('__sandbox/joom-oauth')
export class JoomOAuthControlController {
  constructor(private readonly authority: JoomOAuthAuthority) {}

  @Get()
  status(): JoomOAuthStatus {
    return this.authority.status();
  }

  /** Body: `{ clientId, clientSecret, refreshToken, accessTokenCalls?, accessTokenTtlMs?, acceptStaticToken? }`. */
  @Put()
  configure(@Body() body: unknown): JoomOAuthStatus {
    try {
      this.authority.configure(parseJoomOAuthSetup(asObject(body)));
    } catch (error) {
      throw controlError(400, error instanceof Error ? error.message : String(error));
    }
    return this.authority.status();
  }

  /** Back to the static token only. */
  @Delete()
  @HttpCode(204)
  disable(): void {
    this.authority.configure(null);
  }

  /** Joom revokes the grant: every refresh is refused until the next PUT. */
  @Post('revoke')
  @HttpCode(200)
  revoke(): JoomOAuthStatus {
    this.authority.revoke();
    return this.authority.status();
  }
}
