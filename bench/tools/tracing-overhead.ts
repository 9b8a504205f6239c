/**
 * What tracing costs: compares a bench report with its BENCH_TRACING=1 twin
 * (same figures) and prints, per figure, the gateway's value untraced and
 * traced, their ratio, and the CPU ms per command of api and worker. The
 * bare side runs untraced in both reports: how far it moved between the two
 * runs is how much of the difference is the machine.
 *
 *   npx tsx bench/tools/tracing-overhead.ts [.data/bench-report-rest-commands.json]
 */
import { readFileSync } from 'node:fs';
import { median } from '../support/stats';

interface Row {
  figure: string;
  unit: string;
  gateway: number;
  bare: number | null;
  details?: { rounds?: { gateway: { detail?: Record<string, unknown> }[] } };
}

const plain = process.argv[2] ?? '.data/bench-report-rest-commands.json';
const traced = plain.replace(/\.json$/, '-tracing.json');
const rows = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { figures: Row[] }).figures;
const cpu = (row: Row, process: string) => {
  const values = (row.details?.rounds?.gateway ?? []).map((round) => Number(round.detail?.[`cpuMsPerCmd.${process}`])).filter(Number.isFinite);
  return values.length > 0 ? median(values).toFixed(2) : '—';
};

const on = new Map(rows(traced).map((row) => [row.figure, row]));
for (const off of rows(plain)) {
  const row = on.get(off.figure);
  if (!row) continue;
  process.stdout.write(
    `${off.figure}: ${off.gateway.toFixed(0)} → ${row.gateway.toFixed(0)} ${off.unit} with tracing (× ${(row.gateway / off.gateway).toFixed(2)}); ` +
      `CPU ms per command api ${cpu(off, 'api')} → ${cpu(row, 'api')}, worker ${cpu(off, 'worker')} → ${cpu(row, 'worker')}; ` +
      `bare side (untraced both times) ${off.bare?.toFixed(0)} → ${row.bare?.toFixed(0)}\n`,
  );
}
