import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { GatewayConfig } from '@app/config';
import { validateOrderStateMachine } from '@app/orders';
import { ApiModule } from './api.module';
import { answerClientErrorsInJson } from './http/client-errors';
import { bodyParserErrors, JSON_BODY_LIMIT, JSON_MEDIA_TYPES, requireJsonBody, verifyUtf8 } from './http/json-body';
import { setUpSwagger } from './swagger';

/** Builds the api application (used by main.ts and by the tests, so both run the same pipeline). */
export async function createApiApp(config: GatewayConfig, options: { logs?: boolean } = {}): Promise<INestApplication> {
  // Refuse to start on a broken transition table rather than misbehave later.
  validateOrderStateMachine();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(Logger));
  // JSON only: other bodies under /v1 are refused (415) rather than silently read as empty.
  app.use('/v1', requireJsonBody);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, type: JSON_MEDIA_TYPES, verify: verifyUtf8 });
  app.use(bodyParserErrors);
  app.disable('x-powered-by');
  answerClientErrorsInJson(app.getHttpServer());
  setUpSwagger(app);
  return app;
}
