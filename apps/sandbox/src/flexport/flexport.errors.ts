import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** An RFC 7807 problem, the error shape of every Flexport Logistics endpoint. */
export class FlexportProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Every Flexport response carries one; an inbound `x-correlation-id` is echoed. */
export function ensureCorrelationId(req: Request, res: Response): void {
  if (res.getHeader('x-correlation-id')) return;
  const inbound = req.headers['x-correlation-id'];
  const sane = typeof inbound === 'string' && /^[\w.:-]{1,128}$/.test(inbound);
  res.setHeader('x-correlation-id', sane ? inbound : randomUUID());
}

export function writeProblem(res: Response, status: number, detail: string): void {
  const req = res.req as Request;
  ensureCorrelationId(req, res);
  const body = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    detail,
    instance: new URL(req.originalUrl, 'http://sandbox.local').pathname,
    status,
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/** Everything thrown inside the Flexport controller leaves as `application/problem+json`. */
@Catch()
export class FlexportExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('FlexportSimulator');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof FlexportProblem) return writeProblem(res, exception.status, exception.detail);
    if (exception instanceof HttpException) return writeProblem(res, exception.getStatus(), exception.message);
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    writeProblem(res, 500, 'An unexpected error occurred');
  }
}
