import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every environment variable the gateway reads, validated once at
 * boot. Class-validator's default messages name the property and the rule,
 * never the value, so a bad secret is never echoed back.
 */
export class EnvironmentSchema {
  @IsOptional()
  @Matches(/^rediss?(\+cluster)?:\/\/\S+$/, { message: 'REDIS_URL must be a redis://, rediss:// or redis+cluster:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  /** The address the api and the worker's port listen on (default 127.0.0.1; the image sets 0.0.0.0): an IP address or a host name. */
  @IsOptional()
  @IsString()
  // A host name or IPv4 address (labels of letters, digits and inner hyphens), or an IPv6 address (two colons at least).
  @Matches(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|(?=[^:]*:[^:]*:)[0-9A-Fa-f:.]{2,45})$/, {
    message: 'HOST must be an IP address (0.0.0.0, ::) or a host name',
  })
  HOST?: string;

  /** The worker's own HTTP port (`/health/live`, `/health/ready`, `/metrics`); unset: the worker serves no HTTP. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HTTP_PORT?: number;

  /** Comma-separated API keys accepted as `Authorization: Bearer <key>`. */
  @IsOptional()
  @IsString()
  API_KEYS?: string;

  /** Comma-separated admin keys: the queue dashboard's write actions and job retries, besides everything an API key may do. */
  @IsOptional()
  @IsString()
  ADMIN_API_KEYS?: string;

  /** How long an Idempotency-Key is remembered, whatever happens to its job (default 604800 = 7 days). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(366 * 24 * 3600)
  IDEMPOTENCY_TTL_SECONDS?: number;

  /** When set, `/metrics` answers only `Authorization: Bearer <METRICS_TOKEN>` (API keys do not open it). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters long' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsIn(['v2', 'v3'])
  JOOM_API_VERSION?: 'v2' | 'v3';

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  JOOM_BASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  JOOM_ACCESS_TOKEN?: string;

  /** Joom v2 `shipping_time` sent with every fulfil, "a-b" days (checked in loadConfig; docs/api-decisions.md JO-1). */
  @IsOptional()
  @IsString()
  JOOM_V2_SHIPPING_TIME?: string;

  /** The currency of Joom v2 amounts, which the document does not name (docs/api-decisions.md JO-4). */
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'JOOM_CURRENCY must be an ISO 4217 code such as USD' })
  JOOM_CURRENCY?: string;
  /** Joom OAuth app and grant (docs/api-decisions.md OA-3): all three or none. */
  @IsOptional()
  @IsString()
  JOOM_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  JOOM_CLIENT_SECRET?: string;

  /** The seed refresh token: used only while Redis holds none (each refresh rotates it). */
  @IsOptional()
  @IsString()
  JOOM_REFRESH_TOKEN?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  AKINON_BASE_URL?: string;

  @IsOptional()
  @IsString()
  AKINON_API_TOKEN?: string;

  @IsOptional()
  @IsIn(['Bearer', 'Token'])
  AKINON_AUTH_SCHEME?: 'Bearer' | 'Token';

  /** Header(s) carrying the Akinon token; default `both` (docs/api-decisions.md AK-2). */
  @IsOptional()
  @IsIn(['Authentication', 'Authorization', 'both'])
  AKINON_AUTH_HEADER?: 'Authentication' | 'Authorization' | 'both';

  /** JSON (or `.csv`) table of Akinon location uuids → names / country codes (docs/api-decisions.md AK-6). */
  @IsOptional()
  @IsString()
  AKINON_LOCATIONS_FILE?: string;

  /** Routing rules, JSON or YAML (docs/api-decisions.md RT-1); unset = no routing. */
  @IsOptional()
  @IsString()
  ROUTING_RULES_FILE?: string;

  /** More Joom and Akinon accounts, JSON or YAML (docs/api-decisions.md AC-1); unset = the environment's `main` only. */
  @IsOptional()
  @IsString()
  ACCOUNTS_FILE?: string;

  @IsOptional()
  @IsUrl(URL_OPTIONS)
  FLEXPORT_BASE_URL?: string;

  @IsOptional()
  @IsString()
  FLEXPORT_API_TOKEN?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  SYNC_INTERVAL_MS?: number;

  /** Command steps per second at Joom, across all workers (default 10: Joom allows 2000 calls a minute per store). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  JOOM_STEPS_PER_SECOND?: number;

  /** Command steps per second at Akinon, across all workers (default 10). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  AKINON_STEPS_PER_SECOND?: number;

  /** Command steps per second at Flexport, across all workers (default 20). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  FLEXPORT_STEPS_PER_SECOND?: number;

  /** Calls in flight to Joom at once, across all workers: each worker's concurrency and its queue's global cap (default 8). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  JOOM_STEP_CONCURRENCY?: number;

  /** Calls in flight to Akinon at once, across all workers (default 8). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  AKINON_STEP_CONCURRENCY?: number;

  /** Calls in flight to Flexport at once, across all workers (default 8). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  FLEXPORT_STEP_CONCURRENCY?: number;

  /** The longest one 429's Retry-After / X-Rate-Limit-Reset may pause a queue (docs/api-decisions.md JO-8). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  RATE_LIMIT_MAX_WAIT_MS?: number;

  /** Consecutive transient failures (5xx, timeout, no connection) of one system that open its circuit (default 5). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CIRCUIT_FAILURE_THRESHOLD?: number;

  /** How long an open circuit holds its system's steps before one probes (default 30000, jittered). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  CIRCUIT_OPEN_MS?: number;

  /** The longest hold once probes keep failing (each failed probe doubles it; default 60000, ≥ CIRCUIT_OPEN_MS). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  CIRCUIT_MAX_OPEN_MS?: number;

  /** First retry delay of a failed command step, doubled at each retry (default 1000: 8 attempts span ~2 min). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(600_000)
  COMMAND_RETRY_DELAY_MS?: number;

  /** The api's limit to receive a whole request, headers and body (default 25000): a slow client is cut off with a 408. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_REQUEST_TIMEOUT_MS?: number;

  /** How long the api keeps an idle keep-alive connection between requests (default 72000, above common load balancers' 60 s). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS?: number;

  /** How long an api socket may stay without any traffic before it is destroyed (default 60000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_CONNECTION_TIMEOUT_MS?: number;

  /** Connections the api holds open at once; further ones are closed on accept (default 10000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  HTTP_MAX_CONNECTIONS?: number;

  /** History entries kept per order (default 1000); past it the oldest are trimmed in the same atomic save. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(100_000)
  HISTORY_MAX_ENTRIES_PER_ORDER?: number;

  /** Hours before its ship-by an unshipped order is flagged `ship_by_at_risk` (default 24; Joom refunds an order not fulfilled in time). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  SHIP_BY_AT_RISK_HOURS?: number;

  /** How often each worker looks for orders newly at risk of missing their ship-by (default 60000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  SHIP_BY_CHECK_INTERVAL_MS?: number;

  /** How long an order routing could not decide (or whose hold is coming off) waits before a worker looks again (default 60000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ROUTING_RETRY_INTERVAL_MS?: number;

  /** Entries each `order-events:{s-x}` stream keeps, trimmed approximately (default 30000). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(100_000_000)
  ORDER_EVENTS_MAX_LENGTH?: number;

  /** Command requests per API key per minute, across every api process (default 6000; 0 turns the limit off). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  COMMAND_RATE_LIMIT_PER_MINUTE?: number;

  /** BullMQ key prefix; on a Redis Cluster it must carry a hash tag, e.g. `{gw}` (the default there is `{bull}`). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9{}_-]{1,32}$/, { message: 'QUEUE_PREFIX must be 1–32 letters, digits, braces, _ or -' })
  QUEUE_PREFIX?: string;

  /** Shared token Flexport sends in `x-webhook-token` with its webhooks. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'FLEXPORT_WEBHOOK_TOKEN must be at least 16 characters long' })
  FLEXPORT_WEBHOOK_TOKEN?: string;

  /** HMAC-SHA256 key Flexport signs webhook bodies with (docs/api-decisions.md FX-7). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'FLEXPORT_WEBHOOK_SECRET must be at least 16 characters long' })
  FLEXPORT_WEBHOOK_SECRET?: string;

  /** The header carrying the webhook signature (default X-Hub-Signature-256). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'FLEXPORT_WEBHOOK_SIGNATURE_HEADER must be a header name (letters, digits, -)' })
  FLEXPORT_WEBHOOK_SIGNATURE_HEADER?: string;

  /** Flexport `source` sent on every create (e.g. WEBSITE); omitted when unset (docs/api-decisions.md FX-5). */
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, { message: 'FLEXPORT_ORDER_SOURCE must be an upper-case source id such as WEBSITE' })
  FLEXPORT_ORDER_SOURCE?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  /** Carrier table for Joom (`UPS=USPS,…`); parsed and its form checked in joom-carrier-map.ts, its targets against Joom's list by libs/joom (joom-carriers.ts). */
  @IsOptional()
  @IsString()
  JOOM_CARRIER_MAP?: string;
}
