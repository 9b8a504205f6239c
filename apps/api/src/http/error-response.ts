import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { DomainError } from '@app/orders';
import { ErrorBody } from './error-body';
import { CODE_FOR_STATUS, ERROR_STATUS } from './error-status';

/** An error as the API answers it: the one error shape, plus the headers its status asks for. */
export interface ErrorResponse {
  body: ErrorBody;
  headers: Record<string, string>;
}

/**
 * Turns any error into `{ statusCode, code, message, details? }`. Domain
 * errors map through ERROR_STATUS; HttpExceptions (404 routes, body-parser
 * failures, validation, fastify's own 4xx errors, which Nest maps to
 * HttpExceptions) keep their status; anything else is a bug, logged on the
 * request's logger (so the line carries its reqId) and answered with a bare
 * 500 without internals. Used by the exception filter and by the routes
 * served outside Nest (orders/order-by-id.route.ts).
 */
export function errorResponseOf(exception: unknown, log: FastifyBaseLogger): ErrorResponse {
  const body = bodyOf(exception, log);
  const headers: Record<string, string> = {};
  if (body.statusCode === HttpStatus.UNAUTHORIZED) headers['WWW-Authenticate'] = 'Bearer';
  if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) headers['Retry-After'] = '1';
  if (body.statusCode === HttpStatus.TOO_MANY_REQUESTS && typeof body.details?.retryAfterSeconds === 'number') headers['Retry-After'] = String(body.details.retryAfterSeconds);
  return { body, headers };
}

function bodyOf(exception: unknown, log: FastifyBaseLogger): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = ERROR_STATUS[exception.code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
    return { statusCode, code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  log.error({ context: 'http-errors', err: exception }, 'unexpected error answered with 500');
  return { statusCode: 500, code: 'internal_error', message: 'unexpected error; it has been logged' };
}

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'code' in response) {
    return { statusCode, ...(response as Omit<ErrorBody, 'statusCode'>) };
  }
  const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
  const code = CODE_FOR_STATUS[statusCode] ?? 'http_error';
  // Structured bodies (e.g. the readiness report) are kept as details rather than dropped.
  const rest = { ...((typeof response === 'object' ? response : {}) as Record<string, unknown>) };
  delete rest.message;
  delete rest.statusCode;
  if (typeof rest.error === 'string') delete rest.error; // Nest's "Bad Request" label, not information
  const details = Object.keys(rest).length > 0 ? { details: rest } : {};
  return { statusCode, code, message: typeof raw === 'string' || Array.isArray(raw) ? message : exception.message, ...details };
}
