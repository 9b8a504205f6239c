import { createHttpClient } from '@app/adapters';
import type { AkinonConfig, AkinonLocations } from '@app/config';
import { akinonAuthHeaders } from './akinon-auth.headers';
import { AkinonLocationResolver } from './akinon-location.resolver';
import { AkinonOrderFeed } from './akinon-order.feed';
import { AkinonOrderReader } from './akinon-order.reader';
import { AkinonRejection } from './akinon-rejection.command';
import { AkinonAdapter } from './akinon.adapter';
import { AkinonClient } from './akinon.client';
import { mapAkinonOrder } from './akinon.mapper';
import { AkinonOrderBundle } from './akinon.types';

export interface AkinonAdapterOptions {
  timeoutMs?: number;
  /** Location uuid table; default the configured one (`AKINON_LOCATIONS_FILE`, docs/api-decisions.md AK-6). */
  locations?: AkinonLocations | null;
  /** Orders per `listChangedOrders` page (1…100); default 20 → at most 41 HTTP calls per page. */
  pageSize?: number;
  /** Item/address reads in flight at once while joining a page; default 4. */
  concurrency?: number;
  /** How far before a run's end the next run re-reads; default 60 s. */
  resumeOverlapMs?: number;
  /** Days of cancellation plans the first run reads; default 30. */
  planBacklogDays?: number;
  /** Days of cancellation plans every run re-reads before the last run's end; default 7. */
  planLookbackDays?: number;
}

/** The documented paths hang under `/api/i1/`; the base URL holds scheme, host and any prefix before it. */
export function akinonApiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/i1/`;
}

export function createAkinonAdapter(config: AkinonConfig, options: AkinonAdapterOptions = {}): AkinonAdapter {
  const http = createHttpClient({
    baseURL: akinonApiRoot(config.baseUrl),
    // The doc's curl examples send JSON content type on every call (and list 415 for a missing one).
    headers: { ...akinonAuthHeaders(config), 'Content-Type': 'application/json' },
    timeoutMs: options.timeoutMs,
    system: 'akinon',
    account: config.account,
    // No requestIdHeader: docs/vendor/akinon-orders-api.txt names no response header; each route lists only its
    // "Possible HTTP Status Codes" ("200 OK: Orders retrieved successfully.", "401 Unauthorized: …").
  });
  const client = new AkinonClient(http);
  const reader = new AkinonOrderReader(client, options.concurrency ?? 4);
  const locations = new AkinonLocationResolver(options.locations ?? config.locations ?? undefined);
  const toChannelOrder = (bundle: AkinonOrderBundle) => mapAkinonOrder(bundle, locations);
  const feed = new AkinonOrderFeed(client, reader, {
    pageSize: options.pageSize ?? 20,
    resumeOverlapMs: options.resumeOverlapMs ?? 60_000,
    planBacklogDays: options.planBacklogDays ?? 30,
    planLookbackDays: options.planLookbackDays ?? 7,
    locations,
  });
  return new AkinonAdapter(config.account, reader, feed, new AkinonRejection(client, reader, toChannelOrder), toChannelOrder);
}
