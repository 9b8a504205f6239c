import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CallLog } from './call-log';
import { apiForPath } from './simulator';
import { SimulatorRegistry } from './simulator-registry';

/**
 * Last-resort error writer for everything no controller-scoped filter handled:
 * unknown routes, malformed JSON bodies (rejected by the body parser before any
 * middleware ran) and unexpected crashes. Under a simulator's path it answers
 * in that API's shape; a custom HttpException body is passed through as is.
 */
@Catch()
export class SandboxExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Sandbox');

  constructor(
    private readonly registry: SimulatorRegistry,
    private readonly calls: CallLog,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (!req.originalUrl.startsWith('/__sandbox')) this.calls.track(req, res);
    if (res.headersSent) return;
    if (!(exception instanceof HttpException)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const body = exception instanceof HttpException ? exception.getResponse() : null;
    const isNestDefault = typeof body === 'string' || body === null || 'statusCode' in (body as object);
    if (!isNestDefault) {
      res.status(status).json(body);
      return;
    }
    const message = status === 500 ? 'Internal server error' : messageOf(body, exception);
    const api = apiForPath(req.originalUrl);
    const simulator = api ? this.registry.get(api) : undefined;
    if (simulator) simulator.sendError(res, status, message);
    else res.status(status).json({ statusCode: status, message });
  }
}

function messageOf(body: unknown, exception: unknown): string {
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception instanceof Error ? exception.message : 'Error';
}
