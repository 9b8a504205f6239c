import { CallLog, redactQuery } from './call-log';

const call = (path: string) => ({ time: new Date().toISOString(), api: null, method: 'GET', path, query: {}, authHeaders: [], correlationId: null, status: 200, durationMs: 1, fault: null });

describe('CallLog', () => {
  it('is a ring buffer: keeps the newest `capacity` calls, oldest first, seq always increasing', () => {
    const log = new CallLog(3);
    for (let i = 1; i <= 5; i++) log.add(call(`/${i}`));
    expect(log.size).toBe(3);
    expect(log.list().map((c) => [c.seq, c.path])).toEqual([
      [3, '/3'],
      [4, '/4'],
      [5, '/5'],
    ]);
    expect(log.list({ since: 4 }).map((c) => c.path)).toEqual(['/5']);
  });

  it('defaults to 50,000 entries', () => {
    const log = new CallLog();
    for (let i = 0; i < 50_010; i++) log.add(call('/x'));
    expect(log.size).toBe(50_000);
    expect(log.list()[0].seq).toBe(11);
  });

  it('redacts credential query params, keeping repeated params as lists', () => {
    expect(redactQuery(new URLSearchParams('access_token=abc&Refresh_Token=def&a=1&a=2'))).toEqual({ access_token: '[redacted]', Refresh_Token: '[redacted]', a: ['1', '2'] });
  });
});
