import { Injectable } from '@nestjs/common';
import { RemoteSystemName } from '@app/queues';

/** How many calls to one external system a worker process makes at once: its step jobs and direct steps together. */
export const SYSTEM_CONCURRENCY = 8;

/**
 * The per-system concurrency of one worker process, counted in process so
 * that a step run inside its intake job (the direct path) and the system's
 * step worker share one budget. Step jobs wait for a slot; a direct step
 * only takes a free one and otherwise goes to its queue. A freed slot goes
 * straight to the longest-waiting step job.
 */
@Injectable()
export class SystemSlots {
  private readonly inUse = new Map<RemoteSystemName, number>();
  private readonly waiting = new Map<RemoteSystemName, (() => void)[]>();

  tryTake(system: RemoteSystemName): boolean {
    const used = this.inUse.get(system) ?? 0;
    if (used >= SYSTEM_CONCURRENCY) return false;
    this.inUse.set(system, used + 1);
    return true;
  }

  async run<T>(system: RemoteSystemName, work: () => Promise<T>): Promise<T> {
    if (!this.tryTake(system)) await new Promise<void>((resolve) => this.waitersOf(system).push(resolve));
    try {
      return await work();
    } finally {
      this.release(system);
    }
  }

  release(system: RemoteSystemName): void {
    const next = this.waiting.get(system)?.shift();
    if (next) next();
    else this.inUse.set(system, (this.inUse.get(system) ?? 1) - 1);
  }

  /** Slots taken now (for tests and diagnostics). */
  taken(system: RemoteSystemName): number {
    return this.inUse.get(system) ?? 0;
  }

  private waitersOf(system: RemoteSystemName): (() => void)[] {
    let waiters = this.waiting.get(system);
    if (!waiters) this.waiting.set(system, (waiters = []));
    return waiters;
  }
}
