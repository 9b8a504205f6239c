import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exitGracefully, exitOnBootFailure } from '@app/common';
import { ConfigError, loadConfig } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireApiKeys: true });
  const app = await createApiApp(config);
  // The pino logger the server logs with (nestjs-pino's Logger would take a second argument as a context).
  const logger = (app as NestFastifyApplication).getHttpAdapter().getInstance().log;
  exitGracefully(app, (message) => logger.info(message));
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  const url = `http://127.0.0.1:${config.port}`;
  logger.info({ url, docs: `${url}/docs` }, 'api listening');
}

// Config errors name the variable and never its value: log just that.
main().catch((error: Error) => exitOnBootFailure('api', error instanceof ConfigError ? error.message : error));
