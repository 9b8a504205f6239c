import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { GatewayConfig } from '@app/config';
import { validateOrderStateMachine } from '@app/orders';
import { ApiModule } from './api.module';
import { setUpSwagger } from './swagger';

/** Request bodies are small commands; anything larger is refused with 413. */
const BODY_LIMIT = '64kb';

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
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.disable('x-powered-by');
  setUpSwagger(app);
  return app;
}
