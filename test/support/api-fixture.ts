import { INestApplication } from '@nestjs/common';
import { GatewayConfig, loadConfig } from '@app/config';
import { closeQueueConnection, QUEUE_CONNECTION, QueueConnection } from '@app/queues';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { redisUrl } from './store-fixtures';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';
/** In ADMIN_API_KEYS only: retries jobs and changes queues on the dashboard (TEST_API_KEY may not). */
export const TEST_ADMIN_API_KEY = 'test-admin-key-0123456789abcdef';

/** High enough that no test is throttled by the per-key command limit, low enough that it still counts (one Redis round trip). */
export const TEST_COMMAND_RATE_LIMIT = '1000000';

export function testConfig(overrides: Record<string, string> = {}): GatewayConfig {
  return loadConfig(
    { REDIS_URL: redisUrl(), API_KEYS: TEST_API_KEY, ADMIN_API_KEYS: TEST_ADMIN_API_KEY, LOG_LEVEL: 'silent', COMMAND_RATE_LIMIT_PER_MINUTE: TEST_COMMAND_RATE_LIMIT, ...overrides },
    { requireApiKeys: true },
  );
}

/** The real api application (same pipeline as main.ts) on an ephemeral loopback port. */
export async function startApi(config = testConfig()): Promise<INestApplication> {
  const app = await createApiApp(config, { logs: false });
  await app.listen(0, '127.0.0.1');
  // The api process exits after closing; a test process lives on, so it also
  // closes the queue connection BullMQ shares but does not own (on a Cluster).
  const connection = app.get<QueueConnection>(QUEUE_CONNECTION);
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await closeQueueConnection(connection);
  };
  return app;
}

export const auth = { Authorization: `Bearer ${TEST_API_KEY}` };
export const adminAuth = { Authorization: `Bearer ${TEST_ADMIN_API_KEY}` };
