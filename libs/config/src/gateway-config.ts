/** The validated, typed configuration every process reads (never `process.env` directly). */
export interface GatewayConfig {
  redisUrl: string;
  port: number;
  /** Accepted API keys; empty only in processes that serve no authenticated HTTP. */
  apiKeys: readonly string[];
  syncIntervalMs: number;
  logLevel: string;
  /** BullMQ key prefix (`bull` by default, the prefix other services' producers use). */
  queuePrefix: string;
  /**
   * Command steps per second each external system's queue starts, shared by
   * every worker (a BullMQ global rate limit). A step is one or two calls
   * (read, then write), and the channel's sync needs its share of the quota.
   */
  stepRateLimits: Record<ChannelName, number>;
  /**
   * The longest a single 429 (`Retry-After`, `X-Rate-Limit-Reset`) may pause
   * a queue, and the longest a Joom list call waits for its quota
   * (docs/api-decisions.md JO-8). Optional only so hand-built configs stay short: loadConfig sets it.
   */
  rateLimitMaxWaitMs?: number;
  channels: {
    joom: JoomConfig | null;
    akinon: AkinonConfig | null;
    flexport: FlexportConfig | null;
  };
}

export interface JoomConfig {
  apiVersion: 'v2' | 'v3';
  baseUrl: string;
  accessToken: string;
  account: string;
  /** v2 `shipping_time` sent with every `order/fulfill-one` (docs/api-decisions.md JO-1); default "5-15". */
  v2ShippingTime?: string;
  /** Currency of v2 amounts, which the document does not name (docs/api-decisions.md JO-4); default USD. */
  currency?: string;
  /** RATE_LIMIT_MAX_WAIT_MS: the longest a list call waits for its quota (docs/api-decisions.md JO-8). */
  maxRateLimitWaitMs?: number;
}

export interface AkinonConfig {
  baseUrl: string;
  apiToken: string;
  authScheme: 'Bearer' | 'Token';
  account: string;
}

export interface FlexportConfig {
  baseUrl: string;
  apiToken: string;
  account: string;
  /** Token Flexport webhooks must carry; null = the webhook endpoint refuses everything. */
  webhookToken?: string | null;
}

export type ChannelName = keyof GatewayConfig['channels'];

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
