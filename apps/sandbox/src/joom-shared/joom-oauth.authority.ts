import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SANDBOX_CONFIG } from '../core/sandbox-config';
import type { SandboxConfig } from '../core/sandbox-config';
import { tokensMatch } from '../core/tokens';
import { DEFAULT_ACCESS_TOKEN_TTL_MS, JoomOAuthSetup } from './joom-oauth.setup';

interface IssuedAccessToken {
  expiresAt: number;
  /** Calls it may still answer; Infinity without a call limit. */
  callsLeft: number;
}

/** What a successful refresh answers in `data` (docs/api-decisions.md OA-1). */
export interface JoomTokenGrant {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  expiry_time: number;
  token_type: 'Bearer';
}

/** Why a refresh was refused; the controller turns it into the v2 envelope (OA-5). */
export type RefreshRefusal = 'missing_parameter' | 'unsupported_grant_type' | 'invalid_client' | 'invalid_grant' | 'oauth_disabled';

export class JoomRefreshRefused extends Error {
  constructor(
    readonly refusal: RefreshRefusal,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export interface JoomOAuthStatus {
  enabled: boolean;
  accessTokenCalls: number;
  accessTokenTtlMs: number;
  refreshes: number;
  refusedRefreshes: number;
  liveAccessTokens: number;
}

/**
 * Who may call the Joom simulators. Without an OAuth app: the static token.
 * With one (docs/api-decisions.md OA-8): access tokens issued by a refresh,
 * each valid for a number of calls and/or a time; every refresh rotates the
 * refresh token and the one it used stops working. Never reports a token.
 */
@Injectable()
export class JoomOAuthAuthority {
  private setup: JoomOAuthSetup | null;
  private liveRefreshToken: string | null = null;
  private readonly accessTokens = new Map<string, IssuedAccessToken>();
  private refreshes = 0;
  private refusedRefreshes = 0;

  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {
    this.setup = config.joomOAuth;
    this.liveRefreshToken = this.setup?.refreshToken ?? null;
  }

  /** Whether `token` may make this call; an issued token's call budget is used by it. */
  accepts(token: string, now = Date.now()): boolean {
    if (!this.setup || this.setup.acceptStaticToken) {
      if (tokensMatch(token, this.config.joomToken)) return true;
      if (!this.setup) return false;
    }
    const issued = this.accessTokens.get(token);
    if (!issued) return false;
    if (now >= issued.expiresAt || issued.callsLeft <= 0) {
      this.accessTokens.delete(token);
      return false;
    }
    issued.callsLeft -= 1;
    return true;
  }

  /** `POST /api/v2/oauth/refresh_token` with the form's fields. */
  refresh(form: { client_id?: string; client_secret?: string; grant_type?: string; refresh_token?: string }, now = Date.now()): JoomTokenGrant {
    for (const name of ['client_id', 'client_secret', 'grant_type', 'refresh_token'] as const) {
      if (!form[name]) throw new JoomRefreshRefused('missing_parameter', `Missing required parameter '${name}'`, name);
    }
    if (form.grant_type !== 'refresh_token') {
      throw new JoomRefreshRefused('unsupported_grant_type', `grant_type must be 'refresh_token'`, 'grant_type');
    }
    const setup = this.setup;
    if (!setup) throw this.refused('oauth_disabled', 'OAuth is not enabled for this merchant');
    if (!tokensMatch(form.client_id!, setup.clientId) || !tokensMatch(form.client_secret!, setup.clientSecret)) {
      throw this.refused('invalid_client', 'Invalid client credentials');
    }
    if (!this.liveRefreshToken || !tokensMatch(form.refresh_token!, this.liveRefreshToken)) {
      throw this.refused('invalid_grant', 'Refresh token is invalid, expired or has already been used');
    }
    // Rotation: the token just used is dead from now on.
    this.liveRefreshToken = `joom-rt-${randomBytes(18).toString('hex')}`;
    const ttlMs = setup.accessTokenTtlMs || DEFAULT_ACCESS_TOKEN_TTL_MS;
    const accessToken = `joom-at-${randomBytes(18).toString('hex')}`;
    this.accessTokens.set(accessToken, { expiresAt: now + ttlMs, callsLeft: setup.accessTokenCalls || Infinity });
    this.forgetExpired(now);
    this.refreshes += 1;
    return {
      access_token: accessToken,
      refresh_token: this.liveRefreshToken,
      expires_in: Math.floor(ttlMs / 1000),
      expiry_time: Math.floor((now + ttlMs) / 1000),
      token_type: 'Bearer',
    };
  }

  /** Control plane: turn OAuth on (a fresh grant) or off (`null`: the static token only). */
  configure(setup: JoomOAuthSetup | null): void {
    this.setup = setup;
    this.liveRefreshToken = setup?.refreshToken ?? null;
    this.accessTokens.clear();
    this.refreshes = 0;
    this.refusedRefreshes = 0;
  }

  /** Control plane: Joom revokes the grant; every refresh is refused until `configure`. */
  revoke(): void {
    this.liveRefreshToken = null;
    this.accessTokens.clear();
  }

  reset(): void {
    this.configure(this.config.joomOAuth);
  }

  status(now = Date.now()): JoomOAuthStatus {
    this.forgetExpired(now);
    return {
      enabled: this.setup !== null,
      accessTokenCalls: this.setup?.accessTokenCalls ?? 0,
      accessTokenTtlMs: this.setup?.accessTokenTtlMs ?? 0,
      refreshes: this.refreshes,
      refusedRefreshes: this.refusedRefreshes,
      liveAccessTokens: this.accessTokens.size,
    };
  }

  private refused(refusal: RefreshRefusal, message: string): JoomRefreshRefused {
    this.refusedRefreshes += 1;
    return new JoomRefreshRefused(refusal, message);
  }

  private forgetExpired(now: number): void {
    for (const [token, issued] of this.accessTokens) if (now >= issued.expiresAt || issued.callsLeft <= 0) this.accessTokens.delete(token);
  }
}
