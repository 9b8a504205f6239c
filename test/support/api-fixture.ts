import { INestApplication } from '@nestjs/common';
import { GatewayConfig, loadConfig } from '@app/config';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { redisUrl } from './store-fixtures';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

export function testConfig(overrides: Record<string, string> = {}): GatewayConfig {
  return loadConfig({ REDIS_URL: redisUrl(), API_KEYS: TEST_API_KEY, LOG_LEVEL: 'silent', ...overrides }, { requireApiKeys: true });
}

/** The real api application (same pipeline as main.ts) on an ephemeral loopback port. */
export async function startApi(config = testConfig()): Promise<INestApplication> {
  const app = await createApiApp(config, { logs: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

export const auth = { Authorization: `Bearer ${TEST_API_KEY}` };
