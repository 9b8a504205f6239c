import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ensureCorrelationId } from './flexport.errors';

/** Puts `x-correlation-id` on every Flexport response, successes included (errors set it themselves). */
@Injectable()
export class FlexportCorrelationMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    ensureCorrelationId(req, res);
    next();
  }
}
