import type { RoutingRules } from '@app/orders';
import type { AkinonLocations } from './akinon-locations';

/** The validated, typed configuration every process reads (never `process.env` directly). */
export interface GatewayConfig {
  redisUrl: string;
  port: number;
  /** `HOST`: the address the api and the worker's port listen on. Optional only so hand-built configs stay short (then 127.0.0.1). */
  host?: string;
  /** `WORKER_HTTP_PORT`: where the worker serves its health and metrics; null (or absent in hand-built configs): no HTTP. */
  workerHttpPort?: number | null;
  /** Accepted API keys; empty only in processes that serve no authenticated HTTP. */
  apiKeys: readonly string[];
  /**
   * `ADMIN_API_KEYS`: keys that may also change queues (the dashboard's write
   * actions, job retries). Empty or absent = nobody may; a key may be in both lists.
   */
  adminApiKeys?: readonly string[];
  /** `IDEMPOTENCY_TTL_SECONDS`: how long an Idempotency-Key's record lives. Optional only so hand-built configs stay short. */
  idempotencyTtlSeconds?: number;
  /** `METRICS_TOKEN`: the bearer token `/metrics` requires; null (or absent in hand-built configs) leaves it open. */
  metricsToken?: string | null;
  syncIntervalMs: number;
  /** `ROUTING_RULES_FILE`, read once at boot: what new ready orders are routed to (docs/api-decisions.md RT-1); null or absent = no routing. */
  routing?: RoutingRules | null;
  logLevel: string;
  /** BullMQ key prefix (`bull` by default, the prefix other services' producers use). */
  queuePrefix: string;
  /**
   * Command steps per second each external system's queue starts, shared by
   * every worker (a BullMQ global rate limit). A step is one or two calls
   * (read, then write), and the channel's sync needs its share of the quota.
   */
  stepRateLimits: Record<ChannelName, number>;
  /** Step jobs of a system in flight at once: each worker's concurrency and the queue's global cap. */
  stepConcurrency: Record<ChannelName, number>;
  /**
   * The longest a single 429 (`Retry-After`, `X-Rate-Limit-Reset`) may pause
   * a queue, and the longest a Joom list call waits for its quota
   * (docs/api-decisions.md JO-8). Optional only so hand-built configs stay short: loadConfig sets it.
   */
  rateLimitMaxWaitMs?: number;
  /** The per-system circuit breaker of the step queues. Optional only so hand-built configs stay short: loadConfig sets it. */
  circuit?: CircuitBreakerSettings;
  /** `COMMAND_RETRY_DELAY_MS`: a failed step's first retry delay, doubled at each retry. Optional like `circuit`. */
  commandRetryDelayMs?: number;
  /** `HISTORY_MAX_ENTRIES_PER_ORDER`: history entries kept per order, the oldest trimmed past it. Optional only so hand-built configs stay short. */
  historyMaxEntriesPerOrder?: number;
  /** `ORDER_EVENTS_MAX_LENGTH`: entries each order-events shard stream keeps (approximate trim). Optional only so hand-built configs stay short. */
  orderEventsMaxLength?: number;
  /** `SHIP_BY_AT_RISK_HOURS`: an unshipped order whose ship-by is closer than this is flagged `ship_by_at_risk`. Optional only so hand-built configs stay short. */
  shipByAtRiskHours?: number;
  /** `SHIP_BY_CHECK_INTERVAL_MS`: how often each worker looks for orders newly at risk. Optional like `shipByAtRiskHours`. */
  shipByCheckIntervalMs?: number;
  /** `ROUTING_RETRY_INTERVAL_MS`: how long an order routing could not decide waits before its next look (docs/api-decisions.md RT-3). */
  routingRetryIntervalMs?: number;
  /** `COMMAND_RATE_LIMIT_PER_MINUTE`: command requests per API key per minute across api processes; 0 = off. Absent = off (hand-built configs). */
  commandRateLimitPerMinute?: number;
  /** Limits of the api's HTTP server. Optional only so hand-built configs stay short: loadConfig sets it. */
  http?: HttpServerLimits;
  /** `JOOM_CARRIER_MAP`: carrier name → the name on Joom's accepted list to send (docs/api-decisions.md CA-3). */
  joomCarrierMap: Readonly<Record<string, string>>;
  /**
   * Every account of each sales channel, the environment's `main` first, then
   * `ACCOUNTS_FILE`'s (docs/api-decisions.md AC-1). `channels.joom` /
   * `channels.akinon` are the first of these. Optional only so hand-built
   * configs stay short: absent = just `channels`' one account (accountsOf).
   */
  accounts?: { joom: JoomConfig[]; akinon: AkinonConfig[] };
  /** Each channel's default account: the environment's `main`, else the first of ACCOUNTS_FILE; null = the channel is off. */
  channels: {
    joom: JoomConfig | null;
    akinon: AkinonConfig | null;
    flexport: FlexportConfig | null;
  };
}

/**
 * When a system's circuit opens and how long it holds that system's steps
 * (`CIRCUIT_FAILURE_THRESHOLD`, `CIRCUIT_OPEN_MS`, `CIRCUIT_MAX_OPEN_MS`).
 */
export interface CircuitBreakerSettings {
  /** Consecutive transient failures that open the circuit. */
  failureThreshold: number;
  /** The hold after opening, before one step probes (jittered down by up to a tenth). */
  openMs: number;
  /** Each failed probe doubles the hold, up to this. */
  maxOpenMs: number;
}

/** Timeouts and the connection cap of the api's HTTP server (node's, set through fastify). */
export interface HttpServerLimits {
  /** `HTTP_REQUEST_TIMEOUT_MS`: the whole request (headers and body) must arrive within this, or it gets a 408. */
  requestTimeoutMs: number;
  /** `HTTP_KEEP_ALIVE_TIMEOUT_MS`: idle time allowed between requests on a keep-alive connection. */
  keepAliveTimeoutMs: number;
  /** `HTTP_CONNECTION_TIMEOUT_MS`: a socket without any traffic this long is destroyed. */
  connectionTimeoutMs: number;
  /** `HTTP_MAX_CONNECTIONS`: connections open at once; more are closed as they are accepted. */
  maxConnections: number;
}

export interface JoomConfig {
  apiVersion: 'v2' | 'v3';
  baseUrl: string;
  /** `JOOM_ACCESS_TOKEN`: the static token, or with OAuth the one used until the first refresh. */
  accessToken: string | null;
  account: string;
  /** v2 `shipping_time` sent with every `order/fulfill-one` (docs/api-decisions.md JO-1); default "5-15". */
  v2ShippingTime?: string;
  /** Currency of v2 amounts, which the document does not name (docs/api-decisions.md JO-4); default USD. */
  currency?: string;
  /** RATE_LIMIT_MAX_WAIT_MS: the longest a list call waits for its quota (docs/api-decisions.md JO-8). */
  maxRateLimitWaitMs?: number;
  /** `JOOM_CLIENT_ID`, `JOOM_CLIENT_SECRET`, `JOOM_REFRESH_TOKEN` (the seed; the rotated token lives in Redis). */
  oauth?: JoomOAuthConfig | null;
  /** This account's own step rate (ACCOUNTS_FILE); absent = `stepRateLimits.joom` (docs/api-decisions.md AC-4). */
  stepsPerSecond?: number;
  /** This account's own step concurrency (ACCOUNTS_FILE); absent = `stepConcurrency.joom`. */
  stepConcurrency?: number;
}

export interface JoomOAuthConfig {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface AkinonConfig {
  baseUrl: string;
  apiToken: string;
  authScheme: 'Bearer' | 'Token';
  /**
   * Which header carries the token: the document's GET examples send
   * `Authentication`, its reject example `Authorization`; `both` (the
   * default) sends both on every call. docs/api-decisions.md AK-2.
   */
  authHeader: AkinonAuthHeader;
  account: string;
  /** `AKINON_LOCATIONS_FILE`, read once at boot: location uuid → name / country code (docs/api-decisions.md AK-6); null = none. */
  locations?: AkinonLocations | null;
  /** This account's own step rate (ACCOUNTS_FILE); absent = `stepRateLimits.akinon` (docs/api-decisions.md AC-4). */
  stepsPerSecond?: number;
  /** This account's own step concurrency (ACCOUNTS_FILE); absent = `stepConcurrency.akinon`. */
  stepConcurrency?: number;
}

export type AkinonAuthHeader = 'Authentication' | 'Authorization' | 'both';

export interface FlexportConfig {
  baseUrl: string;
  apiToken: string;
  account: string;
  /** Token Flexport webhooks must carry; null = the webhook endpoint refuses everything. */
  webhookToken?: string | null;
  /** HMAC-SHA256 key of the webhook body signature; null = no signature required (docs/api-decisions.md FX-7). */
  webhookSecret?: string | null;
  /** Header carrying `sha256=<hex>` (default X-Hub-Signature-256). */
  webhookSignatureHeader?: string;
  /** Flexport `source` on every create; null = omitted (docs/api-decisions.md FX-5). */
  orderSource?: string | null;
}

export type ChannelName = keyof GatewayConfig['channels'];

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
