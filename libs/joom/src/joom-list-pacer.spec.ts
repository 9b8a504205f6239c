import { AxiosInstance } from 'axios';
import { StaticJoomToken } from './joom-access-tokens';
import { JoomListPacer, PacerClock } from './joom-list-pacer';
import { JoomV3Client } from './joom-v3.client';
import { buildV3Order } from './testing/joom-v3.fixtures';

/** A clock that only moves when the pacer sleeps. */
function fakeClock(start = 1_000_000): PacerClock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

const quota = (limit: number, remaining: number, reset: number) => ({ 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(reset) });

/** List calls paced on X-Rate-Limit-Remaining / -Reset (docs/api-decisions.md JO-8). */
describe('JoomListPacer', () => {
  it('does not wait without headers, or while the window has room', async () => {
    const clock = fakeClock();
    const pacer = new JoomListPacer(clock);
    await pacer.beforeCall();
    pacer.observe(quota(50, 40, 30));
    await pacer.beforeCall();
    expect(clock.slept).toEqual([]);
  });

  it('spreads the last tenth of the window over the time left, then waits for the next window', () => {
    const clock = fakeClock();
    const pacer = new JoomListPacer(clock);
    pacer.observe(quota(50, 5, 30));
    expect(pacer.delayMs()).toBe(5_000); // 30 s over the 5 calls left + 1
    pacer.observe(quota(50, 0, 12));
    expect(pacer.delayMs()).toBe(12_000);
    expect(pacer.delayMs(clock.now() + 12_000)).toBe(0);
  });

  it('never waits longer than a minute (or RATE_LIMIT_MAX_WAIT_MS), whatever Reset says', () => {
    const pacer = new JoomListPacer(fakeClock());
    pacer.observe(quota(50, 0, 86_400));
    expect(pacer.delayMs()).toBe(60_000);
    const capped = new JoomListPacer(fakeClock(), 2_000);
    capped.observe(quota(50, 0, 3_600));
    expect(capped.delayMs()).toBe(2_000);
  });

  it('a backlog of list calls against a 50-a-minute window is never refused', async () => {
    const clock = fakeClock();
    let windowStart = clock.now();
    let used = 0;
    let refused = 0;
    const http = {
      request: async () => {
        if (clock.now() >= windowStart + 60_000) [windowStart, used] = [clock.now(), 0];
        const reset = Math.ceil((windowStart + 60_000 - clock.now()) / 1000);
        if (used >= 50) {
          refused++;
          return { status: 429, headers: quota(50, 0, reset), data: { errors: [{ code: 'too_many_requests' }] } };
        }
        used++;
        return { status: 200, headers: quota(50, 50 - used, reset), data: { data: { items: [buildV3Order()] }, paging: { next: 'https://api-merchant.joom.com/api/v3/orders/multi?after=x' } } };
      },
    } as unknown as AxiosInstance;
    const client = new JoomV3Client({ http, tokens: new StaticJoomToken('t') }, 'https://api-merchant.joom.com', new JoomListPacer(clock));
    for (let page = 0; page < 200; page++) await client.listChanged(null, null, 500);
    expect(refused).toBe(0);
    // 200 calls at 50 a minute need at least three more windows; pacing takes little more than that.
    expect(clock.now() - 1_000_000).toBeGreaterThanOrEqual(180_000);
    expect(clock.now() - 1_000_000).toBeLessThan(250_000);
  });
});
