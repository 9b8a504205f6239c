import { median } from './stats';

export type Side = 'gateway' | 'bare';

/** One measured run of one side; `value` is what the figure compares (higher or lower is better per figure). */
export interface Sample {
  value: number;
  /** Anything else worth keeping in the JSON report (p99, counts, seconds…). */
  detail?: Record<string, number | string>;
}

export interface AlternatingResult {
  warmup: Record<Side, Sample>;
  rounds: Record<Side, Sample[]>;
  median: Record<Side, number>;
}

/**
 * A warm-up pair (discarded: JIT, connection pools, Redis memory growth),
 * then `rounds` pairs whose order alternates — gateway first, then bare
 * first, … — so a machine that slowly speeds up or slows down (other jobs on
 * a shared box) does not favour one side. The median of each side is reported.
 */
export async function runAlternating(label: string, rounds: number, run: Record<Side, (round: number) => Promise<Sample>>, log: (line: string) => void): Promise<AlternatingResult> {
  const samples: Record<Side, Sample[]> = { gateway: [], bare: [] };
  let warmup: Partial<Record<Side, Sample>> = {};
  for (let round = 0; round <= rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['gateway', 'bare'] : ['bare', 'gateway'];
    for (const side of order) {
      const sample = await run[side](round);
      const tag = round === 0 ? 'warm-up' : `round ${round}/${rounds}`;
      log(`  ${label} ${tag} ${side.padEnd(7)} ${describe(sample)}`);
      if (round === 0) warmup = { ...warmup, [side]: sample };
      else samples[side].push(sample);
    }
  }
  return {
    warmup: warmup as Record<Side, Sample>,
    rounds: samples,
    median: { gateway: median(samples.gateway.map((s) => s.value)), bare: median(samples.bare.map((s) => s.value)) },
  };
}

function describe(sample: Sample): string {
  const extra = Object.entries(sample.detail ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return `${sample.value.toFixed(1)}${extra ? `  (${extra})` : ''}`;
}
