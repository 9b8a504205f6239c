import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { REDACTED_PATHS, redactUrl } from './log-redaction';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's `X-Request-Id` is kept when it is sane; otherwise we mint one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Structured JSON logs (pino) with a request id on every line of a request
 * and credentials redacted. nestjs-pino is used rather than a hand-written
 * logger because it binds the request context to every log call for free.
 */
@Module({})
export class GatewayLoggerModule {
  static forRoot(options: { level: string; service: string }): DynamicModule {
    return {
      module: GatewayLoggerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.service },
            redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
            // No genReqId: fastify gives each request its id (requestIdOf, see apps/api/src/http/request-id.ts) and its
            // middleware runner copies it to `req.id`, which pino-http keeps.
            serializers: {
              req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.originalUrl ?? req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            // The original URL: middleware runners (fastify's middie) strip their mount path from `req.url`.
            autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => /^\/(health|metrics)/.test(req.originalUrl ?? req.url ?? '') },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
