import { Inject, Injectable } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { Gauge, Registry } from 'prom-client';
import { REDIS_CLIENT, RedisClient } from '@app/store';
import { withTimeout } from './queue-metrics.reader';

interface NodeMemory {
  node: string;
  used: number;
  max: number;
}

/** `used_memory` and `maxmemory` from an `INFO memory` answer. */
export function parseMemoryInfo(info: string): { used: number; max: number } {
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)\\r?$`, 'm').exec(info)?.[1] ?? NaN);
  return { used: field('used_memory'), max: field('maxmemory') };
}

/**
 * `gateway_redis_memory_used_bytes{node}` and `gateway_redis_maxmemory_bytes{node}`:
 * each Redis server's (each Cluster master's) memory, from `INFO memory` at
 * scrape time. With `noeviction` a server at maxmemory refuses writes — new
 * orders, commands and jobs — so the README's alert fires well before
 * (used / max > 0.8). maxmemory 0 means no limit: the host's memory is.
 * Left empty when Redis does not answer within a second.
 */
@Injectable()
export class RedisMemoryMetricSet {
  constructor(registry: Registry, @Inject(REDIS_CLIENT) redis: RedisClient) {
    let pending: Promise<NodeMemory[] | null> | null = null;
    // One INFO round per scrape, shared by both gauges.
    const read = () => (pending ??= withTimeout(readMemory(redis)).finally(() => setImmediate(() => (pending = null))));
    const gauge = (name: string, help: string, value: (memory: NodeMemory) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['node'],
        registers: [registry],
        async collect() {
          const nodes = await read();
          this.reset();
          for (const memory of nodes ?? []) if (Number.isFinite(value(memory))) this.set({ node: memory.node }, value(memory));
        },
      });
    gauge('gateway_redis_memory_used_bytes', 'Memory the Redis server uses (INFO memory used_memory), read at scrape time', (memory) => memory.used);
    gauge('gateway_redis_maxmemory_bytes', 'The Redis server maxmemory (0: no limit), read at scrape time', (memory) => memory.max);
  }
}

async function readMemory(redis: RedisClient): Promise<NodeMemory[]> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  return Promise.all(nodes.map(async (node) => ({ node: `${node.options.host ?? 'localhost'}:${node.options.port ?? 6379}`, ...parseMemoryInfo(await node.info('memory')) })));
}
