import type { Response } from 'supertest';
import { ALL_SHARDS, storeKeys } from '@app/store';
import { SandboxHandle } from './sandbox-process';
import { openQueue, TestQueue } from './queue-fixtures';
import { StoreFixture } from './store-fixtures';

/*
 * What the bad-input suite checks after every refused request or forged job:
 * the answer is the one error shape, and nothing anywhere changed.
 */

const ERROR_KEYS = ['statusCode', 'code', 'message', 'details'];

/** The fields an error answer names: `details.fields[].field`, or `details.field`. */
export function namedFields(body: { details?: { fields?: { field: string }[]; field?: string } }): string[] {
  return body.details?.fields?.map((row) => row.field) ?? (body.details?.field ? [body.details.field] : []);
}

/**
 * A JSON error `{ statusCode, code, message, details? }` with this status and
 * code — never HTML, never a stack — and, when `field` is given, one that
 * names it both in the message and in the details.
 */
export function expectErrorAnswer(response: Response, status: number, code: string, field?: string): void {
  expect({ status: response.status, code: response.body?.code, message: response.body?.message }).toEqual({ status, code, message: expect.any(String) });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(response.body).filter((key) => !ERROR_KEYS.includes(key))).toEqual([]);
  expect(response.body.statusCode).toBe(status);
  expect(response.body.message).not.toMatch(/\n\s+at /); // no stack trace
  if (field === undefined) return;
  expect(response.body.message).toContain(field);
  expect(namedFields(response.body)).toContain(field);
}

/** Everything a request or job could have changed: counts of orders, events and jobs, and the target orders' versions and histories. */
export interface WorldSnapshot {
  orders: number;
  events: number;
  jobs: Record<string, number>;
  targets: Record<string, { version: number | null; history: number }>;
}

export interface World {
  snapshot(): Promise<WorldSnapshot>;
  /** The newest call in the sandbox's log (0 when there is no sandbox or no call). */
  lastCallSeq(): Promise<number>;
  /** Calls that could change something at a marketplace (anything but GET) since `seq`. */
  effectCallsSince(seq: number): Promise<string[]>;
  close(): Promise<void>;
}

interface SandboxCall {
  seq: number;
  method: string;
  path: string;
}

/**
 * Watches the store, the given queues and (optionally) the sandbox's call log.
 * `targets` are orders whose version and history must not move.
 */
export function watchWorld(options: { store: StoreFixture; queues: readonly string[]; targets: () => string[]; sandbox?: SandboxHandle }): World {
  const queues: TestQueue[] = options.queues.map((name) => openQueue(name));
  const { redis, repository } = options.store;
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const calls = async (since: number) => (options.sandbox ? (await options.sandbox.control<{ calls: SandboxCall[] }>('GET', `/calls?since=${since}`)).calls : []);

  return {
    async snapshot() {
      const [orders, events] = await Promise.all([
        Promise.all(ALL_SHARDS.map((shard) => redis.zcard(storeKeys.indexAll(shard)))).then(sum),
        Promise.all(ALL_SHARDS.map((shard) => redis.xlen(storeKeys.events(shard)))).then(sum),
      ]);
      const jobs: Record<string, number> = {};
      for (const { queue } of queues) jobs[queue.name] = sum(Object.values(await queue.getJobCounts()));
      const targets: WorldSnapshot['targets'] = {};
      for (const id of options.targets()) {
        targets[id] = { version: (await repository.get(id))?.version ?? null, history: (await repository.history(id)).length };
      }
      return { orders, events, jobs, targets };
    },
    async lastCallSeq() {
      return (await calls(0)).reduce((last, call) => Math.max(last, call.seq), 0);
    },
    async effectCallsSince(seq) {
      return (await calls(seq)).filter((call) => call.method !== 'GET').map((call) => `${call.method} ${call.path}`);
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

/** A string of `length` characters, for the very-long-value cases. */
export const longString = (length: number, char = 'a') => char.repeat(length);

/**
 * Waits until the worker's first scheduled sync of every channel has run, so
 * the store stops changing by itself and any later change is the test's doing.
 */
export async function waitForBootSync(syncQueues: readonly string[], timeoutMs = 20_000): Promise<void> {
  const queues = syncQueues.map((name) => openQueue(name));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await Promise.all(queues.map(({ queue }) => queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'prioritized')));
      if (counts.every((c) => c.completed + c.failed > 0 && c.active + c.waiting + c.prioritized === 0)) return;
      if (Date.now() > deadline) throw new Error(`boot syncs did not finish: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
  }
}
