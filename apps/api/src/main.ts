import 'reflect-metadata';
import { exitGracefully } from '@app/common';
import { ConfigError, loadConfig } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireApiKeys: true });
  const app = await createApiApp(config);
  exitGracefully(app, (message) => console.log(JSON.stringify({ level: 'info', service: 'api', msg: message })));
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  const url = `http://127.0.0.1:${config.port}`;
  console.log(JSON.stringify({ level: 'info', service: 'api', msg: 'api listening', url, docs: `${url}/docs` }));
}

main().catch((error: Error) => {
  // Config errors name the variable and never its value; print just that.
  console.error(error instanceof ConfigError ? error.message : `api failed to start: ${error.stack ?? error.message}`);
  process.exit(1);
});
