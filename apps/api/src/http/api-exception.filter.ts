import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@app/orders';
import { ErrorBody } from './error-body';
import { CODE_FOR_STATUS, ERROR_STATUS } from './error-status';

/**
 * Turns every error into `{ statusCode, code, message, details? }`. Domain
 * errors map through ERROR_STATUS; HttpExceptions (404 routes, body-parser
 * failures, validation, fastify's own 4xx errors, which Nest maps to
 * HttpExceptions) keep their status; anything else is a bug and answers a
 * bare 500 without internals. It answers through the HTTP adapter, so it
 * needs no knowledge of the framework's reply object.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const response: unknown = http.getResponse();
    const body = this.toBody(exception, http.getRequest<FastifyRequest>());
    if (body.statusCode === HttpStatus.UNAUTHORIZED) httpAdapter.setHeader(response, 'WWW-Authenticate', 'Bearer');
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) httpAdapter.setHeader(response, 'Retry-After', '1');
    httpAdapter.reply(response, body, body.statusCode);
  }

  private toBody(exception: unknown, request: FastifyRequest): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = ERROR_STATUS[exception.code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
      return { statusCode, code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    // The request's own logger, so the line carries its reqId.
    request.log.error({ context: ApiExceptionFilter.name }, exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
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
    const code = CODE_FOR_STATUS[statusCode] ?? 'http_error';
    // Structured bodies (e.g. the readiness report) are kept as details rather than dropped.
    const rest = { ...((typeof response === 'object' ? response : {}) as Record<string, unknown>) };
    delete rest.message;
    delete rest.statusCode;
    if (typeof rest.error === 'string') delete rest.error; // Nest's "Bad Request" label, not information
    const details = Object.keys(rest).length > 0 ? { details: rest } : {};
    return { statusCode, code, message: typeof raw === 'string' || Array.isArray(raw) ? message : exception.message, ...details };
  }
}
