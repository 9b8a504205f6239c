import { GatewayConfig } from '@app/config';
import { parseCommandJob } from '@app/queues';
import { orderIdFor } from '@app/store';
import { commandRequest } from './command-request';

const config = { channels: { joom: { apiVersion: 'v3', account: 'main' }, akinon: { account: 'main' } } } as unknown as GatewayConfig;
const orderId = orderIdFor('joom', 'main', 'ext-1');
const request = (target: Record<string, unknown>) => () => commandRequest(parseCommandJob('cancel', { reason: 'other', ...target }), { queueName: 'order-commands', id: '41' }, '41', 1, config);

describe('commandRequest: the order a queue job names', () => {
  it.each([
    ['another externalId', { channel: 'joom', externalId: 'ext-2' }],
    ['another channel', { channel: 'akinon', externalId: 'ext-1' }],
    ['another account', { channel: 'joom', externalId: 'ext-1', account: 'second' }],
  ])('refuses an orderId and a channel target that name different orders (%s)', (_case, target) => {
    const build = request({ orderId, ...target });
    expect(build).toThrow(expect.objectContaining({ code: 'invalid_command_job' }));
    expect(build).toThrow(/^orderId ord_\w+ is not the order channel \w+, externalId ext-\d, account \w+ names/);
  });

  it.each([
    ['the same order named both ways', { orderId, channel: 'joom', externalId: 'ext-1' }],
    ['with its account', { orderId, channel: 'joom', externalId: 'ext-1', account: 'main' }],
    ['the orderId alone', { orderId }],
    ['the channel target alone', { channel: 'joom', externalId: 'ext-1' }],
  ])('takes %s as that order', (_case, target) => {
    expect(request(target)().orderId).toBe(orderId);
  });

  it('strips the target fields from the body, names the chain, and correlates the command with its job', () => {
    expect(request({ orderId, requestedBy: 'crm' })()).toEqual({
      name: 'cancel',
      orderId,
      body: { reason: 'other' },
      requestedBy: 'crm',
      correlationId: 'order-commands/41',
      chainId: '41',
      mayExist: false,
      idempotent: false,
    });
  });
});
