import { Queue } from 'bullmq';
import { GatewayConfig } from '@app/config';
import { CanonicalOrder, IllegalTransitionError } from '@app/orders';
import { buildFulfillment, buildOrder } from '@app/orders/testing';
import { CommandLeases, OrderNotFoundError, OrderRepository } from '@app/store';
import { AccountQueues } from './account-queues';
import { CommandInProgressError, IdempotencyKeyReusedError } from './command-errors';
import { CommandRequest, CommandRouter } from './command-router';
import { IdempotencyRecord, IdempotencyRecords } from './idempotency-records';
import { CommandStepData } from './step-jobs';

const ready = buildOrder({ id: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d', channel: 'joom', status: 'ready' });
const config = { channels: { joom: { apiVersion: 'v3', account: 'main' } } } as unknown as GatewayConfig;
const fulfil: CommandRequest = {
  name: 'fulfill',
  orderId: ready.id,
  body: { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000001' },
  requestedBy: 'crm',
  chainId: 'cmd-1',
  mayExist: false,
};

interface Added {
  queue: string;
  name: string;
  data: CommandStepData;
  jobId?: string;
}

/** A router over in-memory queues and leases; `states` answers getJobState for lease holders. */
function router(
  options: { order?: CanonicalOrder | null; holder?: string; since?: number; states?: Record<string, string>; existing?: Added; addFails?: boolean; records?: Map<string, IdempotencyRecord> } = {},
) {
  const added: Added[] = options.existing ? [options.existing] : [];
  let holder: string | null = options.holder ?? null;
  // A lease taken a minute ago unless a test says otherwise: past the grace a fresh lease gets.
  const since = options.since ?? Date.now() - 60_000;
  const leases = {
    take: jest.fn(async (_orderId: string, wanted: string) => {
      if (holder !== null && holder !== wanted) return { holder, since };
      holder = wanted;
      return null;
    }),
    swap: jest.fn(async (_orderId: string, expected: string, next: string) => (holder === expected ? ((holder = next), true) : false)),
    release: jest.fn(async (_orderId: string, current: string) => void (holder === current && (holder = null))),
  };
  const queue = (name: string) =>
    ({
      name,
      add: async (jobName: string, data: CommandStepData, opts: { jobId?: string }) => {
        if (options.addFails) throw new Error('connection lost');
        if (!added.some((job) => job.jobId === opts.jobId && job.queue === name)) added.push({ queue: name, name: jobName, data, jobId: opts.jobId });
        return { id: opts.jobId };
      },
      getJobState: async (jobId: string) => options.states?.[`${name}/${jobId}`] ?? 'unknown',
      getJob: async (jobId: string) => added.find((job) => job.queue === name && job.jobId === jobId),
    }) as unknown as Queue;
  const orders = {
    getOrThrow: jest.fn(async (id: string) => {
      const order = options.order === undefined ? ready : options.order;
      if (!order) throw new OrderNotFoundError(id);
      return order;
    }),
  };
  // The Redis record as a map: claim is SET NX, drop a compare-and-delete.
  const stored = options.records ?? new Map<string, IdempotencyRecord>();
  const records = {
    get: jest.fn(async (chainId: string) => stored.get(chainId) ?? null),
    claim: jest.fn(async (chainId: string, record: IdempotencyRecord) => stored.get(chainId) ?? (stored.set(chainId, record), null)),
    drop: jest.fn(async (chainId: string, record: IdempotencyRecord) => void (stored.get(chainId) === record && stored.delete(chainId))),
  };
  const instance = new CommandRouter(
    orders as unknown as OrderRepository,
    leases as unknown as CommandLeases,
    records as unknown as IdempotencyRecords,
    config,
    queue('commands-joom'),
    queue('commands-akinon'),
    queue('commands-flexport'),
    { step: (system: string, account: string) => queue(`commands-${system}.${account}`), allSteps: () => [queue('commands-joom.eu')] } as unknown as AccountQueues,
  );
  return { instance, added, leases, orders, records: stored, holder: () => holder };
}

describe('CommandRouter', () => {
  it('adds the first step of another account’s order to that account’s own step queue (docs/api-decisions.md AC-3)', async () => {
    const { instance, added } = router({ order: { ...ready, account: 'eu' } });
    expect(await instance.route(fulfil)).toMatchObject({ jobId: 'cmd-1-1', queue: 'commands-joom.eu', joined: false });
    expect(added.map((job) => job.queue)).toEqual(['commands-joom.eu']);
    // A lookup finds the chain in the account's queue (here: under another command's fingerprint).
    await expect(instance.existingChain('cmd-1', 'another command')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('adds the first step to the queue of the system it calls, under <chain>-1, and gives that job the order’s lease', async () => {
    const { instance, added, holder } = router();
    expect(await instance.route(fulfil)).toEqual({ jobId: 'cmd-1-1', queue: 'commands-joom', plan: [{ system: 'joom', step: 'fulfill-tracking' }], joined: false });
    expect(added).toEqual([
      {
        queue: 'commands-joom',
        name: 'fulfill-tracking',
        jobId: 'cmd-1-1',
        data: { chainId: 'cmd-1', command: 'fulfill', orderId: ready.id, payload: fulfil.body, requestedBy: 'crm', plan: [{ system: 'joom', step: 'fulfill-tracking' }], index: 0 },
      },
    ]);
    expect(holder()).toBe('commands-joom/cmd-1-1');
  });

  it('plans a cancel of an order live at Flexport as Flexport first, then the channel', async () => {
    const atFlexport = buildOrder({ ...ready, status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'PROCESSING' }) });
    const { instance, added } = router({ order: atFlexport });
    const routed = await instance.route({ ...fulfil, name: 'cancel', body: { reason: 'customer_request' } });
    expect(routed.plan).toEqual([
      { system: 'flexport', step: 'flexport-cancel' },
      { system: 'joom', step: 'channel-cancel' },
    ]);
    expect(added[0]).toMatchObject({ queue: 'commands-flexport', name: 'flexport-cancel' });
  });

  it('refuses a command the order cannot take now, adding nothing and taking no lease', async () => {
    const { instance, added, leases } = router({ order: buildOrder({ ...ready, status: 'shipped' }) });
    await expect(instance.route(fulfil)).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(added).toEqual([]);
    expect(leases.take).not.toHaveBeenCalled();
  });

  it('runs a caller’s own check once the order is read', async () => {
    const { instance, added } = router();
    await expect(
      instance.route(fulfil, () => {
        throw new Error('carrier unknown');
      }),
    ).rejects.toThrow('carrier unknown');
    expect(added).toEqual([]);
  });

  it('refuses 409 command_in_progress while another command’s job is still pending, naming it', async () => {
    const { instance, added } = router({ holder: 'commands-joom/cmd-0-1', states: { 'commands-joom/cmd-0-1': 'delayed' } });
    const refusal = await instance.route(fulfil).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CommandInProgressError);
    expect(refusal).toMatchObject({ code: 'command_in_progress', jobId: 'cmd-0-1', queue: 'commands-joom' });
    expect(added).toEqual([]);
  });

  it.each(['completed', 'failed', 'unknown'])('takes the lease over from a job that is %s', async (state) => {
    const { instance, holder } = router({ holder: 'commands-joom/cmd-0-1', states: { 'commands-joom/cmd-0-1': state } });
    await instance.route(fulfil);
    expect(holder()).toBe('commands-joom/cmd-1-1');
  });

  it('counts a lease taken moments ago as held, whatever its job’s state: its intake may not have added the job yet', async () => {
    const { instance, added } = router({ holder: 'commands-joom/cmd-0-1', since: Date.now() - 100, states: {} });
    await expect(instance.route(fulfil)).rejects.toBeInstanceOf(CommandInProgressError);
    expect(added).toEqual([]);
  });

  it('gives the lease back when the step could not be added', async () => {
    const { instance, holder } = router({ addFails: true });
    await expect(instance.route(fulfil)).rejects.toThrow('connection lost');
    expect(holder()).toBeNull();
  });

  it('joins a chain its key started, without reading the order again; refuses the key for another command', async () => {
    const first = router();
    await first.instance.route({ ...fulfil, chainId: 'idem-abc', mayExist: true });
    const existing = first.added[0];

    const replay = router({ existing, order: buildOrder({ ...ready, status: 'shipped' }) });
    expect(await replay.instance.route({ ...fulfil, chainId: 'idem-abc', mayExist: true })).toMatchObject({ jobId: 'idem-abc-1', joined: true });
    expect(replay.orders.getOrThrow).not.toHaveBeenCalled();

    const reused = router({ existing });
    await expect(reused.instance.route({ ...fulfil, chainId: 'idem-abc', mayExist: true, body: { ...fulfil.body, trackingNumber: 'JD0146000002' } })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  describe('with an idempotency key (its record outlives the jobs)', () => {
    const keyed: CommandRequest = { ...fulfil, chainId: 'idem-key', mayExist: true, idempotent: true };
    /** The record the request itself would write (its fingerprint included). */
    const first = async () => {
      const { instance, records } = router();
      await instance.route(keyed);
      return records.get('idem-key')!;
    };

    it('records the key when it adds the command, and answers a repeat from the record once the jobs are gone', async () => {
      const first = router();
      expect(await first.instance.route(keyed)).toMatchObject({ jobId: 'idem-key-1', joined: false });
      expect(first.records.get('idem-key')).toEqual({ jobId: 'idem-key-1', queue: 'commands-joom', fingerprint: expect.any(String), plan: [{ system: 'joom', step: 'fulfill-tracking' }] });

      // Another process, the queue emptied (no `existing` job), the order shipped meanwhile: nothing is added, the order not even read.
      const later = router({ records: first.records, order: buildOrder({ ...ready, status: 'shipped' }) });
      expect(await later.instance.route(keyed)).toEqual({ jobId: 'idem-key-1', queue: 'commands-joom', plan: [{ system: 'joom', step: 'fulfill-tracking' }], joined: true });
      expect(later.added).toEqual([]);
      expect(later.orders.getOrThrow).not.toHaveBeenCalled();

      const reused = router({ records: first.records });
      await expect(reused.instance.route({ ...keyed, body: { ...keyed.body, trackingNumber: 'JD0146000002' } })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(reused.added).toEqual([]);
    });

    it('refuses, and records nothing, when a racer with the same key and another body added its step first', async () => {
      const { instance, added, orders, records } = router();
      const read = orders.getOrThrow.getMockImplementation()!;
      // The racer's step lands between this request's lookups and its own add (which BullMQ then ignores).
      orders.getOrThrow.mockImplementationOnce(async (id: string) => {
        added.push({
          queue: 'commands-joom',
          name: 'fulfill-tracking',
          jobId: 'idem-key-1',
          data: { command: 'fulfill', orderId: ready.id, payload: { ...fulfil.body, trackingNumber: 'JD0146000009' } } as unknown as CommandStepData,
        });
        return read(id);
      });
      await expect(instance.route(keyed)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(added).toHaveLength(1);
      expect(records.size).toBe(0);
    });

    it('answers with the twin that ran to completion, not a refusal, when the order moved on under a keyed request', async () => {
      const twin: IdempotencyRecord = { jobId: 'idem-key-1', queue: 'commands-joom', fingerprint: '', plan: [{ system: 'joom', step: 'fulfill-tracking' }] };
      const { instance, added, orders, records } = router({ order: buildOrder({ ...ready, status: 'shipped' }) });
      // The twin records the key and ships the order between this request's lookup and its read of the order.
      const read = orders.getOrThrow.getMockImplementation()!;
      orders.getOrThrow.mockImplementationOnce(async (id: string) => {
        records.set('idem-key', { ...twin, fingerprint: (await first()).fingerprint });
        return read(id);
      });
      expect(await instance.route(keyed)).toMatchObject({ jobId: 'idem-key-1', joined: true });
      expect(added).toEqual([]);
      // Without a record, the refusal stands.
      await expect(router({ order: buildOrder({ ...ready, status: 'shipped' }) }).instance.route(keyed)).rejects.toBeInstanceOf(IllegalTransitionError);
    });

    it('records nothing when the command was refused its lease or could not be added, so a later try is not answered with a job that never was', async () => {
      const busy = router({ holder: 'commands-joom/other-1', states: { 'commands-joom/other-1': 'active' } });
      await expect(busy.instance.route(keyed)).rejects.toBeInstanceOf(CommandInProgressError);
      expect(busy.records.size).toBe(0);

      const broken = router({ addFails: true });
      await expect(broken.instance.route(keyed)).rejects.toThrow('connection lost');
      expect(broken.records.size).toBe(0);
    });

    it('records a keyed chain found without a record (one that predates records, or whose record expired)', async () => {
      const first = router();
      await first.instance.route({ ...keyed, idempotent: false });
      const replay = router({ existing: first.added[0] });
      expect(await replay.instance.route(keyed)).toMatchObject({ jobId: 'idem-key-1', joined: true });
      expect(replay.records.get('idem-key')).toMatchObject({ jobId: 'idem-key-1', queue: 'commands-joom' });
    });
  });

  it('says when the order does not exist', async () => {
    await expect(router({ order: null }).instance.route(fulfil)).rejects.toMatchObject({ code: 'order_not_found' });
  });
});

describe('CommandRouter.exclusively (a hold saved under the order’s lease, docs/api-decisions.md HO-4)', () => {
  it('holds the lease while it writes, then gives it back, also when the write fails', async () => {
    const { instance, holder } = router();
    let during: string | null = null;
    expect(await instance.exclusively(ready.id, async () => ((during = holder()), 'saved'))).toBe('saved');
    expect(during).toMatch(/^order-holds\/hold-[0-9a-f-]{36}$/);
    expect(holder()).toBeNull();
    await expect(instance.exclusively(ready.id, async () => Promise.reject(new Error('conflict')))).rejects.toThrow('conflict');
    expect(holder()).toBeNull();
  });

  it('refuses 409 command_in_progress while a command’s job is pending, and writes nothing', async () => {
    const { instance, holder } = router({ holder: 'commands-joom/cmd-9-1', states: { 'commands-joom/cmd-9-1': 'active' } });
    const write = jest.fn(async () => 'saved');
    await expect(instance.exclusively(ready.id, write)).rejects.toBeInstanceOf(CommandInProgressError);
    expect(write).not.toHaveBeenCalled();
    expect(holder()).toBe('commands-joom/cmd-9-1');
  });

  it('makes a fulfil arriving meanwhile wait its turn: refused, naming the hold', async () => {
    const { instance } = router({ since: Date.now() });
    await instance.exclusively(ready.id, async () => {
      await expect(instance.route(fulfil)).rejects.toMatchObject({ code: 'command_in_progress', details: { queue: 'order-holds', jobId: expect.stringMatching(/^hold-/) } });
    });
    expect((await instance.route(fulfil)).joined).toBe(false);
  });
});
