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
            genReqId: (req, res) => {
              const id = requestIdOf(req);
              res.setHeader('X-Request-Id', id);
              return id;
            },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
