/**
 * At most `permits` list requests of this api process work at once; the
 * others wait their turn in arrival order. A list page is tens of Redis
 * calls and a few hundred kB of bytes to assemble, a single-order read one
 * HMGET: without a gate, eight clients paging at once filled Redis's queue
 * and the event loop, and every read waited behind them (README *Order
 * store* › Listing). The gate bounds that queue; a waiting list request costs
 * nothing but its socket.
 */
export class ListGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly permits: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.permits) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The permit passes straight to the next waiter: `active` stays as it is.
      if (next) next();
      else this.active--;
    }
  }
}
