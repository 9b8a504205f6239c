import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (utime/stime in /proc are counted in these). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU used by each named process between `start()` and the returned
 * function's call — where a round's work actually ran (worker, sandbox,
 * Redis, the harness that runs the baselines), on a machine where they all
 * share the same cores.
 */
export function startCpuMeter(pids: Record<string, number>): () => Record<string, string> {
  const used = startCpuSecondsMeter(pids);
  return () => Object.fromEntries(Object.entries(used()).map(([name, seconds]) => [`cpu.${name}`, `${seconds.toFixed(2)}s`]));
}

/** The same, in CPU seconds per process (a process that is gone is left out). */
export function startCpuSecondsMeter(pids: Record<string, number>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return () =>
    Object.fromEntries(
      Object.entries(pids).flatMap(([name, pid]) => {
        const [start, end] = [before[name], cpuSeconds(pid)];
        return start === null || end === null ? [] : [[name, end - start]];
      }),
    );
}
