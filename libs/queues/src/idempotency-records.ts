import { Inject, Injectable } from '@nestjs/common';
import { DEFAULTS, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { luaScript, REDIS_CLIENT, RedisClient, runLuaScript } from '@app/store';
import type { PlannedStep } from './command-plans';

/** What an Idempotency-Key was accepted for: the command's first step and the fingerprint of its body. */
export interface IdempotencyRecord {
  jobId: string;
  queue: string;
  /** commandFingerprint of the command the key was first used for. */
  fingerprint: string;
  plan: PlannedStep[];
}

/**
 * `gw:idempotency:<chainId>`, a string (JSON) with its own TTL: the chain id
 * is already the hash of (caller scope, key), see idempotentJobId. One key
 * per record, so it lives on any Cluster node.
 */
export const idempotencyRecordKey = (chainId: string) => `gw:idempotency:${chainId}`;

/** Deletes the value only while it is still ARGV[1] (one that is not a record, replaced by a claim). */
const DROP_IF_SAME = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

function parse(value: string | null): IdempotencyRecord | null {
  if (value === null) return null;
  try {
    const record = JSON.parse(value) as IdempotencyRecord;
    return typeof record?.jobId === 'string' && typeof record.fingerprint === 'string' && typeof record.queue === 'string' && Array.isArray(record.plan) ? record : null;
  } catch {
    return null;
  }
}

/**
 * Which command each idempotency key was accepted for, kept for
 * IDEMPOTENCY_TTL_SECONDS whatever happens to the jobs: a queue cleaned or
 * obliterated on the dashboard, or jobs past their retention, must not let
 * the same key add the command a second time. Written once (SET NX) when the
 * command's first step has been added; CommandRouter reads it first on every
 * keyed request.
 */
@Injectable()
export class IdempotencyRecords {
  private readonly ttlSeconds: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.ttlSeconds = config.idempotencyTtlSeconds ?? DEFAULTS.idempotencyTtlSeconds;
  }

  async get(chainId: string): Promise<IdempotencyRecord | null> {
    return parse(await this.redis.get(idempotencyRecordKey(chainId)));
  }

  /** Writes the record unless the key has one: null when this call wrote it, else the record already there. */
  async claim(chainId: string, record: IdempotencyRecord): Promise<IdempotencyRecord | null> {
    const key = idempotencyRecordKey(chainId);
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.redis.set(key, JSON.stringify(record), 'EX', this.ttlSeconds, 'NX')) === 'OK') return null;
      const stored = await this.redis.get(key);
      const current = parse(stored);
      if (current) return current;
      // Expired in between (try again), or not a record at all (written by hand: ours replaces it).
      if (stored !== null) await runLuaScript<number>(this.redis, DROP_IF_SAME, [key], [stored]);
    }
    throw new Error(`the idempotency record ${chainId} kept changing`);
  }
}
