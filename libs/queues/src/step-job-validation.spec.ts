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

describe('parseStepJob: traceparent', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('is optional, and kept when it is a W3C traceparent', () => {
    expect(parseStepJob('channel-cancel', step()).traceparent).toBeUndefined();
    expect(parseStepJob('channel-cancel', step({ traceparent })).traceparent).toBe(traceparent);
    expect(
      parseStepJob('push-tracking', { chainId: 'push-1', orderId: 'ord_0123456789abcdef01234567', payload: {}, requestedBy: 'gateway', plan: [], index: 0, cause: 'system', traceparent }).traceparent,
    ).toBe(traceparent);
  });

  it.each([
    ['a number', 42],
    ['a zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['free text', 'trace me'],
  ])('refuses %s, naming the field', (_case, value) => {
    expect(() => parseStepJob('channel-cancel', step({ traceparent: value }))).toThrow(
      expect.objectContaining({ code: 'invalid_command_job', message: expect.stringContaining('traceparent must be a W3C traceparent') }),
    );
  });
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
