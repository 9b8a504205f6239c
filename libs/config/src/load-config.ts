import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { PLACEABLE_HOLD_REASONS } from '@app/orders';
import { readAccountsFile } from './accounts-file';
import { readAkinonLocationsFile } from './akinon-locations';
import { EnvironmentSchema } from './environment.schema';
import { AkinonConfig, GatewayConfig, JoomConfig } from './gateway-config';
import { parseJoomCarrierMap } from './joom-carrier-map';
import { clusterUrlProblems, hasHashTag, isClusterUrl } from './redis-url';
import { readRoutingRulesFile } from './routing-rules-file';
import { DEFAULT_JOOM_V2_SHIPPING_TIME, shippingTimeProblem } from './shipping-time-range';

/** `HISTORY_MAX_ENTRIES_PER_ORDER` unset: the store's bound also for hand-built configs. */
export const DEFAULT_HISTORY_MAX_ENTRIES_PER_ORDER = 1_000;

/** `ORDER_EVENTS_MAX_LENGTH` unset: entries kept per shard stream, also for hand-built configs. */
export const DEFAULT_ORDER_EVENTS_MAX_LENGTH = 30_000;

/** `SHIP_BY_AT_RISK_HOURS` unset: hours before the ship-by an unshipped order is flagged, also for hand-built configs. */
export const DEFAULT_SHIP_BY_AT_RISK_HOURS = 24;

/** `SHIP_BY_CHECK_INTERVAL_MS` unset: how often each worker looks for orders newly at risk. */
export const DEFAULT_SHIP_BY_CHECK_INTERVAL_MS = 60_000;
/** `ROUTING_RETRY_INTERVAL_MS` unset: how long an order routing could not decide waits before its next look (docs/api-decisions.md RT-3). */
export const DEFAULT_ROUTING_RETRY_INTERVAL_MS = 60_000;

export const DEFAULTS = {
  redisUrl: 'redis://127.0.0.1:6379',
  port: 3000,
  host: '127.0.0.1',
  joomBaseUrl: 'https://api-merchant.joom.com',
  flexportBaseUrl: 'https://logistics-api.flexport.com/logistics/api/2024-04',
  syncIntervalMs: 60_000,
  account: 'main',
  stepRateLimits: { joom: 10, akinon: 10, flexport: 20 },
  stepConcurrency: { joom: 8, akinon: 8, flexport: 8 },
  joomV2ShippingTime: DEFAULT_JOOM_V2_SHIPPING_TIME,
  joomCurrency: 'USD',
  rateLimitMaxWaitMs: 60_000,
  circuit: { failureThreshold: 5, openMs: 30_000, maxOpenMs: 60_000 },
  commandRetryDelayMs: 1_000,
  idempotencyTtlSeconds: 7 * 24 * 3600,
  historyMaxEntriesPerOrder: DEFAULT_HISTORY_MAX_ENTRIES_PER_ORDER,
  commandRateLimitPerMinute: 6_000,
  http: { requestTimeoutMs: 25_000, keepAliveTimeoutMs: 72_000, connectionTimeoutMs: 60_000, maxConnections: 10_000 },
} as const;

/** Thrown when the environment is invalid; the message names variables, never values. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** Whether this process needs API_KEYS (the api does, the worker does not). */
  requireApiKeys?: boolean;
}

/**
 * Validates the environment once and turns it into a `GatewayConfig`.
 * A channel is enabled only when its credentials are present; Akinon has no
 * public host, so its base URL is required as soon as its token is set.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): GatewayConfig {
  const raw = plainToInstance(EnvironmentSchema, pickKnown(env));
  const problems = validateSync(raw, { forbidUnknownValues: false }).flatMap(describe);
  const apiKeys = keyList(raw.API_KEYS);
  const adminApiKeys = keyList(raw.ADMIN_API_KEYS);

  if (options.requireApiKeys && apiKeys.length === 0) problems.push('API_KEYS must list at least one key');
  if (apiKeys.some((key) => key.length < 16)) problems.push('API_KEYS entries must be at least 16 characters long');
  if (adminApiKeys.some((key) => key.length < 16)) problems.push('ADMIN_API_KEYS entries must be at least 16 characters long');
  problems.push(...joomOAuthProblems(raw));
  if (raw.AKINON_API_TOKEN && !raw.AKINON_BASE_URL) problems.push('AKINON_BASE_URL is required when AKINON_API_TOKEN is set');
  const shippingTime = raw.JOOM_V2_SHIPPING_TIME?.trim() ?? DEFAULTS.joomV2ShippingTime;
  const shippingTimeWrong = shippingTimeProblem(shippingTime);
  if (shippingTimeWrong) problems.push(`JOOM_V2_SHIPPING_TIME ${shippingTimeWrong}`);
  const redisUrl = raw.REDIS_URL ?? DEFAULTS.redisUrl;
  const cluster = isClusterUrl(redisUrl);
  if (cluster) problems.push(...clusterUrlProblems(redisUrl));
  if (cluster && raw.QUEUE_PREFIX && !hasHashTag(raw.QUEUE_PREFIX)) {
    problems.push('QUEUE_PREFIX must contain a hash tag such as {gw} when REDIS_URL is a redis+cluster:// URL');
  }
  const joomCarriers = parseJoomCarrierMap(raw.JOOM_CARRIER_MAP);
  problems.push(...joomCarriers.problems);
  // Read only for an enabled Akinon: the file is the worker's and the api's concern only then.
  const akinonLocations = raw.AKINON_API_TOKEN ? readAkinonLocationsFile(raw.AKINON_LOCATIONS_FILE) : { locations: null, problems: [] };
  problems.push(...akinonLocations.problems);
  const routing = readRoutingRulesFile(raw.ROUTING_RULES_FILE, PLACEABLE_HOLD_REASONS);
  problems.push(...routing.problems);
  const fileAccounts = readAccountsFile(raw.ACCOUNTS_FILE, {
    joomBaseUrl: trimSlash(raw.JOOM_BASE_URL ?? DEFAULTS.joomBaseUrl),
    joomV2ShippingTime: shippingTime,
    joomCurrency: raw.JOOM_CURRENCY ?? DEFAULTS.joomCurrency,
    maxRateLimitWaitMs: raw.RATE_LIMIT_MAX_WAIT_MS ?? DEFAULTS.rateLimitMaxWaitMs,
    akinonLocations: akinonLocations.locations,
  });
  problems.push(...fileAccounts.problems);
  const circuit = {
    failureThreshold: raw.CIRCUIT_FAILURE_THRESHOLD ?? DEFAULTS.circuit.failureThreshold,
    openMs: raw.CIRCUIT_OPEN_MS ?? DEFAULTS.circuit.openMs,
    maxOpenMs: raw.CIRCUIT_MAX_OPEN_MS ?? Math.max(DEFAULTS.circuit.maxOpenMs, raw.CIRCUIT_OPEN_MS ?? 0),
  };
  if (circuit.maxOpenMs < circuit.openMs) problems.push('CIRCUIT_MAX_OPEN_MS must not be below CIRCUIT_OPEN_MS');
  if (problems.length > 0) throw new ConfigError(problems);

  // The environment's single-account settings are account `main`; ACCOUNTS_FILE adds the others (docs/api-decisions.md AC-1).
  // Enabled by a static token, by the OAuth trio, or both (the token then serves until the first refresh).
  const envJoom: JoomConfig | null =
    raw.JOOM_ACCESS_TOKEN || raw.JOOM_REFRESH_TOKEN
      ? {
          apiVersion: raw.JOOM_API_VERSION ?? 'v3',
          baseUrl: trimSlash(raw.JOOM_BASE_URL ?? DEFAULTS.joomBaseUrl),
          accessToken: raw.JOOM_ACCESS_TOKEN ?? null,
          account: DEFAULTS.account,
          v2ShippingTime: shippingTime,
          currency: raw.JOOM_CURRENCY ?? DEFAULTS.joomCurrency,
          maxRateLimitWaitMs: raw.RATE_LIMIT_MAX_WAIT_MS ?? DEFAULTS.rateLimitMaxWaitMs,
          oauth: raw.JOOM_REFRESH_TOKEN ? { clientId: raw.JOOM_CLIENT_ID!, clientSecret: raw.JOOM_CLIENT_SECRET!, refreshToken: raw.JOOM_REFRESH_TOKEN } : null,
        }
      : null;
  const envAkinon: AkinonConfig | null =
    raw.AKINON_API_TOKEN && raw.AKINON_BASE_URL
      ? {
          baseUrl: trimSlash(raw.AKINON_BASE_URL),
          apiToken: raw.AKINON_API_TOKEN,
          authScheme: raw.AKINON_AUTH_SCHEME ?? 'Bearer',
          authHeader: raw.AKINON_AUTH_HEADER ?? 'both',
          account: DEFAULTS.account,
          locations: akinonLocations.locations,
        }
      : null;
  const joomAccounts = [...(envJoom ? [envJoom] : []), ...fileAccounts.accounts.joom];
  const akinonAccounts = [...(envAkinon ? [envAkinon] : []), ...fileAccounts.accounts.akinon];
  const clashes = [
    ...(envJoom && fileAccounts.accounts.joom.some((account) => account.account === DEFAULTS.account) ? ['joom'] : []),
    ...(envAkinon && fileAccounts.accounts.akinon.some((account) => account.account === DEFAULTS.account) ? ['akinon'] : []),
  ];
  for (const channel of clashes) problems.push(`ACCOUNTS_FILE ${channel}: account "main" is the environment's ${channel.toUpperCase()}_* settings; give the entry another id or drop those settings`);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    redisUrl,
    port: raw.PORT ?? DEFAULTS.port,
    host: raw.HOST ?? DEFAULTS.host,
    workerHttpPort: raw.WORKER_HTTP_PORT ?? null,
    apiKeys,
    adminApiKeys,
    idempotencyTtlSeconds: raw.IDEMPOTENCY_TTL_SECONDS ?? DEFAULTS.idempotencyTtlSeconds,
    metricsToken: raw.METRICS_TOKEN || null,
    syncIntervalMs: raw.SYNC_INTERVAL_MS ?? DEFAULTS.syncIntervalMs,
    logLevel: raw.LOG_LEVEL ?? 'info',
    // On a Cluster each queue's keys must share a slot: the default prefix gets a hash tag.
    queuePrefix: raw.QUEUE_PREFIX ?? (cluster ? '{bull}' : 'bull'),
    rateLimitMaxWaitMs: raw.RATE_LIMIT_MAX_WAIT_MS ?? DEFAULTS.rateLimitMaxWaitMs,
    circuit,
    commandRetryDelayMs: raw.COMMAND_RETRY_DELAY_MS ?? DEFAULTS.commandRetryDelayMs,
    historyMaxEntriesPerOrder: raw.HISTORY_MAX_ENTRIES_PER_ORDER ?? DEFAULTS.historyMaxEntriesPerOrder,
    orderEventsMaxLength: raw.ORDER_EVENTS_MAX_LENGTH ?? DEFAULT_ORDER_EVENTS_MAX_LENGTH,
    commandRateLimitPerMinute: raw.COMMAND_RATE_LIMIT_PER_MINUTE ?? DEFAULTS.commandRateLimitPerMinute,
    shipByAtRiskHours: raw.SHIP_BY_AT_RISK_HOURS ?? DEFAULT_SHIP_BY_AT_RISK_HOURS,
    shipByCheckIntervalMs: raw.SHIP_BY_CHECK_INTERVAL_MS ?? DEFAULT_SHIP_BY_CHECK_INTERVAL_MS,
    routingRetryIntervalMs: raw.ROUTING_RETRY_INTERVAL_MS ?? DEFAULT_ROUTING_RETRY_INTERVAL_MS,
    stepRateLimits: {
      joom: raw.JOOM_STEPS_PER_SECOND ?? DEFAULTS.stepRateLimits.joom,
      akinon: raw.AKINON_STEPS_PER_SECOND ?? DEFAULTS.stepRateLimits.akinon,
      flexport: raw.FLEXPORT_STEPS_PER_SECOND ?? DEFAULTS.stepRateLimits.flexport,
    },
    stepConcurrency: {
      joom: raw.JOOM_STEP_CONCURRENCY ?? DEFAULTS.stepConcurrency.joom,
      akinon: raw.AKINON_STEP_CONCURRENCY ?? DEFAULTS.stepConcurrency.akinon,
      flexport: raw.FLEXPORT_STEP_CONCURRENCY ?? DEFAULTS.stepConcurrency.flexport,
    },
    http: {
      requestTimeoutMs: raw.HTTP_REQUEST_TIMEOUT_MS ?? DEFAULTS.http.requestTimeoutMs,
      keepAliveTimeoutMs: raw.HTTP_KEEP_ALIVE_TIMEOUT_MS ?? DEFAULTS.http.keepAliveTimeoutMs,
      connectionTimeoutMs: raw.HTTP_CONNECTION_TIMEOUT_MS ?? DEFAULTS.http.connectionTimeoutMs,
      maxConnections: raw.HTTP_MAX_CONNECTIONS ?? DEFAULTS.http.maxConnections,
    },
    joomCarrierMap: joomCarriers.map,
    routing: routing.routing,
    accounts: { joom: joomAccounts, akinon: akinonAccounts },
    channels: {
      // Enabled by a static token, by the OAuth trio, or both (the token then serves until the first refresh).
      joom: joomAccounts[0] ?? null,
      akinon: akinonAccounts[0] ?? null,
      flexport: raw.FLEXPORT_API_TOKEN
        ? {
            baseUrl: trimSlash(raw.FLEXPORT_BASE_URL ?? DEFAULTS.flexportBaseUrl),
            apiToken: raw.FLEXPORT_API_TOKEN,
            account: DEFAULTS.account,
            webhookToken: raw.FLEXPORT_WEBHOOK_TOKEN ?? null,
            webhookSecret: raw.FLEXPORT_WEBHOOK_SECRET ?? null,
            webhookSignatureHeader: raw.FLEXPORT_WEBHOOK_SIGNATURE_HEADER ?? 'X-Hub-Signature-256',
            orderSource: raw.FLEXPORT_ORDER_SOURCE ?? null,
          }
        : null,
    },
  };
}

const VARIABLES = [
  'REDIS_URL',
  'PORT',
  'HOST',
  'WORKER_HTTP_PORT',
  'API_KEYS',
  'ADMIN_API_KEYS',
  'IDEMPOTENCY_TTL_SECONDS',
  'METRICS_TOKEN',
  'JOOM_API_VERSION',
  'JOOM_BASE_URL',
  'JOOM_ACCESS_TOKEN',
  'JOOM_V2_SHIPPING_TIME',
  'JOOM_CURRENCY',
  'JOOM_CLIENT_ID',
  'JOOM_CLIENT_SECRET',
  'JOOM_REFRESH_TOKEN',
  'AKINON_BASE_URL',
  'AKINON_API_TOKEN',
  'AKINON_AUTH_SCHEME',
  'AKINON_AUTH_HEADER',
  'AKINON_LOCATIONS_FILE',
  'ROUTING_RULES_FILE',
  'ACCOUNTS_FILE',
  'FLEXPORT_BASE_URL',
  'FLEXPORT_API_TOKEN',
  'SYNC_INTERVAL_MS',
  'LOG_LEVEL',
  'QUEUE_PREFIX',
  'FLEXPORT_WEBHOOK_TOKEN',
  'FLEXPORT_WEBHOOK_SECRET',
  'FLEXPORT_WEBHOOK_SIGNATURE_HEADER',
  'FLEXPORT_ORDER_SOURCE',
  'JOOM_STEPS_PER_SECOND',
  'AKINON_STEPS_PER_SECOND',
  'FLEXPORT_STEPS_PER_SECOND',
  'JOOM_STEP_CONCURRENCY',
  'AKINON_STEP_CONCURRENCY',
  'FLEXPORT_STEP_CONCURRENCY',
  'RATE_LIMIT_MAX_WAIT_MS',
  'CIRCUIT_FAILURE_THRESHOLD',
  'CIRCUIT_OPEN_MS',
  'CIRCUIT_MAX_OPEN_MS',
  'COMMAND_RETRY_DELAY_MS',
  'JOOM_CARRIER_MAP',
  'HTTP_REQUEST_TIMEOUT_MS',
  'HTTP_KEEP_ALIVE_TIMEOUT_MS',
  'HTTP_CONNECTION_TIMEOUT_MS',
  'HTTP_MAX_CONNECTIONS',
  'HISTORY_MAX_ENTRIES_PER_ORDER',
  'ORDER_EVENTS_MAX_LENGTH',
  'COMMAND_RATE_LIMIT_PER_MINUTE',
  'SHIP_BY_AT_RISK_HOURS',
  'SHIP_BY_CHECK_INTERVAL_MS',
  'ROUTING_RETRY_INTERVAL_MS',
] as const;

const JOOM_OAUTH_VARIABLES = ['JOOM_CLIENT_ID', 'JOOM_CLIENT_SECRET', 'JOOM_REFRESH_TOKEN'] as const;

/** The OAuth trio is all or nothing; the message names the missing variables, never a value. */
function joomOAuthProblems(raw: EnvironmentSchema): string[] {
  const missing = JOOM_OAUTH_VARIABLES.filter((name) => !raw[name]);
  if (missing.length === 0 || missing.length === JOOM_OAUTH_VARIABLES.length) return [];
  return [`${missing.join(', ')} must be set when any of ${JOOM_OAUTH_VARIABLES.join(', ')} is set (Joom OAuth needs all three)`];
}

function pickKnown(env: NodeJS.ProcessEnv): Record<string, string> {
  // Empty strings count as unset, the way shells and compose files leave them.
  const picked: Record<string, string> = {};
  for (const name of VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  return picked;
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {});
  return [...own, ...(error.children ?? []).flatMap(describe)];
}

function keyList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
