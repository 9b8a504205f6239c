import { ConfigError, DEFAULTS, loadConfig } from './load-config';

const SECRET = 'super-secret-token-value';

function problemsOf(env: Record<string, string>, options = {}): string {
  try {
    loadConfig(env, options);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies documented defaults and disables channels without credentials', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBe(DEFAULTS.redisUrl);
    expect(config.port).toBe(3000);
    expect(config.channels).toEqual({ joom: null, akinon: null, flexport: null });
  });

  it('enables a channel when its token is set and trims base URL slashes', () => {
    const config = loadConfig({ JOOM_ACCESS_TOKEN: SECRET, JOOM_BASE_URL: 'http://127.0.0.1:4000/', JOOM_API_VERSION: 'v2' });
    expect(config.channels.joom).toEqual({
      apiVersion: 'v2',
      baseUrl: 'http://127.0.0.1:4000',
      accessToken: SECRET,
      account: 'main',
      oauth: null,
      v2ShippingTime: '5-15',
      currency: 'USD',
      maxRateLimitWaitMs: 60_000,
    });
  });

  it('caps rate-limit waits at 60 s unless RATE_LIMIT_MAX_WAIT_MS says otherwise', () => {
    expect([loadConfig({}).rateLimitMaxWaitMs, loadConfig({ RATE_LIMIT_MAX_WAIT_MS: '5000' }).rateLimitMaxWaitMs]).toEqual([60_000, 5000]);
  });

  it('bounds growth: 1000 history entries per order, 30,000 events per shard stream, 6000 commands per key a minute unless set (0: no limit)', () => {
    const pick = ({ historyMaxEntriesPerOrder, orderEventsMaxLength, commandRateLimitPerMinute }: ReturnType<typeof loadConfig>) => [
      historyMaxEntriesPerOrder,
      orderEventsMaxLength,
      commandRateLimitPerMinute,
    ];
    expect(pick(loadConfig({}))).toEqual([1_000, 30_000, 6_000]);
    expect(pick(loadConfig({ HISTORY_MAX_ENTRIES_PER_ORDER: '50', ORDER_EVENTS_MAX_LENGTH: '250000', COMMAND_RATE_LIMIT_PER_MINUTE: '0' }))).toEqual([50, 250_000, 0]);
  });

  it.each([
    [{ HISTORY_MAX_ENTRIES_PER_ORDER: '0' }, 'HISTORY_MAX_ENTRIES_PER_ORDER'],
    [{ HISTORY_MAX_ENTRIES_PER_ORDER: '12.5' }, 'HISTORY_MAX_ENTRIES_PER_ORDER'],
    [{ ORDER_EVENTS_MAX_LENGTH: '999' }, 'ORDER_EVENTS_MAX_LENGTH'],
    [{ COMMAND_RATE_LIMIT_PER_MINUTE: '-1' }, 'COMMAND_RATE_LIMIT_PER_MINUTE'],
    [{ COMMAND_RATE_LIMIT_PER_MINUTE: 'lots' }, 'COMMAND_RATE_LIMIT_PER_MINUTE'],
  ])('refuses the growth bound %j naming %s', (env, variable) => {
    expect(problemsOf(env)).toContain(variable);
  });

  it('limits the api HTTP server: 30 s per request, 72 s keep-alive, 60 s idle socket, 10,000 connections unless set', () => {
    expect(loadConfig({}).http).toEqual({ requestTimeoutMs: 25_000, keepAliveTimeoutMs: 72_000, connectionTimeoutMs: 60_000, maxConnections: 10_000 });
    const env = { HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000', HTTP_CONNECTION_TIMEOUT_MS: '9000', HTTP_MAX_CONNECTIONS: '20' };
    expect(loadConfig(env).http).toEqual({ requestTimeoutMs: 2000, keepAliveTimeoutMs: 5000, connectionTimeoutMs: 9000, maxConnections: 20 });
  });

  it.each([
    [{ HTTP_REQUEST_TIMEOUT_MS: '0' }, 'HTTP_REQUEST_TIMEOUT_MS'],
    [{ HTTP_REQUEST_TIMEOUT_MS: '30s' }, 'HTTP_REQUEST_TIMEOUT_MS'],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: '999' }, 'HTTP_KEEP_ALIVE_TIMEOUT_MS'],
    [{ HTTP_CONNECTION_TIMEOUT_MS: '-1' }, 'HTTP_CONNECTION_TIMEOUT_MS'],
    [{ HTTP_MAX_CONNECTIONS: '0' }, 'HTTP_MAX_CONNECTIONS'],
    [{ HTTP_MAX_CONNECTIONS: 'many' }, 'HTTP_MAX_CONNECTIONS'],
  ])('refuses the HTTP limit %j naming %s (0 would mean "no limit" to node)', (env, variable) => {
    expect(problemsOf(env)).toContain(variable);
  });

  it('reads the Joom v2 shipping time and currency (docs/api-decisions.md JO-1, JO-4)', () => {
    const joom = loadConfig({ JOOM_ACCESS_TOKEN: SECRET, JOOM_V2_SHIPPING_TIME: '2-7', JOOM_CURRENCY: 'EUR' }).channels.joom;
    expect(joom).toEqual(expect.objectContaining({ v2ShippingTime: '2-7', currency: 'EUR' }));
  });

  it.each(['1-5', '0-2', '9-5', '5', 'five-ten', '5-15 days'])('refuses JOOM_V2_SHIPPING_TIME=%s, naming the variable', (value) => {
    expect(problemsOf({ JOOM_V2_SHIPPING_TIME: value })).toContain('JOOM_V2_SHIPPING_TIME');
  });

  it('enables Joom with the OAuth trio alone, without a static token', () => {
    const config = loadConfig({ JOOM_CLIENT_ID: 'app-1', JOOM_CLIENT_SECRET: SECRET, JOOM_REFRESH_TOKEN: `${SECRET}-rt` });
    expect(config.channels.joom).toMatchObject({ accessToken: null, oauth: { clientId: 'app-1', clientSecret: SECRET, refreshToken: `${SECRET}-rt` } });
  });

  it.each([
    [{ JOOM_CLIENT_ID: 'app-1' }, ['JOOM_CLIENT_SECRET', 'JOOM_REFRESH_TOKEN']],
    [{ JOOM_REFRESH_TOKEN: SECRET, JOOM_ACCESS_TOKEN: SECRET }, ['JOOM_CLIENT_ID', 'JOOM_CLIENT_SECRET']],
    [{ JOOM_CLIENT_ID: 'app-1', JOOM_CLIENT_SECRET: SECRET }, ['JOOM_REFRESH_TOKEN']],
  ])('refuses an incomplete OAuth trio %j naming %j, never a value', (env, missing) => {
    const message = problemsOf(env);
    for (const name of missing) expect(message).toContain(name);
    expect(message).not.toContain(SECRET);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ JOOM_API_VERSION: 'v9' }, 'JOOM_API_VERSION'],
    [{ JOOM_BASE_URL: 'not a url' }, 'JOOM_BASE_URL'],
    [{ SYNC_INTERVAL_MS: '10' }, 'SYNC_INTERVAL_MS'],
    [{ AKINON_API_TOKEN: SECRET }, 'AKINON_BASE_URL'],
    [{ REDIS_URL: 'redis+cluster://127.0.0.1:7000', QUEUE_PREFIX: 'gw' }, 'QUEUE_PREFIX'],
    [{ JOOM_STEPS_PER_SECOND: '0' }, 'JOOM_STEPS_PER_SECOND'],
    [{ FLEXPORT_STEPS_PER_SECOND: 'fast' }, 'FLEXPORT_STEPS_PER_SECOND'],
    [{ AKINON_AUTH_HEADER: 'X-Token' }, 'AKINON_AUTH_HEADER'],
    [{ JOOM_CURRENCY: 'usd' }, 'JOOM_CURRENCY'],
    [{ RATE_LIMIT_MAX_WAIT_MS: '10' }, 'RATE_LIMIT_MAX_WAIT_MS'],
    [{ CIRCUIT_FAILURE_THRESHOLD: '0' }, 'CIRCUIT_FAILURE_THRESHOLD'],
    [{ CIRCUIT_OPEN_MS: '50' }, 'CIRCUIT_OPEN_MS'],
    [{ CIRCUIT_OPEN_MS: '5000', CIRCUIT_MAX_OPEN_MS: '1000' }, 'CIRCUIT_MAX_OPEN_MS'],
    [{ COMMAND_RETRY_DELAY_MS: 'soon' }, 'COMMAND_RETRY_DELAY_MS'],
    [{ REDIS_URL: 'redis+cluster://127.0.0.1:x,127.0.0.1:7001' }, 'REDIS_URL'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(problemsOf(env)).toContain(variable);
  });

  it('opens a circuit after 5 transient failures for 30 s (60 s at most) and retries steps from 1 s, unless told otherwise', () => {
    expect(loadConfig({}).circuit).toEqual({ failureThreshold: 5, openMs: 30_000, maxOpenMs: 60_000 });
    expect(loadConfig({}).commandRetryDelayMs).toBe(1_000);
    const tuned = loadConfig({ CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_OPEN_MS: '500', CIRCUIT_MAX_OPEN_MS: '2000', COMMAND_RETRY_DELAY_MS: '50' });
    expect([tuned.circuit, tuned.commandRetryDelayMs]).toEqual([{ failureThreshold: 3, openMs: 500, maxOpenMs: 2000 }, 50]);
    // A hold longer than the default cap raises the cap with it.
    expect(loadConfig({ CIRCUIT_OPEN_MS: '120000' }).circuit!.maxOpenMs).toBe(120_000);
  });

  it('never prints a secret value in its message', () => {
    const message = problemsOf({ API_KEYS: 'short', JOOM_BASE_URL: SECRET, AKINON_API_TOKEN: SECRET });
    expect(message).toContain('API_KEYS');
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('short');
  });

  it('reads METRICS_TOKEN, at least 16 characters, without echoing a short one', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 'metrics-token-0123456789' }).metricsToken).toBe('metrics-token-0123456789');
    const message = problemsOf({ METRICS_TOKEN: 'short-token' });
    expect(message).toContain('METRICS_TOKEN must be at least 16 characters long');
    expect(message).not.toContain('short-token');
  });

  it('reads WORKER_HTTP_PORT, a port or nothing', () => {
    expect(loadConfig({}).workerHttpPort).toBeNull();
    expect(loadConfig({ WORKER_HTTP_PORT: '3001' }).workerHttpPort).toBe(3001);
    expect(problemsOf({ WORKER_HTTP_PORT: 'http' })).toContain('WORKER_HTTP_PORT');
    expect(problemsOf({ WORKER_HTTP_PORT: '70000' })).toContain('WORKER_HTTP_PORT');
  });

  it('reads HOST, the listen address: loopback unless told, empty as unset, an address or a host name', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    for (const host of ['0.0.0.0', '::', '::1', '10.1.2.3', 'localhost', 'api.internal']) expect(loadConfig({ HOST: host }).host).toBe(host);
    for (const bad of ['http://0.0.0.0', '0.0.0.0:3000', 'a b', '-x']) expect(problemsOf({ HOST: bad })).toContain('HOST must be an IP address');
  });

  it('reads SHIP_BY_AT_RISK_HOURS and SHIP_BY_CHECK_INTERVAL_MS: 24 h and a minute unless told, whole numbers in range', () => {
    expect([loadConfig({}).shipByAtRiskHours, loadConfig({}).shipByCheckIntervalMs]).toEqual([24, 60_000]);
    const tuned = loadConfig({ SHIP_BY_AT_RISK_HOURS: '48', SHIP_BY_CHECK_INTERVAL_MS: '5000' });
    expect([tuned.shipByAtRiskHours, tuned.shipByCheckIntervalMs]).toEqual([48, 5_000]);
    for (const bad of ['0', '1.5', 'soon', '100000']) expect(problemsOf({ SHIP_BY_AT_RISK_HOURS: bad })).toContain('SHIP_BY_AT_RISK_HOURS');
    expect(problemsOf({ SHIP_BY_CHECK_INTERVAL_MS: '10' })).toContain('SHIP_BY_CHECK_INTERVAL_MS');
  });

  it('requires API keys only where asked', () => {
    expect(problemsOf({}, { requireApiKeys: true })).toContain('API_KEYS must list at least one key');
    expect(loadConfig({ API_KEYS: 'k'.repeat(16) + ', ' + 'z'.repeat(20) }, { requireApiKeys: true }).apiKeys).toHaveLength(2);
  });

  it('reads ADMIN_API_KEYS apart from API_KEYS: none by default, a key may be in both, a short one named but never echoed', () => {
    const api = 'a'.repeat(16);
    const admin = 'admin-key-0123456789';
    expect(loadConfig({ API_KEYS: api }).adminApiKeys).toEqual([]);
    expect(loadConfig({ API_KEYS: api, ADMIN_API_KEYS: '' }).adminApiKeys).toEqual([]);
    expect(loadConfig({ API_KEYS: `${api},${admin}`, ADMIN_API_KEYS: ` ${admin} ` })).toMatchObject({ apiKeys: [api, admin], adminApiKeys: [admin] });
    const message = problemsOf({ API_KEYS: api, ADMIN_API_KEYS: `${admin},tiny-admin` });
    expect(message).toContain('ADMIN_API_KEYS entries must be at least 16 characters long');
    expect(message).not.toContain('tiny-admin');
    expect(message).not.toContain(admin);
  });

  it('remembers idempotency keys 7 days unless IDEMPOTENCY_TTL_SECONDS says otherwise, within 60 s … 366 days', () => {
    expect(loadConfig({}).idempotencyTtlSeconds).toBe(7 * 24 * 3600);
    expect(loadConfig({ IDEMPOTENCY_TTL_SECONDS: '86400' }).idempotencyTtlSeconds).toBe(86_400);
    for (const value of ['59', '31708801', 'week', '1.5']) expect(problemsOf({ IDEMPOTENCY_TTL_SECONDS: value })).toContain('IDEMPOTENCY_TTL_SECONDS');
  });

  it('gives queues a hash-tagged prefix on a Redis Cluster, and keeps an explicit one', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).queuePrefix).toBe('bull');
    expect(loadConfig({ REDIS_URL: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001' }).queuePrefix).toBe('{bull}');
    expect(loadConfig({ REDIS_URL: 'redis+cluster://127.0.0.1:7000', QUEUE_PREFIX: 'gw-{prod}' }).queuePrefix).toBe('gw-{prod}');
  });

  it('does not echo cluster credentials when the URL is wrong', () => {
    expect(problemsOf({ REDIS_URL: `redis+cluster://user:${SECRET}@127.0.0.1:bad` })).not.toContain(SECRET);
  });

  it('reads the per-system step rates, with defaults that leave room in Joom quota for the sync', () => {
    expect(loadConfig({}).stepRateLimits).toEqual({ joom: 10, akinon: 10, flexport: 20 });
    expect(loadConfig({ JOOM_STEPS_PER_SECOND: '25' }).stepRateLimits.joom).toBe(25);
  });

  it('sends the Akinon token in both documented headers unless told otherwise (docs/api-decisions.md AK-2)', () => {
    const akinon = { AKINON_BASE_URL: 'http://127.0.0.1:4000', AKINON_API_TOKEN: SECRET };
    expect(loadConfig(akinon).channels.akinon).toMatchObject({ authScheme: 'Bearer', authHeader: 'both' });
    expect(loadConfig({ ...akinon, AKINON_AUTH_HEADER: 'Authorization', AKINON_AUTH_SCHEME: 'Token' }).channels.akinon).toMatchObject({ authScheme: 'Token', authHeader: 'Authorization' });
  });
});
