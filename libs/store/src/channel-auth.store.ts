import { Inject, Injectable } from '@nestjs/common';
import { Channel } from '@app/orders';
import { luaScript, runLuaScript } from './lua-script';
import { redisCall } from './redis-call';
import { RedisClient } from './redis-client.factory';
import { REDIS_CLIENT } from './redis.tokens';

/**
 * The OAuth tokens of one channel account, shared by every api and worker
 * process (docs/api-decisions.md OA-3). `refreshToken` is the newest one the
 * marketplace issued: the one before it no longer works.
 */
export interface StoredChannelTokens {
  accessToken: string | null;
  /** When the access token was issued and expires (epoch ms); expiry null when the marketplace did not say. */
  accessIssuedAt: number | null;
  accessExpiresAt: number | null;
  refreshToken: string | null;
  /** Incremented by every refresh. */
  /** Fingerprint of the seed refresh token the stored chain grew from (spent: never sent again). */
  seedFingerprint: string | null;
  generation: number;
}

/**
 * What the last refresh said, for `/health/ready` and `/metrics`
 * (docs/api-decisions.md OA-6). Never holds a token: `refusedFingerprint`
 * is a short hash of the refused refresh token, to tell a new one apart.
 */
export interface ChannelAuthState {
  status: 'ok' | 'refused';
  reason: string | null;
  /** When the status last changed (ISO time). */
  since: string;
  refreshedAt: string | null;
  refusedFingerprint: string | null;
}

/**
 * Key layout, one hash tag per channel account so the three keys share a slot
 * on Redis Cluster (the unlock script reads one, the refresh writes two):
 *
 *   gw:auth:{auth-joom-main}:tokens   hash   access, accessIssuedAt, accessExpiresAt, refresh, seed, generation
 *   gw:auth:{auth-joom-main}:state    hash   status, reason, since, refreshedAt, refusedFingerprint
 *   gw:auth:{auth-joom-main}:lock     string the refreshing process's random token (SET NX PX)
 */
export const channelAuthKeys = {
  tokens: (channel: Channel, account: string) => `gw:auth:${tag(channel, account)}:tokens`,
  state: (channel: Channel, account: string) => `gw:auth:${tag(channel, account)}:state`,
  lock: (channel: Channel, account: string) => `gw:auth:${tag(channel, account)}:lock`,
};

const tag = (channel: Channel, account: string) => `{auth-${channel}-${account}}`;

/** The systems whose calls carry configured credentials (the marketplaces and Flexport). */
export type CredentialedSystem = Channel | 'flexport';
/** A system's credentials: account main's are the system's own (`joom`), another account's `joom.<account>` (docs/api-decisions.md AC-3). */
export type Credentials = CredentialedSystem | `${'joom' | 'akinon'}.${string}`;

/**
 * Whether a system accepted the gateway's credentials on its latest calls
 * (any HTTP answer but 401) or refused them (401), and when. Kept apart from
 * the OAuth state: a static token (JOOM_ACCESS_TOKEN, AKINON_API_TOKEN,
 * FLEXPORT_API_TOKEN) has no refresh that could record a refusal.
 *
 *   gw:auth:{calls-joom}   hash   refusedAt, acceptedAt (ISO times; the newer one wins)
 *   gw:auth:{calls-joom.eu}       the same, for another account's credentials
 */
export const callAuthKey = (system: Credentials) => `gw:auth:{calls-${system}}`;

export interface CallAuthState {
  refusedAt: string | null;
  acceptedAt: string | null;
}

/** Deletes the lock only when it still holds the caller's token: a lock that expired and was taken by another process stays theirs. */
const UNLOCK = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * Redis home of channel OAuth tokens, the cross-process refresh lock and the
 * auth state (docs/api-decisions.md OA-3, OA-4, OA-6).
 */
@Injectable()
export class ChannelAuthStore {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async readTokens(channel: Channel, account: string): Promise<StoredChannelTokens | null> {
    const hash = await redisCall(() => this.redis.hgetall(channelAuthKeys.tokens(channel, account)));
    if (!hash || Object.keys(hash).length === 0) return null;
    return {
      accessToken: hash.access || null,
      accessIssuedAt: epochMs(hash.accessIssuedAt),
      accessExpiresAt: epochMs(hash.accessExpiresAt),
      refreshToken: hash.refresh || null,
      seedFingerprint: hash.seed || null,
      generation: Number(hash.generation) || 0,
    };
  }

  /** Saves what a refresh returned; written before the lock is released so waiters read it. */
  async saveTokens(channel: Channel, account: string, tokens: StoredChannelTokens): Promise<void> {
    await redisCall(() =>
      this.redis.hset(channelAuthKeys.tokens(channel, account), {
        access: tokens.accessToken ?? '',
        accessIssuedAt: tokens.accessIssuedAt === null ? '' : String(tokens.accessIssuedAt),
        accessExpiresAt: tokens.accessExpiresAt === null ? '' : String(tokens.accessExpiresAt),
        refresh: tokens.refreshToken ?? '',
        seed: tokens.seedFingerprint ?? '',
        generation: String(tokens.generation),
      }),
    );
  }

  /** SET NX PX: true when this caller now holds the refresh lock. */
  async tryLock(channel: Channel, account: string, owner: string, ttlMs: number): Promise<boolean> {
    const answer = await redisCall(() => this.redis.set(channelAuthKeys.lock(channel, account), owner, 'PX', ttlMs, 'NX'));
    return answer === 'OK';
  }

  async unlock(channel: Channel, account: string, owner: string): Promise<void> {
    await redisCall(() => runLuaScript(this.redis, UNLOCK, [channelAuthKeys.lock(channel, account)], [owner]));
  }

  async isLocked(channel: Channel, account: string): Promise<boolean> {
    return (await redisCall(() => this.redis.exists(channelAuthKeys.lock(channel, account)))) === 1;
  }

  async readState(channel: Channel, account: string): Promise<ChannelAuthState | null> {
    const hash = await redisCall(() => this.redis.hgetall(channelAuthKeys.state(channel, account)));
    if (!hash || (hash.status !== 'ok' && hash.status !== 'refused')) return null;
    return {
      status: hash.status,
      reason: hash.reason || null,
      since: hash.since ?? '',
      refreshedAt: hash.refreshedAt || null,
      refusedFingerprint: hash.refusedFingerprint || null,
    };
  }

  /** A refresh succeeded: the channel is ok (again). */
  async recordOk(channel: Channel, account: string, at: Date): Promise<void> {
    const previous = await this.readState(channel, account);
    const since = previous?.status === 'ok' ? previous.since : at.toISOString();
    await redisCall(() => this.redis.hset(channelAuthKeys.state(channel, account), { status: 'ok', reason: '', since, refreshedAt: at.toISOString(), refusedFingerprint: '' }));
  }

  /** The marketplace refused the refresh (`refusedFingerprint`: the refused refresh token's, null when the client itself was refused); `reason` must already be free of secrets. */
  async recordRefused(channel: Channel, account: string, reason: string, refusedFingerprint: string | null, at: Date): Promise<void> {
    const previous = await this.readState(channel, account);
    const since = previous?.status === 'refused' ? previous.since : at.toISOString();
    await redisCall(() => this.redis.hset(channelAuthKeys.state(channel, account), { status: 'refused', reason, since, refusedFingerprint: refusedFingerprint ?? '' }));
  }

  async readCallAuth(system: Credentials): Promise<CallAuthState | null> {
    const hash = await redisCall(() => this.redis.hgetall(callAuthKey(system)));
    if (!hash || Object.keys(hash).length === 0) return null;
    return { refusedAt: hash.refusedAt || null, acceptedAt: hash.acceptedAt || null };
  }

  /** The system answered 401 to a call made with the configured credentials. */
  async recordCallRefused(system: Credentials, at: Date): Promise<void> {
    await redisCall(() => this.redis.hset(callAuthKey(system), 'refusedAt', at.toISOString()));
  }

  /** A call went through with the configured credentials. */
  async recordCallAccepted(system: Credentials, at: Date): Promise<void> {
    await redisCall(() => this.redis.hset(callAuthKey(system), 'acceptedAt', at.toISOString()));
  }
}

/** Readiness: refused when the latest 401 is newer than the latest accepted call. */
export function credentialsRefused(state: CallAuthState | null): boolean {
  if (!state?.refusedAt) return false;
  return !state.acceptedAt || Date.parse(state.acceptedAt) < Date.parse(state.refusedAt);
}

function epochMs(value: string | undefined): number | null {
  const ms = Number(value);
  return value && Number.isFinite(ms) ? ms : null;
}
