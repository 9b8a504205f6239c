import { JoomConfig } from '@app/config';
import { JoomAdapterOptions } from './joom-adapter.options';
import { JoomCarriers } from './joom-carriers';
import { JoomAccessTokens, StaticJoomToken } from './joom-access-tokens';
import { createJoomHttp } from './joom-http';
import { JoomListPacer } from './joom-list-pacer';
import { JoomShippers } from './joom-shippers';
import { JoomOAuthClient } from './joom-oauth.client';
import { DEFAULT_TOKEN_TIMING, JoomTokenManager, JoomTokenTiming } from './joom-token.manager';
import { JoomTokenStore } from './joom-token.store';
import { JoomV2Adapter } from './joom-v2.adapter';
import { JoomV2Client } from './joom-v2.client';
import { JoomV3Providers } from './joom-v3-providers';
import { JoomV3Adapter } from './joom-v3.adapter';
import { JoomV3Client } from './joom-v3.client';

/**
 * The Joom sales-channel adapter for the configured API version: profile
 * `joom_v2` (merchant API v2) or `joom_v3` (orders API v3). Both share the
 * carrier table, the cursor format family and the idempotency guard; v3
 * names carriers by the shippers list (docs/api-decisions.md CA-2).
 *
 * @example
 *   const joom = createJoomAdapter(config.channels.joom!);
 *   const page = await joom.listChangedOrders(null, { since: '2024-01-01T00:00:00Z' });
 */
export function createJoomAdapter(config: JoomConfig, options: JoomAdapterOptions = {}, auth?: JoomAuthDependencies): JoomV2Adapter | JoomV3Adapter {
  const http = createJoomHttp(config.baseUrl, joomAccessTokens(config, options, auth), options.timeoutMs, config.account);
  const carriers = new JoomCarriers(options.carrierMap);
  switch (config.apiVersion) {
    case 'v2': {
      // The environment's values (validated by loadConfig) unless the caller overrides them.
      const v2Options = { v2ShippingTime: config.v2ShippingTime, v2Currency: config.currency, ...definedOnly(options) };
      return new JoomV2Adapter(config.account, new JoomV2Client(http, config.baseUrl, listPacer(config)), carriers, v2Options);
    }
    case 'v3': {
      const client = new JoomV3Client(http, config.baseUrl, listPacer(config));
      const shippers = new JoomShippers(() => client.shippers(), { ttlMs: options.shippersTtlMs });
      return new JoomV3Adapter(config.account, client, new JoomV3Providers(carriers, shippers), options);
    }
    default:
      throw new Error(`Unknown Joom API version "${String((config as { apiVersion: unknown }).apiVersion)}"`);
  }
}

/** One store's list quota, paced within the gateway's longest rate-limit wait (docs/api-decisions.md JO-8). */
function listPacer(config: JoomConfig): JoomListPacer {
  return new JoomListPacer(undefined, config.maxRateLimitWaitMs);
}

function definedOnly(options: JoomAdapterOptions): JoomAdapterOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as JoomAdapterOptions;
}

/** What OAuth needs beyond the config: the store every process shares (docs/api-decisions.md OA-3). */
export interface JoomAuthDependencies {
  store: JoomTokenStore;
  timing?: Partial<JoomTokenTiming>;
}

/** The static token, or the OAuth token manager when the trio is configured. */
export function joomAccessTokens(config: JoomConfig, options: JoomAdapterOptions = {}, auth?: JoomAuthDependencies): JoomAccessTokens {
  if (!config.oauth) {
    if (!config.accessToken) throw new Error('Joom needs JOOM_ACCESS_TOKEN or JOOM_CLIENT_ID, JOOM_CLIENT_SECRET and JOOM_REFRESH_TOKEN');
    return new StaticJoomToken(config.accessToken);
  }
  // Without a shared store each process would rotate the refresh token under the others (OA-3).
  if (!auth) throw new Error('Joom OAuth needs the shared token store (ChannelAuthStore)');
  const settings = {
    clientId: config.oauth.clientId,
    clientSecret: config.oauth.clientSecret,
    seedRefreshToken: config.oauth.refreshToken,
    initialAccessToken: config.accessToken,
  };
  const oauth = JoomOAuthClient.create(config.baseUrl, options.timeoutMs);
  return new JoomTokenManager(config.account, settings, auth.store, oauth, { ...DEFAULT_TOKEN_TIMING, ...auth.timing });
}
