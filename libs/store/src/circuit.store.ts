import { Inject, Injectable } from '@nestjs/common';
import { CircuitState, CircuitStatus, CLOSED_CIRCUIT } from './circuit-state';
import { luaScript, runLuaScript } from './lua-script';
import { redisCall } from './redis-call';
import { RedisClient } from './redis-client.factory';
import { REDIS_CLIENT } from './redis.tokens';

/** The systems whose step queues have a circuit. */
export type CircuitSystem = 'joom' | 'akinon' | 'flexport' | `${'joom' | 'akinon'}.${string}`;

/**
 * One hash tag per system, so both keys share a slot on Redis Cluster:
 *
 *   gw:circuit:{circuit-joom}         hash   status, failures, since, retryAt, reason, failedProbes, openings, v (version)
 *   gw:circuit:{circuit-joom}:probe   string the probing step's token (SET NX PX): one probe at a time
 */
export const circuitKeys = {
  state: (system: CircuitSystem) => `gw:circuit:{circuit-${system}}`,
  probe: (system: CircuitSystem) => `gw:circuit:{circuit-${system}}:probe`,
};

/** Writes the fields only when the version is still the one read: every worker changes the state through this compare-and-set. */
const COMPARE_AND_SET = luaScript(`
if (redis.call('HGET', KEYS[1], 'v') or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tostring(tonumber(ARGV[1]) + 1), unpack(ARGV, 2))
return 1
`);

/** Deletes the probe lock only while it still holds the caller's token. */
const RELEASE_PROBE = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

const STATUSES: readonly CircuitStatus[] = ['closed', 'open', 'half-open'];

/** A state as read, with the version a write must name. */
export interface VersionedCircuit {
  state: CircuitState;
  version: string;
}

/** Redis home of each system's circuit, shared by every worker (which change it) and the api (which shows it). */
@Injectable()
export class CircuitStore {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async read(system: CircuitSystem): Promise<VersionedCircuit> {
    const hash = await redisCall(() => this.redis.hgetall(circuitKeys.state(system)));
    return { state: parseCircuit(hash ?? {}), version: hash?.v ?? '0' };
  }

  /** True when written; false when another process changed the state since `version` was read. */
  async write(system: CircuitSystem, version: string, state: CircuitState): Promise<boolean> {
    const fields = Object.entries(serializeCircuit(state)).flat();
    return (await redisCall(() => runLuaScript<number>(this.redis, COMPARE_AND_SET, [circuitKeys.state(system)], [version, ...fields]))) === 1;
  }

  /** SET NX PX: true when the caller is now the one probe of the system. */
  async takeProbe(system: CircuitSystem, token: string, ttlMs: number): Promise<boolean> {
    return (await redisCall(() => this.redis.set(circuitKeys.probe(system), token, 'PX', ttlMs, 'NX'))) === 'OK';
  }

  async releaseProbe(system: CircuitSystem, token: string): Promise<void> {
    await redisCall(() => runLuaScript(this.redis, RELEASE_PROBE, [circuitKeys.probe(system)], [token]));
  }
}

export function serializeCircuit(state: CircuitState): Record<string, string> {
  return {
    status: state.status,
    failures: String(state.failures),
    since: state.since === null ? '' : String(state.since),
    retryAt: state.retryAt === null ? '' : String(state.retryAt),
    reason: state.reason ?? '',
    failedProbes: String(state.failedProbes),
    openings: String(state.openings),
  };
}

/** A missing or damaged hash reads as a closed circuit: a breaker must never hold a queue on a value it cannot read. */
export function parseCircuit(hash: Record<string, string>): CircuitState {
  const status = STATUSES.includes(hash.status as CircuitStatus) ? (hash.status as CircuitStatus) : 'closed';
  const count = (value: string | undefined) => (Number.isSafeInteger(Number(value)) && Number(value) > 0 ? Number(value) : 0);
  const time = (value: string | undefined) => (value && Number.isFinite(Number(value)) ? Number(value) : null);
  return {
    ...CLOSED_CIRCUIT,
    status,
    failures: count(hash.failures),
    since: status === 'closed' ? null : time(hash.since),
    retryAt: status === 'open' ? time(hash.retryAt) : null,
    reason: status === 'closed' ? null : hash.reason || null,
    failedProbes: count(hash.failedProbes),
    openings: count(hash.openings),
  };
}
