import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger } from 'pino';
import { REDACTED_PATHS } from './log-redaction';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's `X-Request-Id` is kept when it is sane; otherwise we mint one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** A process's one logger: JSON lines (pino) with `service`, credentials redacted. */
export function createGatewayLogger(options: { level: string; service: string }): Logger {
  return pino({ level: options.level, base: { service: options.service }, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } });
}

/**
 * Nest's logger over that pino logger (nestjs-pino, which binds the request
 * context to every log call for free). `useExisting`: the HTTP server makes
 * each request's child logger — fastify's, bound to `reqId` — and logs the
 * requests itself (apps/api/src/http/request-log.ts); nestjs-pino only runs
 * the request in that logger's async context, so every line logged while
 * answering it carries the id. pino-http's own request logging serialised
 * and redacted the whole request into a child logger on every request,
 * which cost more than the read it logged.
 */
@Module({})
export class GatewayLoggerModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: GatewayLoggerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true })],
      exports: [LoggerModule],
    };
  }
}
