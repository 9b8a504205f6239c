import { RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { LineNotFoundError } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { assertRejectLines, runGuarded } from './joom-commands';
import { multiplyDecimal, normalizeDecimal } from './joom-decimal';
import { InvalidCursorError, UntrustedPagingLinkError } from './joom-errors';
import { decodeCursor, encodeCursor, resumePoint, trustedNextQuery } from './joom-paging';
import { isoToV2Time, joomTimeToIso } from './joom-time';

describe('decimals', () => {
  it.each([
    ['17.6', '17.60'],
    ['8', '8.00'],
    ['0.125', '0.125'],
    ['-1.5', '-1.50'],
    // Missing or not a decimal: null (flagged amount_missing), never "0.00" or the raw text.
    [undefined, null],
    [null, null],
    ['', null],
    ['n/a', null],
  ])('normalizes %p → %p', (value, expected) => {
    expect(normalizeDecimal(value)).toBe(expected);
  });

  it.each([
    ['0.10', 3, '0.30'],
    ['2.35', 3, '7.05'],
    ['0.1', 7, '0.70'],
    ['1499.99', 12, '17999.88'],
    ['2', 0, '0.00'],
    [undefined, 2, null],
    ['1.5', 1.5, null],
  ])('multiplies %p × %i = %p exactly', (value, times, expected) => {
    expect(multiplyDecimal(value, times)).toBe(expected);
  });
});

describe('times', () => {
  it('reads zoneless v2 times as UTC and keeps non-times raw', () => {
    expect(joomTimeToIso('2013-12-06T20:20:20')).toBe('2013-12-06T20:20:20.000Z');
    expect(joomTimeToIso('2014-01-20')).toBe('2014-01-20T00:00:00.000Z');
    expect(joomTimeToIso('2024-03-01T10:00:30.123+01:00')).toBe('2024-03-01T09:00:30.123Z');
    expect(joomTimeToIso('soon')).toBe('soon');
    expect(joomTimeToIso(undefined)).toBeNull();
    expect(isoToV2Time('2024-03-01T10:00:30.999Z')).toBe('2024-03-01T10:00:30');
  });
});

describe('paging', () => {
  it('round-trips a cursor and refuses one for the other version or garbage', () => {
    const cursor = encodeCursor('v2', { since: null, start: 200 });
    const check = (raw: Record<string, unknown>) => (typeof raw.start === 'number' ? { start: raw.start } : null);
    expect(decodeCursor('v2', cursor, check)).toEqual({ start: 200 });
    expect(() => decodeCursor('v3', cursor, check)).toThrow(InvalidCursorError);
    expect(() => decodeCursor('v2', 'not-a-cursor', check)).toThrow(InvalidCursorError);
    expect(() => decodeCursor('v2', encodeCursor('v2', { start: 'x' }), check)).toThrow(InvalidCursorError);
  });

  const base = 'https://api-merchant.joom.com';

  it("follows a next link on the configured host, tolerating the document's doubled '??'", () => {
    expect(trustedNextQuery(`${base}/api/v2/order/multi-get??start=300&limit=100&since=2014-01-20`, base, '/api/v2/order/multi-get')?.get('start')).toBe('300');
    expect(trustedNextQuery(`${base}/prefix/api/v3/orders/multi?after=abc`, `${base}/prefix/`, '/api/v3/orders/multi')?.get('after')).toBe('abc');
    expect(trustedNextQuery(undefined, base, '/api/v2/order/multi-get')).toBeNull();
  });

  it.each([
    ['https://api-merchant.joom.it/api/v2/order/multi-get?start=300', 'another host'],
    ['http://api-merchant.joom.com/api/v2/order/multi-get?start=300', 'another scheme'],
    ['https://api-merchant.joom.com/api/v2/product/multi-get?start=300', 'another endpoint'],
    ['/api/v2/order/multi-get?start=300', 'a relative link'],
  ])('refuses %s (%s)', (link) => {
    expect(() => trustedNextQuery(link, base, '/api/v2/order/multi-get')).toThrow(UntrustedPagingLinkError);
  });

  it('resumes from the newest update seen (or the run start, if earlier), minus the overlap, never before `from`', () => {
    const from = '2024-01-01T00:00:00.000Z';
    expect(resumePoint({ from, newestSeen: '2024-01-02T00:00:30.000Z', began: null, overlapMs: 30_000 })).toBe('2024-01-02T00:00:00.000Z');
    expect(resumePoint({ from, newestSeen: '2024-01-03T00:00:00.000Z', began: '2024-01-02T00:00:00.000Z', overlapMs: 0 })).toBe('2024-01-02T00:00:00.000Z');
    expect(resumePoint({ from, newestSeen: '2024-01-01T00:00:10.000Z', began: null, overlapMs: 30_000 })).toBe(from);
    expect(resumePoint({ from, newestSeen: null, began: null, overlapMs: 30_000 })).toBe(from);
    expect(resumePoint({ from: null, newestSeen: 'garbage', began: null, overlapMs: 0 })).toBeNull();
  });
});

describe('runGuarded', () => {
  const refused = new RemoteRefusedError('joom', 'joom refused (400): Only approved orders can be fulfilled', 400, 'invalid_state');

  it('answers alreadyDone without sending when the effect is there', async () => {
    const send = jest.fn();
    const result = await runGuarded({ read: async () => 'done', isDone: (r) => r === 'done', send });
    expect(result).toEqual({ alreadyDone: true, remote: 'done' });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends, then reads the order when the answer carried none', async () => {
    const reads = ['open', 'done'];
    const result = await runGuarded({ read: async () => reads.shift()!, isDone: () => false, send: async () => ({ details: { a: 1 } }) });
    expect(result).toEqual({ alreadyDone: false, remote: 'done', details: { a: 1 } });
  });

  it('turns a refusal into alreadyDone when a concurrent duplicate did it', async () => {
    const reads = ['open', 'done'];
    const result = await runGuarded({ read: async () => reads.shift()!, isDone: (r) => r === 'done', send: async () => Promise.reject(refused) });
    expect(result.alreadyDone).toBe(true);
  });

  it("keeps the marketplace's refusal when the effect is not there", async () => {
    await expect(runGuarded({ read: async () => 'open', isDone: () => false, send: async () => Promise.reject(refused) })).rejects.toBe(refused);
  });

  it('does not re-read on a transient failure (the retry will)', async () => {
    const read = jest.fn(async () => 'open');
    const transient = new RemoteTransientError('joom', 'joom answered 503', 503, null);
    await expect(runGuarded({ read, isDone: () => false, send: async () => Promise.reject(transient) })).rejects.toBe(transient);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('sends without reading first on a first attempt, and still reads to judge a refusal', async () => {
    const read = jest.fn(async () => 'done');
    const send = jest.fn(async () => ({ order: 'sent' }));
    expect(await runGuarded({ read, isDone: (r) => r === 'done', send }, { readFirst: false })).toEqual({ alreadyDone: false, remote: 'sent' });
    expect(read).not.toHaveBeenCalled();

    const refusal = await runGuarded({ read, isDone: (r) => r === 'done', send: async () => Promise.reject(refused) }, { readFirst: false });
    expect(refusal).toEqual({ alreadyDone: true, remote: 'done' });
    expect(read).toHaveBeenCalledTimes(1);
  });
});

describe('assertRejectLines', () => {
  const order = buildOrder({ externalId: 'A1', lines: [buildLine({ id: 'ln_A1' })] });

  it('accepts the one line, or no line ids (= the whole order)', () => {
    expect(assertRejectLines(order, ['ln_A1'])).toEqual(['ln_A1']);
    expect(assertRejectLines(order, undefined)).toEqual(['ln_A1']);
  });

  it('refuses another line with LineNotFoundError', () => {
    expect(() => assertRejectLines(order, ['ln_A1', 'ln_B2'])).toThrow(LineNotFoundError);
    expect(() => assertRejectLines(order, ['ln_B2'])).toThrow(expect.objectContaining({ lineIds: ['ln_B2'] }));
  });
});
