import { JoomAuthState, JoomStoredTokens, JoomTokenStore } from '../joom-token.store';

/** The Redis store's behaviour in memory, shared by several managers in one spec as by several processes. */
export class MemoryTokenStore implements JoomTokenStore {
  tokens: JoomStoredTokens | null = null;
  state: JoomAuthState | null = null;
  private lock: { owner: string; until: number } | null = null;
  /** How many times a process asked for the refresh lock. */
  lockAttempts = 0;

  async readTokens(): Promise<JoomStoredTokens | null> {
    return this.tokens ? { ...this.tokens } : null;
  }

  async saveTokens(_channel: 'joom', _account: string, tokens: JoomStoredTokens): Promise<void> {
    this.tokens = { ...tokens };
  }

  async tryLock(_channel: 'joom', _account: string, owner: string, ttlMs: number): Promise<boolean> {
    this.lockAttempts += 1;
    if (this.lock && this.lock.until > Date.now()) return false;
    this.lock = { owner, until: Date.now() + ttlMs };
    return true;
  }

  async unlock(_channel: 'joom', _account: string, owner: string): Promise<void> {
    if (this.lock?.owner === owner) this.lock = null;
  }

  async readState(): Promise<JoomAuthState | null> {
    return this.state ? { ...this.state } : null;
  }

  async recordOk(_channel: 'joom', _account: string, at: Date): Promise<void> {
    this.state = { status: 'ok', reason: null, since: at.toISOString(), refusedFingerprint: null };
  }

  async recordRefused(_channel: 'joom', _account: string, reason: string, refusedFingerprint: string | null, at: Date): Promise<void> {
    this.state = { status: 'refused', reason, since: this.state?.status === 'refused' ? this.state.since : at.toISOString(), refusedFingerprint };
  }
}
