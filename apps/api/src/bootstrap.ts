import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { createGatewayLogger } from '@app/common';
import { GatewayConfig } from '@app/config';
import { validateOrderStateMachine } from '@app/orders';
import { ApiModule } from './api.module';
import { answerClientErrorInJson, frameworkErrorAnswer, RouterRefusalListener } from './http/client-errors';
import { useJsonBodies } from './http/json-body.parser';
import { echoRequestIds, genReqId } from './http/request-id';
import { logRequests } from './http/request-log';
import { capConnections, serverLimitOptions } from './http/server-limits';
import { HttpMetricsHook } from './metrics/http-metrics';
import { pageSecurityHeaders, sendSecurityHeaders } from './http/security-headers';
import { dashboardStyleHashes } from './queues/dashboard-page';
import { DASHBOARD_PATH } from './queues/queue-dashboard.module';
import { DOCS_PATH, setUpSwagger, swaggerUiStyleHashes } from './swagger';

/**
 * Fastify, not express: express alone capped the api at ~8k req/s on the
 * 2-core machine. The options keep what clients saw on express.
 */
function fastifyAdapter(logger: PinoLogger, routerRefusals: readonly RouterRefusalListener[], config: GatewayConfig): FastifyAdapter {
  return new FastifyAdapter({
    ...serverLimitOptions(config.http),
    // Requests are logged by our own hook (http/request-log.ts), not fastify's two lines per request.
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: {
      // Ids up to node's 16 kB header limit reach the validation pipe (a 400 naming the field), not the router's 414.
      maxParamLength: 16 * 1024,
      // express routed "/v1/orders/" like "/v1/orders".
      ignoreTrailingSlash: true,
    },
    genReqId,
    clientErrorHandler: answerClientErrorInJson,
    frameworkErrors: frameworkErrorAnswer(routerRefusals),
  });
}

/** Builds the api application (used by main.ts and by the tests, so both run the same pipeline). */
export async function createApiApp(config: GatewayConfig, options: { logs?: boolean } = {}): Promise<INestApplication> {
  // Refuse to start on a broken transition table rather than misbehave later.
  validateOrderStateMachine();
  const logger = createGatewayLogger({ level: config.logLevel, service: 'api' });
  // Filled below, once the request log and the metrics exist; the router needs its handler now.
  const routerRefusals: RouterRefusalListener[] = [];
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, logger), fastifyAdapter(logger, routerRefusals, config), {
    bufferLogs: true,
    bodyParser: false,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  capConnections(fastify.server, config.http);
  echoRequestIds(fastify);
  sendSecurityHeaders(fastify, [
    // Swagger UI's CSS inlines its icons as data: images.
    { prefix: DOCS_PATH, headers: pageSecurityHeaders({ styleHashes: swaggerUiStyleHashes(), images: ['data:'] }) },
    { prefix: DASHBOARD_PATH, headers: pageSecurityHeaders({ styleHashes: dashboardStyleHashes() }) },
  ]);
  routerRefusals.push(logRequests(fastify, logger), app.get(HttpMetricsHook).record);
  useJsonBodies(fastify);
  setUpSwagger(app);
  return app;
}
