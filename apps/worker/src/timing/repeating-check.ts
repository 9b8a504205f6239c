import { Logger } from '@nestjs/common';

/**
 * A check a worker runs every interval (the ship-by watch, the routing
 * backlog): never two at once — a tick that finds the previous run still
 * going (a slow Redis) is skipped — and a failure is logged and left to the
 * next tick, since what the check reads stays in Redis. The timer is
 * unref'd: it never keeps a stopping process alive.
 */
export class RepeatingCheck {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly logger: Logger,
    /** What the check is, for its failure line: "ship-by check". */
    private readonly name: string,
    private readonly run: () => Promise<void>,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.run().catch((error: Error) => this.logger.warn(`${this.name} failed: ${error.message}`));
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }
}
