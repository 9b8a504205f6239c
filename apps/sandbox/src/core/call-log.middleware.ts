import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CallLog } from './call-log';

/** Logs every call except the control plane's own (tests read the log, they should not pollute it). */
@Injectable()
export class CallLogMiddleware implements NestMiddleware {
  constructor(private readonly calls: CallLog) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (!req.originalUrl.startsWith('/__sandbox')) this.calls.track(req, res);
    next();
  }
}
