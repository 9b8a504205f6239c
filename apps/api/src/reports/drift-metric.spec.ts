import { Registry } from 'prom-client';
import { DriftMetric } from './drift-metric';
import { DriftCounts, DriftReport } from './drift-report.service';

const COUNTS: DriftCounts = { flexport_shipped_not_on_channel: 3, provider_ahead: 1, channel_behind: 0, channel_ahead: 2 };

function scrapeWith(count: () => Promise<DriftCounts>) {
  const registry = new Registry();
  new DriftMetric(registry, { count } as unknown as DriftReport);
  return registry.metrics();
}

describe('DriftMetric', () => {
  it('exports gateway_drift_orders for every kind, zeros included', async () => {
    const text = await scrapeWith(async () => COUNTS);
    expect(text).toContain('gateway_drift_orders{kind="flexport_shipped_not_on_channel"} 3');
    expect(text).toContain('gateway_drift_orders{kind="channel_behind"} 0');
    expect(text).toContain('gateway_drift_orders{kind="channel_ahead"} 2');
  });

  it('leaves the gauge empty when no count is available', async () => {
    const text = await scrapeWith(() => Promise.reject(new Error('store down')));
    expect(text).toContain('# TYPE gateway_drift_orders gauge');
    expect(text).not.toContain('gateway_drift_orders{');
  });

  it('does not hold the scrape for a slow first count', async () => {
    jest.useFakeTimers();
    try {
      const scrape = scrapeWith(() => new Promise(() => undefined));
      await jest.advanceTimersByTimeAsync(1_000);
      expect(await scrape).not.toContain('gateway_drift_orders{');
    } finally {
      jest.useRealTimers();
    }
  });
});
