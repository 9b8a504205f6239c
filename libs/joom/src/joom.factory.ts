import { SalesChannelAdapter } from '@app/adapters';
import { JoomConfig } from '@app/config';
import { JoomAdapterOptions } from './joom-adapter.options';
import { JoomCarriers } from './joom-carriers';
import { createJoomHttp } from './joom-http';
import { JoomListPacer } from './joom-list-pacer';
import { JoomV2Adapter } from './joom-v2.adapter';
import { JoomV2Client } from './joom-v2.client';
import { JoomV3Adapter } from './joom-v3.adapter';
import { JoomV3Client } from './joom-v3.client';

/**
 * The Joom sales-channel adapter for the configured API version: profile
 * `joom_v2` (merchant API v2) or `joom_v3` (orders API v3). Both share the
 * carrier list, the cursor format family and the idempotency guard.
 *
 * @example
 *   const joom = createJoomAdapter(config.channels.joom!);
 *   const page = await joom.listChangedOrders(null, { since: '2024-01-01T00:00:00Z' });
 */
export function createJoomAdapter(config: JoomConfig, options: JoomAdapterOptions = {}): JoomV2Adapter | JoomV3Adapter {
  const http = createJoomHttp(config.baseUrl, config.accessToken, options.timeoutMs);
  const carriers = new JoomCarriers(options.extraCarriers);
  switch (config.apiVersion) {
    case 'v2': {
      // The environment's values (validated by loadConfig) unless the caller overrides them.
      const v2Options = { v2ShippingTime: config.v2ShippingTime, v2Currency: config.currency, ...definedOnly(options) };
      return new JoomV2Adapter(config.account, new JoomV2Client(http, config.baseUrl, listPacer(config)), carriers, v2Options);
    }
    case 'v3':
      return new JoomV3Adapter(config.account, new JoomV3Client(http, config.baseUrl, listPacer(config)), carriers, options);
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

/** Type guard for callers that need the v3-only extras (shipping labels). */
export function isJoomV3Adapter(adapter: SalesChannelAdapter): adapter is JoomV3Adapter {
  return adapter instanceof JoomV3Adapter;
}
