import { CanonicalOrder } from '@app/orders';
import { COMMAND_QUEUES, ORDER_COMMANDS_QUEUE, SYNC_QUEUES } from '@app/queues';
import { auth } from '../support/api-fixture';
import { longString, waitForBootSync, watchWorld, World } from '../support/bad-input-fixtures';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob } from '../support/gateway-stack';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

/*
 * Jobs added straight to the public `order-commands` queue (as another
 * service would, with BullMQ and the gateway's prefix) that are malformed or
 * cannot apply: each fails at once — one attempt, no retry loop — with a
 * short reason naming what is wrong, and changes nothing: no step job, no
 * order version or history entry, no event, no marketplace call. The real
 * worker process keeps running and then does a good job.
 */

interface Targets {
  joom: CanonicalOrder;
  akinon: CanonicalOrder;
}

/** Job data given as JSON text, written into the job's hash as a non-Node producer would (BullMQ's own add cannot serialise it). */
class RawJson {
  constructor(readonly text: string) {}
}

type Forged = [string, string, (t: Targets) => unknown, RegExp];

const UNKNOWN_ORDER = 'ord_000000000000000000000000';

describe('bad input: forged jobs on the order-commands queue', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let producer: TestQueue;
  let world: World;
  let targets: Targets;
  const forgedIds: string[] = [];

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '40' });
    stack = await startGateway(sandbox);
    await waitForBootSync(Object.values(SYNC_QUEUES));
    const [joom] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const [akinon] = await ingestMatching(stack, 'akinon', 1, (order) => order.snapshot.status === 'ready');
    targets = { joom, akinon };
    producer = openQueue(ORDER_COMMANDS_QUEUE);
    world = watchWorld({ store: stack.store, queues: COMMAND_QUEUES, targets: () => [joom.id, akinon.id], sandbox });
  });
  afterAll(async () => {
    await producer?.close();
    await world?.close();
    await stack?.stop();
    await sandbox?.stop();
  });

  /** Adds a job as another service would, retries allowed: it must fail at once anyway. */
  async function forge(name: string, data: unknown) {
    const options = { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } };
    if (!(data instanceof RawJson)) return producer.queue.add(name, data, options);
    // Parked as delayed, its data replaced, then released to the worker.
    const job = await producer.queue.add(name, {}, { ...options, delay: 60_000 });
    await stack.store.redis.hset(producer.queue.toKey(job.id!), 'data', data.text);
    await job.promote();
    return job;
  }

  it.each<Forged>([
    ['no target at all', 'cancel', () => ({ reason: 'other' }), /orderId must be a gateway order id/],
    ['an orderId of the wrong type', 'cancel', () => ({ orderId: 42, reason: 'other' }), /orderId must be a string/],
    ['an orderId that is not a gateway id', 'cancel', () => ({ orderId: '../../etc/passwd', reason: 'other' }), /orderId must be a gateway order id/],
    ['an unknown job name', 'launch', (t) => ({ orderId: t.joom.id, reason: 'other' }), /unknown job name "launch"/],
    ['a job name in capitals', 'CANCEL', (t) => ({ orderId: t.joom.id, reason: 'other' }), /unknown job name "CANCEL"/],
    ['an Object member as the job name', 'constructor', (t) => ({ orderId: t.joom.id, reason: 'other' }), /unknown job name "constructor"/],
    ['a 10,000-character job name', longString(10_000, 'n'), (t) => ({ orderId: t.joom.id }), /unknown job name "n{100}…"/],
    ['an unknown fulfil mode', 'fulfill', (t) => ({ orderId: t.joom.id, mode: 'teleport' }), /mode must be one of the following values: tracking, flexport, online/],
    ['a mode of the wrong type', 'fulfill', (t) => ({ orderId: t.joom.id, mode: ['online'] }), /mode must be one of/],
    ['tracking without carrier or number', 'fulfill', (t) => ({ orderId: t.joom.id, mode: 'tracking' }), /carrier must be a string.*trackingNumber/],
    ['an unknown reason', 'cancel', (t) => ({ orderId: t.joom.id, reason: 'bored' }), /reason must be one of/],
    ['null data', 'cancel', () => null, /job data must be a JSON object, not null/],
    ['a string as data', 'cancel', () => 'cancel ord_1 please', /job data must be a JSON object, not a string/],
    ['a number as data', 'fulfill', () => 42, /job data must be a JSON object, not a number/],
    ['an array as data', 'reject', (t) => [{ orderId: t.joom.id, reason: 'other' }], /job data must be a JSON object, not an array/],
    ['an extra field', 'cancel', (t) => ({ orderId: t.joom.id, reason: 'other', extra: 'x' }), /property extra should not exist/],
    ['a forged status', 'cancel', (t) => ({ orderId: t.joom.id, reason: 'other', status: 'cancelled', version: 99 }), /property status should not exist.*property version should not exist/],
    ['__proto__', 'cancel', (t) => JSON.parse(`{"orderId":"${t.joom.id}","reason":"other","__proto__":{"polluted":true}}`), /property __proto__ should not exist/],
    ['constructor.prototype', 'cancel', (t) => JSON.parse(`{"orderId":"${t.joom.id}","reason":"other","constructor":{"prototype":{"polluted":true}}}`), /property constructor should not exist/],
    [
      'a note nested 20,000 levels deep',
      'cancel',
      (t) => new RawJson(`{"orderId":"${t.joom.id}","reason":"other","note":${'['.repeat(20_000)}${']'.repeat(20_000)}}`),
      /note nests deeper than 8 levels/,
    ],
    ['a 5 MB note', 'cancel', (t) => ({ orderId: t.joom.id, reason: 'other', note: longString(5_000_000) }), /note must be shorter than or equal to 500 characters/],
    ['10,000 line ids', 'reject', (t) => ({ orderId: t.akinon.id, reason: 'other', lineIds: Array.from({ length: 10_000 }, (_, i) => `l${i}`) }), /lineIds must contain no more than 200 elements/],
    ['lineIds: null (would mean every line)', 'reject', (t) => ({ orderId: t.akinon.id, reason: 'other', lineIds: null }), /lineIds must be an array/],
    ['a NUL byte in requestedBy', 'cancel', (t) => ({ orderId: t.joom.id, reason: 'other', requestedBy: 'crm\u0000' }), /requestedBy must not contain control characters/],
    ['a lone surrogate in the note', 'cancel', (t) => ({ orderId: t.joom.id, reason: 'other', note: 'box \ud83d' }), /note must be well-formed Unicode/],
    [
      'a zero-width space in the carrier',
      'fulfill',
      (t) => ({ orderId: t.joom.id, mode: 'tracking', carrier: 'D\u200bHL', trackingNumber: 'JD0146000062815' }),
      /carrier must not contain invisible format characters/,
    ],
    ['an unknown channel', 'cancel', () => ({ channel: 'amazon', externalId: 'x-1', reason: 'other' }), /channel must be one of/],
    ['an unknown gateway order', 'cancel', () => ({ orderId: UNKNOWN_ORDER, reason: 'other' }), /order ord_0{24} not found/],
    ['an unknown channel order', 'cancel', () => ({ channel: 'joom', externalId: 'no-such-order', reason: 'other' }), /order joom\/no-such-order not found/],
    ['line ids the order does not have', 'reject', (t) => ({ orderId: t.akinon.id, reason: 'other', lineIds: ['no-such-line'] }), /line_not_found/],
    ['a capability the channel lacks', 'fulfill', (t) => ({ orderId: t.akinon.id, mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815' }), /capability_unsupported/],
    ['a carrier of any JSON type with mode flexport', 'fulfill', (t) => ({ orderId: t.akinon.id, mode: 'flexport', carrier: { name: 'DHL' } }), /carrier is only for mode tracking, not flexport/],
    ['a tracking number with mode flexport', 'fulfill', (t) => ({ orderId: t.akinon.id, mode: 'flexport', trackingNumber: 42 }), /trackingNumber is only for mode tracking, not flexport/],
    [
      'a ship method with mode tracking',
      'fulfill',
      (t) => ({ orderId: t.joom.id, mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815', shipMethod: 'standard' }),
      /shipMethod is only for mode flexport, not tracking/,
    ],
    [
      'carrier and tracking number with mode online',
      'fulfill',
      (t) => ({ orderId: t.joom.id, mode: 'online', carrier: 'DHL', trackingNumber: 'JD0146000062815' }),
      /carrier is only for mode tracking, not online.*trackingNumber is only for mode tracking/,
    ],
    [
      'an orderId and a channel target naming different orders',
      'cancel',
      (t) => ({ orderId: t.joom.id, channel: 'akinon', externalId: t.akinon.externalId, reason: 'other' }),
      /^invalid_command_job: orderId ord_\w+ is not the order channel akinon, externalId /,
    ],
    [
      'an orderId and another order of the same channel',
      'cancel',
      (t) => ({ orderId: t.joom.id, channel: 'joom', externalId: `${t.joom.externalId}-other`, reason: 'other' }),
      /^invalid_command_job: orderId ord_\w+ is not the order channel joom, externalId \S+-other, account main names/,
    ],
    ['an orderId beside half a channel target', 'cancel', (t) => ({ orderId: t.joom.id, channel: 'joom', reason: 'other' }), /externalId must be a string/],
  ])('%s → failed once with a clear reason, nothing changed', async (_case, name, build, reason) => {
    const before = await world.snapshot();
    const seq = await world.lastCallSeq();

    const job = await forge(name, build(targets));
    forgedIds.push(job.id!);
    const view = await waitForJob(stack, job.id!);

    expect(view).toEqual(expect.objectContaining({ state: 'failed', attempts: 1 }));
    expect(view.error).toMatch(reason);
    expect(view.error!.length).toBeLessThan(600); // the reason, not the payload echoed back
    expect(view.steps.map((step) => step.name)).toEqual([name]); // routed nowhere
    expect(await world.snapshot()).toEqual({ ...before, jobs: { ...before.jobs, [ORDER_COMMANDS_QUEUE]: before.jobs[ORDER_COMMANDS_QUEUE] + 1 } });
    expect(await world.effectCallsSince(seq)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists every forged job among the dead letters', async () => {
    const { body } = await stack.http.get('/v1/jobs?state=failed').set(auth).expect(200);
    expect(body.items.map((item: { jobId: string }) => item.jobId)).toEqual(expect.arrayContaining(forgedIds));
  });

  it('keeps the worker running: a good job added afterwards completes, once (naming its order both ways, the same order)', async () => {
    expect(stack.worker.child.exitCode).toBeNull();
    const order = targets.joom;
    const job = await producer.queue.add('cancel', { orderId: order.id, channel: 'joom', externalId: order.externalId, reason: 'customer_request', requestedBy: 'crm-service' });
    expect((await waitForJob(stack, job.id!)).state).toBe('completed');
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('cancelled');
    expect((await stack.store.repository.history(order.id)).at(-1)).toEqual(expect.objectContaining({ to: 'cancelled', actor: 'crm-service' }));
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ cancel: 1 });
    expect(stack.worker.child.exitCode).toBeNull();
  });
});
