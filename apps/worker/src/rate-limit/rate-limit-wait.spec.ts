import { cappedWaitMs, RateLimitWait } from './rate-limit-wait';

/** No single 429 may pause a queue past the cap (docs/api-decisions.md JO-8). */
describe('rate-limit waits', () => {
  it.each([
    [7_000, 0, 7_000],
    [7_000, 1, 7_700],
    [30_000, 1, 31_000],
    [3_600_000, 0, 60_000],
    [3_600_000, 1, 59_000],
    [60_000, 0.5, 59_500],
    [0, 1, 0],
    [-5, 1, 0],
    [Number.NaN, 1, 0],
  ])('asked %i ms with jitter draw %p → %i ms', (asked, draw, expected) => {
    expect(cappedWaitMs(asked, 60_000, () => draw)).toBe(expected);
  });

  it('never exceeds the cap, whatever the header asked', () => {
    const wait = new RateLimitWait({ rateLimitMaxWaitMs: 5_000 });
    for (const asked of [1, 4_999, 5_000, 86_400_000]) for (const draw of [0, 0.37, 0.999]) expect(wait.of(asked, () => draw)).toBeLessThanOrEqual(5_000);
    expect(new RateLimitWait().maxWaitMs).toBe(60_000);
  });
});
