import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes';

/** One row of the fault suite's report: what one scenario measured. */
export interface FaultReportRow {
  scenario: string;
  /** The fault, in a few words. */
  fault: string;
  /** Commands the gateway accepted (202s with distinct job ids, or jobs added to the queue). */
  accepted: number;
  completed: number;
  failed: number;
  /** Failed commands by reason (the error's code, or its text with ids blanked). */
  failedReasons: Record<string, number>;
  /** accepted − completed − failed: must be 0. */
  lost: number;
  /** Ledger entries at the sandbox beyond one effect per (order, effect): must be 0. */
  duplicateSideEffects: number;
  /** History entries whose from → to is not in the transition table, or that break the chain: must be 0. */
  illegalTransitions: number;
  recoverySeconds: number | null;
  recoveryDefinition: string;
  /** Scenario-specific numbers (faults injected, commands refused while Redis was down…). */
  extra: Record<string, number | string>;
  durationSeconds: number;
  measuredAt: string;
}

export const REPORT_FILE = join(ROOT, '.data', 'faults-report.json');

/** Adds (or replaces) the scenario's row in `.data/faults-report.json`, so the whole suite ends with one file. */
export function saveRow(row: FaultReportRow): void {
  const rows = readRows().filter((existing) => existing.scenario !== row.scenario);
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  writeFileSync(REPORT_FILE, `${JSON.stringify([...rows, row], null, 2)}\n`);
}

export function readRows(): FaultReportRow[] {
  if (!existsSync(REPORT_FILE)) return [];
  try {
    return JSON.parse(readFileSync(REPORT_FILE, 'utf8')) as FaultReportRow[];
  } catch {
    return [];
  }
}

/** Saves the row and prints it straight to stdout (not console.log, which jest decorates). */
export function reportRow(row: FaultReportRow): void {
  saveRow(row);
  process.stdout.write(`\n${formatTable([row])}\n`);
}

const COLUMNS: [string, (row: FaultReportRow) => string][] = [
  ['scenario', (row) => row.scenario],
  ['accepted', (row) => String(row.accepted)],
  ['completed', (row) => String(row.completed)],
  ['failed', (row) => String(row.failed)],
  ['lost', (row) => String(row.lost)],
  ['dup. effects', (row) => String(row.duplicateSideEffects)],
  ['illegal trans.', (row) => String(row.illegalTransitions)],
  ['recover (s)', (row) => (row.recoverySeconds === null ? '–' : row.recoverySeconds.toFixed(1))],
  ['took (s)', (row) => row.durationSeconds.toFixed(0)],
];

/** A plain-text table, then per row its fault, failure reasons, recovery definition and extras. */
export function formatTable(rows: FaultReportRow[]): string {
  const cells = rows.map((row) => COLUMNS.map(([, cell]) => cell(row)));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const line = (values: string[]) => values.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i]))).join('  ');
  const out = [line(COLUMNS.map(([title]) => title)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  for (const row of rows) {
    out.push(`  ${row.scenario}: ${row.fault}`);
    const reasons = Object.entries(row.failedReasons);
    if (reasons.length > 0) out.push(`    failed: ${reasons.map(([reason, n]) => `${n} × ${reason}`).join('; ')}`);
    out.push(`    recovery: ${row.recoveryDefinition}`);
    const extra = Object.entries(row.extra);
    if (extra.length > 0) out.push(`    ${extra.map(([key, value]) => `${key}=${value}`).join(', ')}`);
  }
  return out.join('\n');
}
