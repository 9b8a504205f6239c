import { Injectable } from '@nestjs/common';
import { RemoteSystemName } from '@app/queues';

/** How many calls to one external system a worker process makes at once: its step jobs and direct steps together. */
export const SYSTEM_CONCURRENCY = 8;

interface Waiter {
  grant(): void;
}

/**
 * The per-system concurrency of one worker process, counted in process so
 * that a step run inside its intake job (the direct path) and the system's
 * step worker share one budget. Whoever waits is served first come, first
 * served: a freed slot goes straight to the longest waiter. Step jobs wait as
 * long as it takes; a direct step waits a bounded time and otherwise goes to
 * its queue.
 */
@Injectable()
export class SystemSlots {
  private readonly inUse = new Map<RemoteSystemName, number>();
  private readonly waiting = new Map<RemoteSystemName, Waiter[]>();

  tryTake(system: RemoteSystemName): boolean {
    const used = this.inUse.get(system) ?? 0;
    if (used >= SYSTEM_CONCURRENCY) return false;
    this.inUse.set(system, used + 1);
    return true;
  }

  /** Takes a slot, waiting for one at most `timeoutMs` (unbounded when omitted); false when none came in time. */
  take(system: RemoteSystemName, timeoutMs?: number): Promise<boolean> {
    if (this.tryTake(system)) return Promise.resolve(true);
    const waiters = this.waitersOf(system);
    return new Promise<boolean>((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const waiter: Waiter = {
        grant: () => {
          if (timer) clearTimeout(timer);
          resolve(true);
        },
      };
      waiters.push(waiter);
      if (timeoutMs === undefined) return;
      timer = setTimeout(() => {
        // Still queued: `grant` shifts a waiter out and clears its timer in the same tick.
        waiters.splice(waiters.indexOf(waiter), 1);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  async run<T>(system: RemoteSystemName, work: () => Promise<T>): Promise<T> {
    await this.take(system);
    try {
      return await work();
    } finally {
      this.release(system);
    }
  }

  release(system: RemoteSystemName): void {
    const used = this.inUse.get(system) ?? 0;
    if (used === 0) throw new Error(`${system} slot released but none was taken`);
    const next = this.waiting.get(system)?.shift();
    if (next) next.grant();
    else this.inUse.set(system, used - 1);
  }

  /** Slots taken now (for tests and diagnostics). */
  taken(system: RemoteSystemName): number {
    return this.inUse.get(system) ?? 0;
  }

  private waitersOf(system: RemoteSystemName): Waiter[] {
    let waiters = this.waiting.get(system);
    if (!waiters) this.waiting.set(system, (waiters = []));
    return waiters;
  }
}
