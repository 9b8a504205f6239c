import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { RemoteAuthUnavailableError, RemoteTransientError } from '@app/adapters';
import { JoomAccessTokens } from './joom-access-tokens';
import { IssuedJoomTokens, JoomRefreshGrant, JoomRefreshRefusedError } from './joom-oauth.client';
import { fingerprint, redactSecrets } from './joom-secrets';
import { JoomStoredTokens, JoomTokenStore } from './joom-token.store';

export interface JoomOAuthSettings {
  clientId: string;
  clientSecret: string;
  /** `JOOM_REFRESH_TOKEN`: only the seed while the store has none (OA-3). */
  seedRefreshToken: string;
  /** `JOOM_ACCESS_TOKEN`, used until the first refresh when the store has no access token. */
  initialAccessToken: string | null;
}

export interface JoomTokenTiming {
  /** Refresh this long before a known expiry (OA-2). */
  refreshAheadMs: number;
  /** The refresh lock's time to live: longer than one refresh call can take (OA-4). */
  lockTtlMs: number;
  /** How long a process waits for another one's refresh before it gives up (transient). */
  waitForOtherMs: number;
  pollMs: number;
  /** How long the Joom queue waits after a refused refresh before trying again (OA-7). */
  refusedRetryAfterMs: number;
}

export const DEFAULT_TOKEN_TIMING: JoomTokenTiming = {
  refreshAheadMs: 60_000,
  lockTtlMs: 30_000,
  waitForOtherMs: 20_000,
  pollMs: 100,
  refusedRetryAfterMs: 30_000,
};

/** The refresh call, as the manager needs it (JoomOAuthClient in production). */
export interface JoomRefresher {
  refresh(grant: JoomRefreshGrant): Promise<IssuedJoomTokens>;
}

interface CachedToken {
  token: string;
  issuedAt: number | null;
  expiresAt: number | null;
}

/**
 * Joom OAuth access tokens shared by every process (docs/api-decisions.md
 * OA-2 … OA-7): the current token and its expiry, and the rotated refresh
 * token, live in the store; one refresh at a time across processes (a lock
 * with an owner token and a TTL); a process whose 401'd token is older than
 * the stored one only re-reads. Nothing here logs or throws a token.
 */
export class JoomTokenManager implements JoomAccessTokens {
  private readonly logger = new Logger('JoomAuth');
  private cached: CachedToken | null = null;
  /** One refresh per process at a time; concurrent callers share it. */
  private inFlight: Promise<string> | null = null;

  constructor(
    private readonly account: string,
    private readonly settings: JoomOAuthSettings,
    private readonly store: JoomTokenStore,
    private readonly refresher: JoomRefresher,
    private readonly timing: JoomTokenTiming = DEFAULT_TOKEN_TIMING,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<string> {
    if (this.cached && this.fresh(this.cached)) return this.cached.token;
    const stored = await this.store.readTokens('joom', this.account);
    if (stored?.accessToken && this.fresh(lifetimeOf(stored))) return this.adopt(stored);
    if (!stored?.accessToken && this.settings.initialAccessToken) {
      return this.keep({ token: this.settings.initialAccessToken, issuedAt: null, expiresAt: null });
    }
    // Known expiry within refreshAheadMs (or no token at all): refresh before a call fails.
    const ageing = stored?.accessToken ?? null;
    try {
      return await this.refresh(ageing);
    } catch (error) {
      // A token not yet expired still works while the refresh is unavailable.
      if (ageing && stored?.accessExpiresAt && this.now() < stored.accessExpiresAt && !(error instanceof RemoteAuthUnavailableError)) return ageing;
      throw error;
    }
  }

  async renewAfterRefusal(rejected: string): Promise<string> {
    const stored = await this.store.readTokens('joom', this.account);
    // Another process already refreshed: use its token, do not rotate again (OA-4).
    if (stored?.accessToken && stored.accessToken !== rejected && this.fresh(lifetimeOf(stored))) return this.adopt(stored);
    return this.refresh(rejected);
  }

  private refresh(rejected: string | null): Promise<string> {
    if (!this.inFlight) {
      this.inFlight = this.refreshAcrossProcesses(rejected).finally(() => (this.inFlight = null));
    }
    return this.inFlight;
  }

  /** Takes the lock, or waits for the process that holds it and reads what it stored. */
  private async refreshAcrossProcesses(rejected: string | null): Promise<string> {
    const deadline = this.now() + this.timing.waitForOtherMs;
    for (;;) {
      const owner = randomUUID();
      if (await this.store.tryLock('joom', this.account, owner, this.timing.lockTtlMs)) {
        try {
          return await this.refreshHoldingLock(rejected);
        } finally {
          await this.store.unlock('joom', this.account, owner).catch(() => undefined);
        }
      }
      await sleep(this.timing.pollMs);
      const stored = await this.store.readTokens('joom', this.account);
      if (stored?.accessToken && stored.accessToken !== rejected && this.fresh(lifetimeOf(stored))) return this.adopt(stored);
      if (this.now() > deadline) {
        throw new RemoteTransientError('joom', 'joom token refresh by another process did not finish in time', null, null);
      }
    }
  }

  private async refreshHoldingLock(rejected: string | null): Promise<string> {
    const stored = await this.store.readTokens('joom', this.account);
    // Refreshed by another process between our 401 and the lock.
    if (stored?.accessToken && stored.accessToken !== rejected && this.fresh(lifetimeOf(stored))) return this.adopt(stored);
    const refreshToken = await this.usableRefreshToken(stored);
    const fromSeed = refreshToken !== stored?.refreshToken;
    let issued: IssuedJoomTokens;
    try {
      issued = await this.refresher.refresh({ clientId: this.settings.clientId, clientSecret: this.settings.clientSecret, refreshToken });
    } catch (error) {
      if (!(error instanceof JoomRefreshRefusedError)) throw error;
      return this.recordRefusal(error, refreshToken, fromSeed ? null : stored);
    }
    const tokens: JoomStoredTokens = {
      accessToken: issued.accessToken,
      accessIssuedAt: this.now(),
      accessExpiresAt: issued.expiresAt,
      // Rotation: the old refresh token is dead now; keep it only if Joom sent no new one (OA-1).
      refreshToken: issued.refreshToken ?? refreshToken,
      seedFingerprint: fromSeed ? fingerprint(refreshToken) : (stored?.seedFingerprint ?? null),
      generation: (stored?.generation ?? 0) + 1,
    };
    await this.saveRotated(tokens);
    await this.store.recordOk('joom', this.account, new Date(this.now())).catch(() => undefined);
    const expires = issued.expiresAt === null ? 'no expiry given' : `expires in ${Math.round((issued.expiresAt - this.now()) / 1000)} s`;
    this.logger.log(`joom access token refreshed (account ${this.account}, generation ${tokens.generation}, ${expires})`);
    return this.adopt(tokens);
  }

  /**
   * Records a refused refresh and throws the wait. A refused client (HTTP
   * 401: wrong id or secret) says nothing of the refresh token, which stays
   * usable once the client is fixed; a refused grant is never sent again: a
   * stored one is dropped from the store, a seed is remembered by its
   * fingerprint (OA-5, OA-7).
   */
  private async recordRefusal(error: JoomRefreshRefusedError, refreshToken: string, stored: JoomStoredTokens | null): Promise<never> {
    // Joom's words may echo what it was sent: masked before they reach Redis, logs or a job (OA-6).
    const reason = redactSecrets(error.reason, { clientSecret: this.settings.clientSecret, refreshToken });
    const grantRefused = error.httpStatus !== 401;
    if (grantRefused && stored) await this.saveRotated({ ...stored, refreshToken: null });
    await this.store.recordRefused('joom', this.account, reason, grantRefused ? fingerprint(refreshToken) : null, new Date(this.now()));
    this.logger.warn(`joom refused the ${grantRefused ? 'refresh token' : 'client credentials'} (account ${this.account}): ${reason}`);
    throw new RemoteAuthUnavailableError('joom', `joom refused the refresh: ${reason}`, this.timing.refusedRetryAfterMs);
  }

  /**
   * The rotated refresh token is the only one that works now: losing it
   * would need a person, so a failed write is retried a few times (OA-3).
   */
  private async saveRotated(tokens: JoomStoredTokens): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.saveTokens('joom', this.account, tokens);
      } catch (error) {
        if (attempt >= 5) throw error;
        await sleep(200 * attempt);
      }
    }
  }

  /**
   * The stored refresh token; else the seed, unless the stored chain grew
   * from it (spent) or Joom refused it. So no token Joom refused or rotated
   * away is sent again, and a new seed from an operator is tried (OA-7).
   */
  private async usableRefreshToken(stored: JoomStoredTokens | null): Promise<string> {
    const seed = this.settings.seedRefreshToken;
    const state = await this.store.readState('joom', this.account);
    const refused = (token: string) => state?.status === 'refused' && state.refusedFingerprint === fingerprint(token);
    if (stored?.refreshToken && !refused(stored.refreshToken)) return stored.refreshToken;
    const seedSpent = stored?.seedFingerprint === fingerprint(seed);
    if (!seedSpent && !refused(seed)) return seed;
    throw new RemoteAuthUnavailableError(
      'joom',
      `joom has no usable refresh token (${state?.status === 'refused' ? `refused since ${state.since}: ${state.reason ?? 'no reason given'}` : 'the configured one is spent'}); set a new JOOM_REFRESH_TOKEN`,
      this.timing.refusedRetryAfterMs,
    );
  }

  /**
   * Usable without a refresh first: no known expiry, or more than
   * `refreshAheadMs` left — at most half the token's lifetime, so a
   * short-lived token is not refreshed on every call (OA-2).
   */
  private fresh({ issuedAt, expiresAt }: Omit<CachedToken, 'token'>): boolean {
    if (expiresAt === null) return true;
    const ahead = issuedAt === null ? this.timing.refreshAheadMs : Math.min(this.timing.refreshAheadMs, (expiresAt - issuedAt) / 2);
    return this.now() < expiresAt - ahead;
  }

  private adopt(tokens: JoomStoredTokens): string {
    return this.keep({ token: tokens.accessToken!, ...lifetimeOf(tokens) });
  }

  private keep(cached: CachedToken): string {
    this.cached = cached;
    return cached.token;
  }
}

const lifetimeOf = (tokens: JoomStoredTokens) => ({ issuedAt: tokens.accessIssuedAt, expiresAt: tokens.accessExpiresAt });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
