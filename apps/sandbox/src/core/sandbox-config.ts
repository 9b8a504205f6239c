import { JoomOAuthSetup, joomOAuthSetupFrom } from '../joom-shared/joom-oauth.setup';

/**
 * The sandbox reads the same credential variables as the gateway, so one
 * environment drives both. Defaults let `node dist/apps/sandbox/main.js` start bare.
 */
export const SANDBOX_DEFAULT_TOKENS = {
  joom: 'sandbox-joom-token',
  akinon: 'sandbox-akinon-token',
  flexport: 'sandbox-flexport-token',
} as const;

export interface SandboxConfig {
  port: number;
  /**
   * Stores this process serves (SANDBOX_STORES): store i listens on
   * `port + i` with state of its own (docs/api-decisions.md AC-6).
   */
  stores: number;
  /** `distinct`: store i seeds from `seed + i` (its own external ids); `same`: every store from `seed`. */
  storeSeeds: 'distinct' | 'same';
  joomToken: string;
  akinonToken: string;
  flexportToken: string;
  /** Orders generated per channel at boot. */
  seedCount: number;
  /** Seed of every pseudo-random choice (data and faults), for repeatable runs. */
  seed: number;
  /** Flexport orders advance CREATED → SHIPPED → DELIVERED every this many ms; 0 = only on command. */
  flexportAdvanceMs: number;
  /** Signs webhook bodies (HMAC-SHA256, X-Hub-Signature-256) when set; docs/api-decisions.md FX-7. */
  flexportWebhookSecret: string | null;
  /** Where Flexport webhooks go (unset = none), and the header token they carry. */
  flexportWebhookUrl: string | null;
  flexportWebhookToken: string | null;
  /** Joom OAuth with expiring, rotating tokens; null = the static `joomToken` only (docs/api-decisions.md OA-8). */
  joomOAuth: JoomOAuthSetup | null;
  /** The origin used to build absolute paging URLs (Joom v3 `paging.next`, Akinon `next`). */
  publicOrigin: string | null;
  /**
   * The origin of Joom v2 `paging.next`/`prev`: the document's own host by
   * default, not this sandbox's, since v2 paging is offsets (docs/api-decisions.md JO-2).
   */
  joomV2PagingOrigin: string;
}

/** The host of every URL in the v2 document's examples. */
export const JOOM_V2_DOCUMENT_ORIGIN = 'https://api-merchant.joom.it';

export const SANDBOX_CONFIG = Symbol('SANDBOX_CONFIG');

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

/** Most stores one process serves: each is a whole Nest app, and their ports must stay below 65536. */
export const MAX_SANDBOX_STORES = 16;

export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const port = intFrom(env, 'PORT', 4000);
  const stores = intFrom(env, 'SANDBOX_STORES', 1);
  if (stores < 1 || stores > MAX_SANDBOX_STORES) throw new Error(`SANDBOX_STORES must be 1 to ${MAX_SANDBOX_STORES}`);
  if (port + stores - 1 > 65535) throw new Error('PORT + SANDBOX_STORES - 1 must be a port (at most 65535)');
  const storeSeeds = env.SANDBOX_STORE_SEEDS || 'distinct';
  if (storeSeeds !== 'distinct' && storeSeeds !== 'same') throw new Error('SANDBOX_STORE_SEEDS must be distinct or same');
  return {
    port,
    stores,
    storeSeeds,
    joomToken: env.JOOM_ACCESS_TOKEN || SANDBOX_DEFAULT_TOKENS.joom,
    akinonToken: env.AKINON_API_TOKEN || SANDBOX_DEFAULT_TOKENS.akinon,
    flexportToken: env.FLEXPORT_API_TOKEN || SANDBOX_DEFAULT_TOKENS.flexport,
    seedCount: intFrom(env, 'SANDBOX_SEED_COUNT', 300),
    seed: intFrom(env, 'SANDBOX_SEED', 42),
    flexportAdvanceMs: intFrom(env, 'SANDBOX_FLEXPORT_ADVANCE_MS', 0),
    flexportWebhookSecret: env.SANDBOX_FLEXPORT_WEBHOOK_SECRET || null,
    flexportWebhookUrl: env.SANDBOX_FLEXPORT_WEBHOOK_URL || null,
    flexportWebhookToken: env.SANDBOX_FLEXPORT_WEBHOOK_TOKEN || null,
    publicOrigin: env.SANDBOX_PUBLIC_ORIGIN || null,
    joomV2PagingOrigin: env.SANDBOX_JOOM_V2_PAGING_ORIGIN || JOOM_V2_DOCUMENT_ORIGIN,
    joomOAuth: joomOAuthSetupFrom(env, (name, fallback) => intFrom(env, name, fallback)),
  };
}

/**
 * The config of each store the process serves: store i on `port + i`, seeded
 * from `seed + i` unless `storeSeeds` is `same`. Everything else (tokens,
 * faults' defaults, Flexport's clock and webhooks) is the environment's, for
 * every store alike.
 */
export function storeConfigs(config: SandboxConfig): SandboxConfig[] {
  return Array.from({ length: config.stores }, (_, i) => ({
    ...config,
    port: config.port + i,
    seed: config.storeSeeds === 'same' ? config.seed : config.seed + i,
  }));
}
