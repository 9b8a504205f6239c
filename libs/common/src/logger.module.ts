import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, Logger } from 'pino';
import { builtLineLogger, REDACTED_PATHS } from './log-redaction';
import { activeTraceId, tracingOn } from './tracing/trace-context';

/** Injection token of the process logger's unredacted sibling (`builtLineLogger`), for lines whose fields the gateway built. */
export const BUILT_LINE_LOGGER = Symbol('BUILT_LINE_LOGGER');

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's `X-Request-Id` is kept when it is sane; otherwise we mint one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * A process's one logger: JSON lines (pino) with `service`, credentials
 * redacted; with tracing on (started before any logger is made), every line
 * written inside a span also carries its `traceId`.
 */
export function createGatewayLogger(options: { level: string; service: string }, destination?: DestinationStream): Logger {
  const traced = tracingOn() ? { mixin: traceIdMixin } : {};
  return pino({ level: options.level, base: { service: options.service }, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' }, ...traced }, destination);
}

function traceIdMixin(): { traceId?: string } {
  const traceId = activeTraceId();
  return traceId ? { traceId } : {};
}

/**
 * Nest's logger over that pino logger (nestjs-pino), for lines logged
 * outside a request: boot, shutdown, background work. Requests are logged
 * by the HTTP server on each request's own child logger — fastify's, bound
 * to `reqId` (apps/api/src/http/request-log.ts), and code that logs while
 * answering a request uses that logger too (`request.log`).
 *
 * `forRoutes: []`: nestjs-pino's request middleware is not installed. It
 * would run every request inside an AsyncLocalStorage context only so that
 * Nest's `Logger` finds `reqId`; the async hooks that costs on every promise
 * of every request took ~5 % of the read path's CPU (and pino-http's own
 * request logging, before that, cost more than the read it logged).
 */
@Module({})
export class GatewayLoggerModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: GatewayLoggerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] })],
      providers: [{ provide: BUILT_LINE_LOGGER, useValue: builtLineLogger(logger) }],
      exports: [LoggerModule, BUILT_LINE_LOGGER],
    };
  }
}
