import './tracing';
import 'reflect-metadata';
import { bootLogger, exitGracefully, exitOnBootFailure } from '@app/common';
import { ConfigError, DEFAULTS, loadConfig } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireApiKeys: true });
  const app = await createApiApp(config);
  const log = bootLogger('api');
  exitGracefully(app, (message) => log.info(message));
  const host = config.host ?? DEFAULTS.host;
  await app.listen(config.port, host);
  const url = `http://127.0.0.1:${config.port}`;
  log.info({ url, host, docs: `${url}/docs` }, 'api listening');
}

// Config errors name the variable and never its value: log just that.
main().catch((error: Error) => exitOnBootFailure('api', error instanceof ConfigError ? error.message : error));
