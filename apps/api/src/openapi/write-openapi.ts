import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createApiApp } from '../bootstrap';
import { buildOpenApiDocument } from './openapi-document';
import { openApiJson } from './openapi-json';

/**
 * `npm run openapi`: writes the api's OpenAPI document to openapi.json at the
 * repository root, the committed contract (a test fails when /docs-json
 * differs from it). The app is built, never started: nothing listens, and
 * no Redis is needed (the URL below names a port nothing answers on; the
 * clients' failed connection attempts change nothing in the document).
 * Run on node through scripts/ts-node-hook.js: Nest needs the decorator
 * metadata that only TypeScript's own compiler emits.
 */
async function main(): Promise<void> {
  const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:1', API_KEYS: 'openapi-writer-key-0123456789abcdef', LOG_LEVEL: 'silent' }, { requireApiKeys: true });
  const app = await createApiApp(config, { logs: false });
  const target = join(__dirname, '..', '..', '..', '..', 'openapi.json');
  writeFileSync(target, openApiJson(buildOpenApiDocument(app)));
  await app.close();
  console.log(`wrote ${target}`);
}

// Exits at once: the never-started app's Redis clients would keep retrying their connection for a minute.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
