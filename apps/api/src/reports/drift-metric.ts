import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DriftCounts, DriftReport } from './drift-report.service';
import { DRIFT_KINDS } from './drift.types';

/** How long a scrape waits for the first count; after that it answers without the gauge. */
const SCRAPE_WAIT_MS = 1_000;

/**
 * `gateway_drift_orders{kind}`: orders GET /v1/reports/drift would list, per
 * kind, from DriftReport.count() (a full scan at most every 60 s). Every kind
 * is exported, 0 included, so each series exists from the first count; the
 * gauge is left empty while no count is available (first scan still running,
 * Redis down) rather than showing a guess.
 */
@Injectable()
export class DriftMetric {
  constructor(registry: Registry, report: DriftReport) {
    new Gauge({
      name: 'gateway_drift_orders',
      help: 'Orders whose canonical state disagrees with their channel or Flexport, by kind (recounted at most every 60 s)',
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        const counts = await withinScrape(report.count());
        this.reset();
        if (counts) for (const kind of DRIFT_KINDS) this.set({ kind }, counts[kind]);
      },
    });
  }
}

/** The counts, or null when they fail or take longer than SCRAPE_WAIT_MS (the scan keeps going and fills the cache). */
function withinScrape(counting: Promise<DriftCounts>): Promise<DriftCounts | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SCRAPE_WAIT_MS)));
  return Promise.race([counting.catch(() => null), timeout]).finally(() => clearTimeout(timer));
}
