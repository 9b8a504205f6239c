import { parseStepJob } from './step-job-validation';

const step = (extra: Record<string, unknown> = {}) => ({
  chainId: 'cmd-1',
  command: 'cancel',
  orderId: 'ord_0123456789abcdef01234567',
  payload: { reason: 'other' },
  requestedBy: 'api-key:0a1b2c3d',
  plan: [{ system: 'joom', step: 'channel-cancel' }],
  index: 0,
  ...extra,
});

describe('parseStepJob: correlationId', () => {
  it('is optional, and kept when it is a sane id', () => {
    expect(parseStepJob('channel-cancel', step()).correlationId).toBeUndefined();
    expect(parseStepJob('channel-cancel', step({ correlationId: 'order-commands/42' })).correlationId).toBe('order-commands/42');
    // A producer's job id may be as long as a chain id (400): its <queue>/<job id> still passes.
    const long = `order-commands/${'j'.repeat(400)}`;
    expect(parseStepJob('channel-cancel', step({ correlationId: long })).correlationId).toBe(long);
  });

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['a control character', 'req\n1'],
    ['451 characters', 'x'.repeat(451)],
  ])('refuses %s, naming the field', (_case, correlationId) => {
    expect(() => parseStepJob('channel-cancel', step({ correlationId }))).toThrow(expect.objectContaining({ code: 'invalid_command_job', message: expect.stringContaining('correlationId') }));
  });
});
