/**
 * Where a process spent its CPU, from a V8 `.cpuprofile` (`node --cpu-prof`;
 * `BENCH_CPU_PROF_DIR=dir npm run bench` writes one per api / worker
 * process): self time by package (node_modules/<pkg>, node internals, the
 * gateway's own code, GC, idle) and the top functions by self time, plus the
 * inclusive time of the gateway's own frames.
 *
 *   npx tsx bench/tools/cpu-profile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function ownerOf(frame: CallFrame): string {
  if (frame.functionName === '(garbage collector)') return '(gc)';
  if (frame.functionName === '(idle)') return '(idle)';
  if (frame.functionName === '(program)') return '(program)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (packageMatch) return packageMatch[1];
  if (frame.url.startsWith('node:') || frame.url === '') return 'node (internals, native)';
  if (frame.url.includes('/dist/apps/')) return 'gateway (dist/apps)';
  return frame.url;
}

function label(frame: CallFrame): string {
  const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\/apps\//, 'dist/apps/');
  return `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
}

function summarize(path: string, top: number): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const totalMs = (profile.endTime - profile.startTime) / 1000;

  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    byOwner.set(ownerOf(frame), (byOwner.get(ownerOf(frame)) ?? 0) + ms);
    byFunction.set(label(frame), (byFunction.get(label(frame)) ?? 0) + ms);
  }
  const busyMs = totalMs - (byOwner.get('(idle)') ?? 0);
  const pct = (ms: number) => `${((100 * ms) / busyMs).toFixed(1).padStart(5)} %`;
  const table = (rows: Map<string, number>, skip: string[] = []) =>
    [...rows.entries()]
      .filter(([name]) => !skip.includes(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `  ${pct(ms)}  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  return [
    `${path}`,
    `  ${(totalMs / 1000).toFixed(1)} s profiled, ${(busyMs / 1000).toFixed(1)} s busy (not idle); percentages are of busy time`,
    'self time by owner:',
    ...table(byOwner, ['(idle)']),
    `top ${top} functions by self time:`,
    ...table(byFunction, ['(idle)  :0']),
  ].join('\n');
}

const [file, top] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/tools/cpu-profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
console.log(summarize(file, Number(top ?? 25)));
