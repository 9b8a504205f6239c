import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { errorResponseOf } from './error-response';

/**
 * Answers every error a Nest route throws in the one error shape (see
 * `errorResponseOf`). It answers through the HTTP adapter, so it needs no
 * knowledge of the framework's reply object.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const response: unknown = http.getResponse();
    const { body, headers } = errorResponseOf(exception, http.getRequest<FastifyRequest>().log);
    for (const [name, value] of Object.entries(headers)) httpAdapter.setHeader(response, name, value);
    httpAdapter.reply(response, body, body.statusCode);
  }
}
