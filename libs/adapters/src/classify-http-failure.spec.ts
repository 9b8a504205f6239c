import { classifyHttpFailure, classifyTransportError, retryAfterMs } from './classify-http-failure';
import { RemoteNotFoundError, RemoteRefusedError, RemoteTransientError } from './remote-errors';

describe('classifyHttpFailure', () => {
  it.each([
    [500, RemoteTransientError],
    [502, RemoteTransientError],
    [503, RemoteTransientError],
    [429, RemoteTransientError],
    [408, RemoteTransientError],
    [400, RemoteRefusedError],
    [401, RemoteRefusedError],
    [403, RemoteRefusedError],
    [409, RemoteRefusedError],
    [422, RemoteRefusedError],
  ])('%i → %p', (status, type) => {
    expect(classifyHttpFailure('joom', { status, headers: {}, message: 'm' })).toBeInstanceOf(type);
  });

  it('maps 404 to not-found when it knows what was missing', () => {
    expect(classifyHttpFailure('akinon', { status: 404, headers: {}, message: 'Not found.', what: 'order 1' })).toBeInstanceOf(RemoteNotFoundError);
  });

  it('keeps the remote message and code on refusals', () => {
    const error = classifyHttpFailure('joom', { status: 400, headers: {}, message: 'Order is not approved', remoteCode: '1000' }) as RemoteRefusedError;
    expect(error.message).toContain('Order is not approved');
    expect(error.remoteCode).toBe('1000');
  });

  it('carries the wait of a 429', () => {
    const error = classifyHttpFailure('joom', { status: 429, headers: { 'x-rate-limit-reset': '17' }, message: 'slow down' }) as RemoteTransientError;
    expect(error.code).toBe('marketplace_rate_limited');
    expect(error.retryAfterMs).toBe(17_000);
  });

  it('treats transport errors as transient', () => {
    expect(classifyTransportError('flexport', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeInstanceOf(RemoteTransientError);
  });
});

describe('retryAfterMs', () => {
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': new Date(10_000).toUTCString() }, 10_000],
    [{ 'x-rate-limit-reset': '42' }, 42_000],
    [{}, null],
    [{ 'retry-after': 'soon' }, null],
  ])('%j → %p', (headers, expected) => {
    expect(retryAfterMs(headers, 0)).toBe(expected);
  });
});
