import { AlternatingResult } from './ab-rounds';

/** One line of the bench table (and of the JSON report). */
export interface FigureRow {
  figure: string;
  unit: string;
  gateway: number;
  /** Null where the figure has no baseline (worker memory). */
  bare: number | null;
  /** gateway / bare. */
  ratio: number | null;
  goal: string;
  pass: boolean;
  /** Every measured round, warm-up excluded, for the JSON report. */
  samples?: { gateway: number[]; bare: number[] };
  details?: Record<string, unknown>;
  notes: string[];
}

/** A throughput-like row: higher is better, pass when gateway/bare reaches `minRatio`. */
export function ratioRow(figure: string, unit: string, result: AlternatingResult, minRatio: number, notes: string[]): FigureRow {
  const ratio = result.median.gateway / result.median.bare;
  return {
    figure,
    unit,
    gateway: result.median.gateway,
    bare: result.median.bare,
    ratio,
    goal: `≥ ${minRatio} of bare`,
    pass: ratio >= minRatio,
    samples: { gateway: result.rounds.gateway.map((s) => s.value), bare: result.rounds.bare.map((s) => s.value) },
    details: {
      warmup: result.warmup,
      rounds: result.rounds,
    },
    notes,
  };
}
