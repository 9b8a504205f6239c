import { readFileSync } from 'node:fs';

/** VmRSS and VmHWM (peak RSS over the process's life) of a process, in MB, from /proc (Linux). */
export function readMemory(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; keeps the series (seconds since start, MB). */
export class RssSampler {
  readonly series: [number, number][] = [];
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  get peakMb(): number {
    return Math.max(...this.series.map(([, mb]) => mb));
  }

  stop(): { peakMb: number; hwmMb: number | null } {
    clearInterval(this.timer);
    this.sample();
    return { peakMb: this.peakMb, hwmMb: readMemory(this.pid)?.hwmMb ?? null };
  }

  private sample(): void {
    const memory = readMemory(this.pid);
    if (memory) this.series.push([(Date.now() - this.started) / 1000, memory.rssMb]);
  }
}
