/**
 * Where the rotated tokens, the refresh lock and the auth state live, shared
 * by every process (docs/api-decisions.md OA-3, OA-4). `ChannelAuthStore`
 * (libs/store) is the Redis one; the shapes here match it structurally, so
 * this library needs no store import.
 */
export interface JoomStoredTokens {
  accessToken: string | null;
  accessIssuedAt: number | null;
  accessExpiresAt: number | null;
  refreshToken: string | null;
  /** Fingerprint of the `JOOM_REFRESH_TOKEN` seed this chain of rotations grew from: that seed is spent (OA-7). */
  seedFingerprint: string | null;
  generation: number;
}

export interface JoomAuthState {
  status: 'ok' | 'refused';
  reason: string | null;
  since: string;
  refusedFingerprint: string | null;
}

export interface JoomTokenStore {
  readTokens(channel: 'joom', account: string): Promise<JoomStoredTokens | null>;
  saveTokens(channel: 'joom', account: string, tokens: JoomStoredTokens): Promise<void>;
  tryLock(channel: 'joom', account: string, owner: string, ttlMs: number): Promise<boolean>;
  unlock(channel: 'joom', account: string, owner: string): Promise<void>;
  readState(channel: 'joom', account: string): Promise<JoomAuthState | null>;
  recordOk(channel: 'joom', account: string, at: Date): Promise<void>;
  recordRefused(channel: 'joom', account: string, reason: string, refusedFingerprint: string | null, at: Date): Promise<void>;
}
