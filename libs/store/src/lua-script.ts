import { createHash } from 'node:crypto';
import { RedisClient } from './redis-client.factory';

/** A Lua script and the SHA1 that EVALSHA names it by. */
export interface LuaScript {
  readonly lua: string;
  readonly sha: string;
}

export function luaScript(lua: string): LuaScript {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/**
 * EVALSHA, and EVAL when the server does not have the script (after a
 * restart, or on a Cluster node new to it), which also caches it there.
 * Not ioredis' defineCommand: a custom command with a variable key count is
 * routed on a Cluster by its first argument (the key count) once
 * auto-pipelining is on; EVALSHA is routed by its first key either way.
 */
export async function runLuaScript<T>(redis: RedisClient, script: LuaScript, keys: string[], args: (string | number)[]): Promise<T> {
  try {
    return (await redis.evalsha(script.sha, keys.length, ...keys, ...args)) as T;
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return (await redis.eval(script.lua, keys.length, ...keys, ...args)) as T;
  }
}
