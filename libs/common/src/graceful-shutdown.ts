import type { INestApplicationContext } from '@nestjs/common';
import { stopTracing } from './tracing/start-tracing';

/**
 * SIGTERM / SIGINT close the application — BullMQ workers wait for their
 * active jobs, HTTP servers stop accepting — and then exit 0, so an
 * orchestrator sees a clean stop. Spans still batched are exported before the
 * exit (when tracing is on). A second signal exits at once.
 */
export function exitGracefully(app: INestApplicationContext, log: (message: string) => void): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    log(`${signal} received: draining`);
    app
      .close()
      .then(() => stopTracing())
      .then(
        () => process.exit(0),
        (error: Error) => {
          log(`shutdown failed: ${error.message}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
