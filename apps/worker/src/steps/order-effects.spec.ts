import { CanonicalOrder, HistoryEntry } from '@app/orders';
import { buildOrder } from '@app/orders/testing';
import { StepJobData } from '@app/queues';
import { MutationDecision, OrderRepository } from '@app/store';
import { OrderEffects } from './order-effects';

/** A repository holding one order in memory: mutate runs the decision and saves it as the store would. */
function storeOf(order: CanonicalOrder) {
  const history: Omit<HistoryEntry, 'version'>[] = [];
  const released: string[] = [];
  let current = order;
  const repository = {
    mutate: async (_id: string, decide: (current: CanonicalOrder | null) => MutationDecision, options: { releaseLease?: string } = {}) => {
      const decision = decide(current);
      if (options.releaseLease) released.push(options.releaseLease);
      if (!decision) return current;
      current = { ...decision.order, version: current.version + 1 };
      history.push(...decision.history);
      return current;
    },
  } as unknown as OrderRepository;
  return { effects: new OrderEffects(repository), history, released, current: () => current };
}

const context = (jobId: string, orderId: string) => ({ jobId, data: { orderId, requestedBy: 'crm', cause: 'command' } }) as never;

describe('OrderEffects.flag: a refusal repeated', () => {
  it('writes one history entry for the same refusal met by 300 jobs, and a new one when the refusal differs', async () => {
    const order = buildOrder({ status: 'ready', attention: null });
    const { effects, history, current } = storeOf(order);
    for (let n = 1; n <= 300; n++) {
      await effects.flag(context(`job-${n}`, order.id), 'command_failed', 'remote_refused: order is not approved', { step: 'fulfill-tracking', jobId: `job-${n}` });
    }
    expect(history).toHaveLength(1);
    expect(history[0].note).toContain('(job job-1)');
    expect(current().attention).toEqual(expect.objectContaining({ code: 'command_failed', details: { step: 'fulfill-tracking', jobId: 'job-1' } }));

    await effects.flag(context('job-301', order.id), 'command_failed', 'remote_refused: order is not approved', { step: 'channel-cancel', jobId: 'job-301' });
    await effects.flag(context('job-302', order.id), 'command_failed', 'remote_refused: another reason', { step: 'channel-cancel', jobId: 'job-302' });
    expect(history.map((entry) => entry.note)).toEqual([expect.stringContaining('job-1'), expect.stringContaining('job-301'), expect.stringContaining('job-302')]);
  });

  it('flags again once the flag was cleared', async () => {
    const order = buildOrder({ status: 'ready', attention: null });
    const { effects, history } = storeOf(order);
    await effects.flag(context('job-1', order.id), 'command_failed', 'remote_refused: no', { step: 'fulfill-tracking', jobId: 'job-1' });
    const cleared = storeOf({ ...order, attention: null });
    await cleared.effects.flag(context('job-2', order.id), 'command_failed', 'remote_refused: no', { step: 'fulfill-tracking', jobId: 'job-2' });
    expect([history.length, cleared.history.length]).toEqual([1, 1]);
  });
});

const stepContext = (jobId: string, orderId: string) => ({ jobId, firstAttempt: true, data: { orderId, requestedBy: 'crm', cause: 'command' } as StepJobData });

describe('OrderEffects.save: a command’s last step', () => {
  it('ends the lease it is handed with the save of its effect, and says so; a step without one ends none', async () => {
    const order = buildOrder({ status: 'ready', attention: null });
    const { effects, released } = storeOf(order);
    const lease = { holder: 'commands-joom/cmd-1-1', released: false };
    await effects.save({ ...stepContext('cmd-1-1', order.id), order, lease }, (current) => ({ order: { ...current, status: 'shipped' } }));
    expect(released).toEqual(['commands-joom/cmd-1-1']);
    expect(lease.released).toBe(true);

    await effects.save({ ...stepContext('cmd-2-1', order.id), order }, (current) => ({ order: current }));
    expect(released).toEqual(['commands-joom/cmd-1-1']);
  });
});
