import { Logger } from '@nestjs/common';
import { RemoteAuthUnavailableError, RemoteTransientError } from '@app/adapters';
import { IssuedJoomTokens, JoomRefreshGrant, JoomRefreshRefusedError } from './joom-oauth.client';
import { DEFAULT_TOKEN_TIMING, JoomOAuthSettings, JoomRefresher, JoomTokenManager } from './joom-token.manager';
import { MemoryTokenStore } from './testing/memory-token-store';

const SECRET = 'client-secret-value-1';
const SEED = 'seed-refresh-token-1';

/** Plays Joom's refresh endpoint: rotates, refuses a used refresh token, counts calls. */
class FakeJoom implements JoomRefresher {
  live = SEED;
  calls: JoomRefreshGrant[] = [];
  delayMs = 20;
  expiresInMs: number | null = null;
  private issued = 0;

  async refresh(grant: JoomRefreshGrant): Promise<IssuedJoomTokens> {
    this.calls.push(grant);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (grant.refreshToken !== this.live) throw new JoomRefreshRefusedError(`Refresh token ${grant.refreshToken} is invalid (client ${grant.clientSecret})`, 400);
    this.issued += 1;
    this.live = `rt-${this.issued}`;
    return { accessToken: `at-${this.issued}`, refreshToken: this.live, expiresAt: this.expiresInMs === null ? null : Date.now() + this.expiresInMs };
  }
}

const settings = (overrides: Partial<JoomOAuthSettings> = {}): JoomOAuthSettings => ({
  clientId: 'app-1',
  clientSecret: SECRET,
  seedRefreshToken: SEED,
  initialAccessToken: 'static-token',
  ...overrides,
});

describe('JoomTokenManager', () => {
  let store: MemoryTokenStore;
  let joom: FakeJoom;
  const manager = (overrides: Partial<JoomOAuthSettings> = {}) => new JoomTokenManager('main', settings(overrides), store, joom, { ...DEFAULT_TOKEN_TIMING, pollMs: 5 });

  beforeEach(() => {
    store = new MemoryTokenStore();
    joom = new FakeJoom();
  });

  it('starts with the static token, and after a 401 refreshes with the seed and persists the rotation', async () => {
    const tokens = manager();
    expect(await tokens.current()).toBe('static-token');
    expect(await tokens.renewAfterRefusal('static-token')).toBe('at-1');
    expect(joom.calls).toEqual([{ clientId: 'app-1', clientSecret: SECRET, refreshToken: SEED }]);
    expect(store.tokens).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1', generation: 1 });
    expect(store.state).toMatchObject({ status: 'ok' });
    expect(await tokens.current()).toBe('at-1');

    // The next refresh sends the rotated token, never the seed again.
    expect(await tokens.renewAfterRefusal('at-1')).toBe('at-2');
    expect(joom.calls[1].refreshToken).toBe('rt-1');
    expect(store.tokens).toMatchObject({ refreshToken: 'rt-2', generation: 2 });
  });

  it('a restarted process uses the stored tokens, not the seed from its environment', async () => {
    await manager().renewAfterRefusal('static-token');
    const restarted = manager();
    expect(await restarted.current()).toBe('at-1');
    expect(await restarted.renewAfterRefusal('at-1')).toBe('at-2');
    expect(joom.calls.map((call) => call.refreshToken)).toEqual([SEED, 'rt-1']);
  });

  it('refreshes once for many concurrent 401s across processes (single flight, shared lock)', async () => {
    joom.delayMs = 50;
    const processes = [manager(), manager(), manager()];
    const renewed = await Promise.all(processes.flatMap((tokens) => Array.from({ length: 10 }, () => tokens.renewAfterRefusal('static-token'))));
    expect(new Set(renewed)).toEqual(new Set(['at-1']));
    expect(joom.calls).toHaveLength(1);
  });

  it('a process whose rejected token is older than the stored one only re-reads', async () => {
    const a = manager();
    const b = manager();
    expect(await b.current()).toBe('static-token');
    await a.renewAfterRefusal('static-token');
    const locksBefore = store.lockAttempts;
    expect(await b.renewAfterRefusal('static-token')).toBe('at-1');
    expect(joom.calls).toHaveLength(1);
    // Not even the lock: the stored token is newer than the refused one.
    expect(store.lockAttempts).toBe(locksBefore);
  });

  it('refreshes before a known expiry (60 s ahead), without waiting for a 401', async () => {
    joom.expiresInMs = 30 * 60_000;
    const tokens = manager();
    await tokens.renewAfterRefusal('static-token');
    // 30 s left of a 30 min token: inside the 60 s margin.
    store.tokens!.accessIssuedAt = Date.now() - 29.5 * 60_000;
    store.tokens!.accessExpiresAt = Date.now() + 30_000;
    const restarted = manager();
    expect(await restarted.current()).toBe('at-2');
    expect(joom.calls).toHaveLength(2);
  });

  it('a short-lived token is refreshed at half its life, not on every call', async () => {
    joom.expiresInMs = 10_000;
    const tokens = manager();
    await tokens.renewAfterRefusal('static-token');
    expect(await tokens.current()).toBe('at-1');
    expect(joom.calls).toHaveLength(1);
  });

  it('a refused refresh is transient for commands, recorded with its reason, and never shows a secret', async () => {
    joom.live = 'something-else';
    const logged: string[] = [];
    const spies = (['log', 'warn', 'error'] as const).map((level) => jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(String(args[0]))));
    try {
      const tokens = manager();
      const error = await tokens.renewAfterRefusal('static-token').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteAuthUnavailableError);
      expect(error).toBeInstanceOf(RemoteTransientError);
      expect((error as RemoteAuthUnavailableError).retryAfterMs).toBe(DEFAULT_TOKEN_TIMING.refusedRetryAfterMs);
      expect(store.state).toMatchObject({ status: 'refused', reason: expect.stringContaining('invalid') });
      for (const text of [(error as Error).message, JSON.stringify(store.state), ...logged]) {
        expect(text).not.toContain(SEED);
        expect(text).not.toContain(SECRET);
      }
      // The refused token is not sent again, by this process or another.
      await expect(manager().renewAfterRefusal('static-token')).rejects.toBeInstanceOf(RemoteAuthUnavailableError);
      expect(joom.calls).toHaveLength(1);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it('after a refusal, a new JOOM_REFRESH_TOKEN from an operator is tried and clears the state', async () => {
    joom.live = 'something-else';
    await manager()
      .renewAfterRefusal('static-token')
      .catch(() => undefined);
    joom.live = 'new-grant';
    expect(await manager({ seedRefreshToken: 'new-grant' }).renewAfterRefusal('static-token')).toBe('at-1');
    expect(store.state).toMatchObject({ status: 'ok' });
  });

  it('a stored refresh token Joom refuses is dropped, and the spent seed is never sent again either', async () => {
    await manager().renewAfterRefusal('static-token'); // the seed is rotated to rt-1, stored
    joom.live = 'revoked-by-joom';
    for (let run = 0; run < 3; run++) {
      await expect(manager().renewAfterRefusal('at-1')).rejects.toBeInstanceOf(RemoteAuthUnavailableError);
    }
    // One refused call with rt-1; neither rt-1 again nor the spent seed afterwards.
    expect(joom.calls.map((call) => call.refreshToken)).toEqual([SEED, 'rt-1']);
    expect(store.tokens?.refreshToken).toBeNull();
    joom.live = 'new-grant';
    expect(await manager({ seedRefreshToken: 'new-grant' }).renewAfterRefusal('at-1')).toBe('at-2');
  });

  it('a refused client (HTTP 401: wrong secret) leaves the refresh token usable once the secret is fixed', async () => {
    const real = joom.refresh.bind(joom);
    joom.refresh = async (grant) => {
      if (grant.clientSecret === SECRET) return real(grant);
      joom.calls.push(grant);
      throw new JoomRefreshRefusedError('invalid_client', 401);
    };
    await expect(manager({ clientSecret: 'typo' }).renewAfterRefusal('static-token')).rejects.toBeInstanceOf(RemoteAuthUnavailableError);
    expect(store.state).toMatchObject({ status: 'refused', refusedFingerprint: null });
    expect(await manager().renewAfterRefusal('static-token')).toBe('at-1');
    expect(joom.calls.map((call) => call.refreshToken)).toEqual([SEED, SEED]);
  });

  it('a refresh that fails for a moment (5xx) stays transient and leaves the grant as it was', async () => {
    joom.refresh = async () => {
      throw new RemoteTransientError('joom', 'joom answered 503: down', 503, null);
    };
    const error = await manager()
      .renewAfterRefusal('static-token')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteTransientError);
    expect(error).not.toBeInstanceOf(RemoteAuthUnavailableError);
    expect(store.state).toBeNull();
    expect(store.tokens).toBeNull();
  });

  it('without a static token, the first call refreshes', async () => {
    expect(await manager({ initialAccessToken: null }).current()).toBe('at-1');
  });
});
