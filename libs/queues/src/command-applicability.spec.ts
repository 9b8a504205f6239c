import { buildOrder } from '@app/orders/testing';
import { assertCommandApplicable } from './command-applicability';
import { InvalidCommandJobError } from './command-jobs';

const order = buildOrder({ id: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d', channel: 'joom', account: 'main', externalId: 'ext-1', status: 'ready' });
const cancel = (target: Record<string, unknown>) => () => assertCommandApplicable(order, 'joom_v3', 'cancel', { reason: 'other', ...target } as never);

describe('assertCommandApplicable: a job naming its order twice', () => {
  it.each([
    ['another externalId', { channel: 'joom', externalId: 'ext-2' }, /names externalId ext-2/],
    ['another channel', { channel: 'akinon', externalId: 'ext-1' }, /names channel akinon/],
    ['another account', { channel: 'joom', externalId: 'ext-1', account: 'second' }, /names account second/],
  ])('refuses an orderId and a channel target that name different orders (%s)', (_case, target, why) => {
    const check = cancel({ orderId: order.id, ...target });
    expect(check).toThrow(InvalidCommandJobError);
    expect(check).toThrow(why);
    expect(check).toThrow(expect.objectContaining({ code: 'invalid_command_job' }));
  });

  it.each([
    ['the same order named both ways', { orderId: order.id, channel: 'joom', externalId: 'ext-1' }],
    ['with its account', { orderId: order.id, channel: 'joom', externalId: 'ext-1', account: 'main' }],
    ['the orderId alone', { orderId: order.id }],
    ['the channel target alone', { channel: 'joom', externalId: 'ext-1' }],
    ['a REST body (no target fields)', {}],
  ])('accepts %s', (_case, target) => {
    expect(cancel(target)).not.toThrow();
  });
});
