import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchEnvironment } from './environment';
import { FigureRow } from './figure-row';
import { round } from './stats';

const HEADERS = ['figure', 'gateway', 'bare baseline', 'ratio', 'goal', 'result'];

function cells(row: FigureRow): string[] {
  return [
    row.figure,
    `${round(row.gateway)} ${row.unit}`,
    row.bare === null ? '—' : `${round(row.bare)} ${row.unit}`,
    row.ratio === null ? '—' : row.ratio.toFixed(2),
    row.goal,
    row.pass ? 'pass' : 'FAIL',
  ];
}

export function environmentLine(env: BenchEnvironment): string {
  return `${env.cores} cores (${env.cpu}), ${env.memoryGb} GB, load ${env.loadAverage.join(' ')} at start · Node ${env.node} · Redis ${env.redis} · commit ${env.commit} · ${env.date}`;
}

/** The table for a terminal: fixed-width columns. */
export function textTable(rows: FigureRow[], env: BenchEnvironment): string {
  const table = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i])).join(' │ ');
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  const notes = rows.flatMap((row) => row.notes.map((note) => `  · ${row.figure}: ${note}`));
  return [line(HEADERS), rule, ...table.slice(1).map(line), '', environmentLine(env), ...notes].join('\n');
}

/** The same table in Markdown, for the README. */
export function markdownTable(rows: FigureRow[], env: BenchEnvironment): string {
  const escape = (value: string) => value.replace(/\|/g, '\\|');
  return [
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
    '',
    `Measured with \`${env.command}\` — ${environmentLine(env)}.`,
    '',
    ...rows.flatMap((row) => row.notes.map((note) => `- ${row.figure}: ${note}`)),
    '',
  ].join('\n');
}

/** `bench-report.{json,md}` for a full run; a partial one (BENCH_ONLY) gets its own name and never replaces the README's table. */
export function writeReports(dir: string, name: string, rows: FigureRow[], env: BenchEnvironment): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const markdown = join(dir, `${name}.md`);
  writeFileSync(json, `${JSON.stringify({ environment: env, figures: rows }, null, 2)}\n`);
  writeFileSync(markdown, markdownTable(rows, env));
  return { json, markdown };
}
