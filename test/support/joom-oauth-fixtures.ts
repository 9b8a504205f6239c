import { ChannelOrder } from '@app/adapters';
import { createJoomAdapter } from '@app/joom';
import { CanonicalOrder } from '@app/orders';
import { GatewayStack, offlineReady } from './gateway-stack';
import { SandboxHandle } from './sandbox-process';

/** The OAuth app the gateway and the sandbox share in these tests (no real secret). */
export const TEST_OAUTH = {
  clientId: 'gw-test-oauth-app',
  clientSecret: 'gw-test-oauth-client-secret-0001',
  refreshToken: 'gw-test-oauth-refresh-seed-0001',
};

/** Gateway environment with the OAuth trio next to the static token (the token serves until the first 401). */
export const OAUTH_ENV = {
  JOOM_CLIENT_ID: TEST_OAUTH.clientId,
  JOOM_CLIENT_SECRET: TEST_OAUTH.clientSecret,
  JOOM_REFRESH_TOKEN: TEST_OAUTH.refreshToken,
};

export interface SandboxOAuthStatus {
  enabled: boolean;
  refreshes: number;
  refusedRefreshes: number;
  liveAccessTokens: number;
}

/** Turns on expiring tokens in the sandbox (docs/api-decisions.md OA-8); the static token stops working. */
export async function enableSandboxOAuth(sandbox: SandboxHandle, settings: { accessTokenCalls?: number; accessTokenTtlMs?: number; refreshToken?: string } = {}): Promise<void> {
  await sandbox.control('PUT', '/joom-oauth', { ...TEST_OAUTH, ...settings });
}

export const sandboxOAuth = (sandbox: SandboxHandle) => sandbox.control<SandboxOAuthStatus>('GET', '/joom-oauth');

/**
 * Stores `wanted` offline-shippable Joom orders, read with the static token
 * while the sandbox still accepts it: a second, in-test token manager would
 * rotate the grant under the gateway's feet.
 */
export async function ingestWithStaticToken(stack: GatewayStack, wanted: number): Promise<CanonicalOrder[]> {
  const adapter = createJoomAdapter({ ...stack.config.channels.joom!, oauth: null });
  const picked: CanonicalOrder[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200 && picked.length < wanted; page++) {
    const result: { orders: ChannelOrder[]; nextCursor: string | null } = await adapter.listChangedOrders(cursor, { limit: 500 });
    for (const order of result.orders.filter(offlineReady)) {
      if (picked.length >= wanted) break;
      const { order: stored } = await stack.ingestor.ingest({ channel: 'joom', account: adapter.account, ...order }, 'ingest', 'test');
      picked.push(stored);
    }
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  if (picked.length < wanted) throw new Error(`only ${picked.length} Joom orders are offline-ready`);
  return picked;
}

/** Runs `task` over `items` with at most `parallel` at a time. */
export async function inParallel<T, R>(items: readonly T[], parallel: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }),
  );
  return results;
}
