import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * An error in Django REST framework's shapes: `{"detail": "…"}`,
 * `{"<field>": ["…"]}` or `{"non_field_errors": ["…"]}`.
 */
export class AkinonError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(JSON.stringify(body));
  }

  static notFound(): AkinonError {
    return new AkinonError(404, { detail: 'Not found.' });
  }

  /** Service-level validation (the order's state forbids it) is a 406 in this API. */
  static refused(message: string): AkinonError {
    return new AkinonError(406, { non_field_errors: [message] });
  }
}

export function writeAkinonError(res: Response, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).json(body);
}

/** Everything thrown inside the Akinon controller leaves in DRF's shape. */
@Catch()
export class AkinonExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('AkinonSimulator');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof AkinonError) return writeAkinonError(res, exception.status, exception.body, exception.headers);
    if (exception instanceof HttpException) return writeAkinonError(res, exception.getStatus(), { detail: exception.message });
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    writeAkinonError(res, 500, { detail: 'A server error occurred.' });
  }
}
