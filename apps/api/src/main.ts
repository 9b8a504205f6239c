import './tracing';
import 'reflect-metadata';
import { bootLogger, exitGracefully, exitOnBootFailure } from '@app/common';
import { ConfigError, loadConfig } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireApiKeys: true });
  const app = await createApiApp(config);
  const log = bootLogger('api');
  exitGracefully(app, (message) => log.info(message));
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  const url = `http://127.0.0.1:${config.port}`;
  log.info({ url, docs: `${url}/docs` }, 'api listening');
}

// Config errors name the variable and never its value: log just that.
main().catch((error: Error) => exitOnBootFailure('api', error instanceof ConfigError ? error.message : error));
