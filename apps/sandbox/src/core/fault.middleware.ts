import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { FAULT_MARK, FaultKind } from './call-log';
import { FaultInjector } from './fault-injector';
import { apiForPath } from './simulator';
import { SimulatorRegistry } from './simulator-registry';

/**
 * Applies the injected faults before a request reaches its simulator. Errors
 * and 429s are written by the simulator's own `sendError` / `rateLimitHeaders`,
 * so a client sees them in the shape the real API would use.
 */
@Injectable()
export class FaultMiddleware implements NestMiddleware {
  constructor(
    private readonly faults: FaultInjector,
    private readonly registry: SimulatorRegistry,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const api = apiForPath(req.originalUrl);
    const decision = api ? this.faults.decide(api) : null;
    if (!api || !decision) return next();
    const { outcome, config } = decision;
    const apply = (): void => {
      if (outcome !== 'none') (req as unknown as Record<symbol, FaultKind>)[FAULT_MARK] = outcome;
      const simulator = this.registry.get(api);
      const sendError = (status: number, message: string): void => {
        if (simulator) simulator.sendError(res, status, message);
        else res.status(status).json({ error: message });
      };
      switch (outcome) {
        case 'none':
          return next();
        case 'drop':
          req.socket.destroy();
          return;
        case 'hang':
          this.faults.hold(res);
          return;
        case 'hang_after':
          swallowAnswer(res);
          this.faults.hold(res);
          return next();
        case 'rate_limit':
          res.set(simulator?.rateLimitHeaders(config.retryAfterSeconds) ?? { 'Retry-After': String(config.retryAfterSeconds) });
          return sendError(429, `Request was throttled. Expected available in ${config.retryAfterSeconds} seconds.`);
        case 'error':
          return sendError(config.errorStatus, `Injected fault: HTTP ${config.errorStatus}`);
      }
    };
    if (config.latencyMs > 0) setTimeout(apply, config.latencyMs);
    else apply();
  }
}

/** The simulator runs and "answers", but nothing reaches the socket: the effect happened, the client never hears of it. */
function swallowAnswer(res: Response): void {
  const silent = res as unknown as Record<'writeHead' | 'write' | 'end', (...args: unknown[]) => unknown>;
  silent.writeHead = () => res;
  silent.write = () => true;
  silent.end = () => res;
}
