import { Queue } from 'bullmq';
import { ORDER_COMMANDS_QUEUE, queueConnectionOptions } from '@app/queues';
import { readLedger } from '../support/faults-audit';
import { cancelJoom, fulfilViaFlexport, fulfilWithTracking, PlannedCommand, rejectAkinon, submit } from '../support/faults-commands';
import { mapLimit } from '../support/faults-pool';
import { reportRow } from '../support/faults-report';
import { AcceptedCommand, auditScenario, expectNothingLostOrDoubled, FaultStack, rowOf, startFaultStack } from '../support/faults-scenario';

jest.setTimeout(240_000);

const PER_CASE = 10;
/** How many times each duplicated command is delivered. */
const COPIES = 5;

describe('fault: the same command delivered several times', () => {
  let fault: FaultStack;
  let queue: Queue;

  beforeAll(async () => {
    fault = await startFaultStack({ joom: 4 * PER_CASE, akinon: 2 * PER_CASE });
    queue = new Queue(ORDER_COMMANDS_QUEUE, { connection: queueConnectionOptions(fault.stack.env.REDIS_URL, 'producer') });
  }, 120_000);
  afterAll(async () => {
    await queue?.close();
    await fault?.stop();
  });

  /** Adds a command straight to `order-commands`, as another service would. */
  const addToQueue = async (command: PlannedCommand, options: { idempotencyKey?: string; jobId?: string } = {}): Promise<AcceptedCommand> => {
    const data = { ...command.body, orderId: command.order.id, requestedBy: 'crm-service', ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}) };
    const job = await queue.add(command.name, data, options.jobId ? { jobId: options.jobId } : {});
    return { jobId: job.id!, command };
  };
  /** A later duplicate may be refused before queueing (409: the first already moved the order) — not accepted, so not counted. */
  const refusedBeforeQueueing: string[] = [];
  const post = async (command: PlannedCommand): Promise<AcceptedCommand | null> => {
    const answer = await submit(fault.stack.apiUrl, command);
    if (answer.status === 409) {
      refusedBeforeQueueing.push(answer.code!);
      return null;
    }
    if (answer.status !== 202) throw new Error(`expected 202 or 409, got ${answer.status} ${answer.code}`);
    return { jobId: answer.jobId!, command };
  };
  const copies = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: COPIES }, make));

  it('has exactly one effect at the sandbox per order, whatever the duplication', async () => {
    const startedAt = Date.now();
    const { joom, akinon } = fault.orders;
    const byCase = {
      restSameKey: joom.slice(0, PER_CASE).map((order) => ({ ...fulfilWithTracking(order), idempotencyKey: `dup-rest-${order.id}` })),
      queueSameKey: joom.slice(PER_CASE, 2 * PER_CASE).map(fulfilViaFlexport),
      noKeyTwice: joom.slice(2 * PER_CASE, 3 * PER_CASE).map(fulfilWithTracking),
      fulfilVsCancel: joom.slice(3 * PER_CASE, 4 * PER_CASE),
      sameJobId: akinon.slice(0, PER_CASE).map(rejectAkinon),
      flexportEverywhere: akinon.slice(PER_CASE).map(fulfilViaFlexport),
    };

    const accepted: AcceptedCommand[] = [];
    let deliveries = 0;
    const deliver = async (make: () => Promise<AcceptedCommand | null>) => {
      deliveries++;
      const one = await make();
      if (one) accepted.push(one);
      return one;
    };

    await Promise.all([
      // REST, one Idempotency-Key sent 5 times at once: one job.
      mapLimit(byCase.restSameKey, 4, async (command) => {
        const answers = await copies(() => deliver(() => post(command)));
        expect(new Set(answers.map((a) => a?.jobId)).size).toBe(1);
        expect(answers[0]).not.toBeNull();
      }),
      // Queue, one idempotencyKey on 5 separate jobs: they share one chain of steps.
      mapLimit(byCase.queueSameKey, 4, (command) => copies(() => deliver(() => addToQueue(command, { idempotencyKey: `dup-queue-${command.order.id}` })))),
      // REST, the same command twice without a key, at once.
      mapLimit(byCase.noKeyTwice, 4, (command) => Promise.all([deliver(() => post(command)), deliver(() => post(command))])),
      // Two different commands racing for one order: fulfil and cancel.
      mapLimit(byCase.fulfilVsCancel, 4, (order) => Promise.all([deliver(() => post(fulfilWithTracking(order))), deliver(() => post(cancelJoom(order)))])),
      // Queue, the same job id added 5 times: BullMQ keeps one job.
      mapLimit(byCase.sameJobId, 4, async (command) => {
        const jobs = await copies(() => deliver(() => addToQueue(command, { jobId: `crm-reject-${command.order.id}` })));
        expect(new Set(jobs.map((job) => job?.jobId))).toEqual(new Set([`crm-reject-${command.order.id}`]));
      }),
      // Flexport fulfilment asked twice over REST and once on the queue, no keys.
      mapLimit(byCase.flexportEverywhere, 4, (command) => Promise.all([deliver(() => post(command)), deliver(() => post(command)), deliver(() => addToQueue(command))])),
    ]);
    await fault.watch.waitUntilDrained(120_000);

    // Late duplicates, after the first deliveries finished: the same key / the same job id once more,
    // and the queue key reused for another command (refused, like REST's 422).
    const reusedKeys = await Promise.all(byCase.queueSameKey.map((command) => deliver(() => addToQueue(fulfilWithTracking(command.order), { idempotencyKey: `dup-queue-${command.order.id}` }))));
    const lateSameKey = await Promise.all(byCase.queueSameKey.map((command) => deliver(() => addToQueue(command, { idempotencyKey: `dup-queue-${command.order.id}` }))));
    await Promise.all([
      ...byCase.restSameKey.map((command) => deliver(() => post(command))),
      ...byCase.sameJobId.map((command) => deliver(() => addToQueue(command, { jobId: `crm-reject-${command.order.id}` }))),
    ]);
    await fault.watch.waitUntilDrained(60_000);

    const distinct = [...new Map(accepted.map((a) => [a.jobId, a])).values()];
    const audit = await auditScenario(fault, distinct);

    // Per order, exactly one effective change at the other end (Akinon: one per item).
    // A late copy of a keyed queue command joins the chain that ran: it reports that chain's outcome, not a refusal.
    expect(lateSameKey.map((one) => audit.views.get(one!.jobId)?.state)).toEqual(lateSameKey.map(() => 'completed'));
    expect(new Set(reusedKeys.map((one) => audit.views.get(one!.jobId)?.error?.split(':')[0]))).toEqual(new Set(['idempotency_key_reused']));
    const ledger = await readLedger(fault.sandbox);
    const effectsOf = (ref: string) => ledger.filter((row) => row.orderRef === ref).reduce((sum, row) => sum + row.count, 0);
    const perOrder = [
      ...[...byCase.restSameKey, ...byCase.noKeyTwice].map((c) => ({ order: c.order.id, effects: effectsOf(c.order.externalId), expected: 1 })),
      ...byCase.fulfilVsCancel.map((order) => ({ order: order.id, effects: effectsOf(order.externalId), expected: 1 })),
      ...[...byCase.queueSameKey, ...byCase.flexportEverywhere].map((c) => ({ order: c.order.id, effects: effectsOf(c.order.id), expected: 1 })),
      ...byCase.sameJobId.map((c) => ({ order: c.order.id, effects: effectsOf(c.order.externalId), expected: c.order.lines.length })),
    ];

    reportRow(
      rowOf(
        audit,
        'duplicate deliveries',
        `${deliveries} deliveries of ${6 * PER_CASE} commands: one Idempotency-Key ×${COPIES} over REST, one idempotencyKey ×${COPIES} on the queue, one job id ×${COPIES}, the same command twice without a key, fulfil racing cancel, Flexport asked 3 ways; then each key / job id once more after it finished, and each queue key once more for another command`,
        startedAt,
        { seconds: null, definition: 'not applicable (no outage)' },
        { deliveries, refusedBeforeQueueing: refusedBeforeQueueing.length, ordersWithOtherThanOneEffect: perOrder.filter((o) => o.effects !== o.expected).length },
      ),
    );
    expectNothingLostOrDoubled(audit);
    expect(perOrder.filter((o) => o.effects !== o.expected)).toEqual([]);
  });
});
