import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@app/orders';
import { ErrorBody } from './error-body';
import { CODE_FOR_STATUS, ERROR_STATUS } from './error-status';

/**
 * Turns every error into `{ statusCode, code, message, details? }`. Domain
 * errors map through ERROR_STATUS; Nest/express HttpExceptions (404 routes,
 * body-parser failures, validation) keep their status; anything else is a
 * bug and answers a bare 500 without internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    // A route with its own challenge (the queue dashboard asks for Basic) has set it already.
    if (body.statusCode === HttpStatus.UNAUTHORIZED && !response.hasHeader('WWW-Authenticate')) response.setHeader('WWW-Authenticate', 'Bearer');
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '1');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = ERROR_STATUS[exception.code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
      return { statusCode, code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: 500, code: 'internal_error', message: 'unexpected error; it has been logged' };
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null && 'code' in response) {
      return { statusCode, ...(response as Omit<ErrorBody, 'statusCode'>) };
    }
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    const code = exception.name === 'PayloadTooLargeError' ? 'payload_too_large' : (CODE_FOR_STATUS[statusCode] ?? 'http_error');
    // Structured bodies (e.g. the readiness report) are kept as details rather than dropped.
    const rest = { ...((typeof response === 'object' ? response : {}) as Record<string, unknown>) };
    delete rest.message;
    delete rest.statusCode;
    if (typeof rest.error === 'string') delete rest.error; // Nest's "Bad Request" label, not information
    const details = Object.keys(rest).length > 0 ? { details: rest } : {};
    return { statusCode, code, message: typeof raw === 'string' || Array.isArray(raw) ? message : exception.message, ...details };
  }
}
