import { Agent } from 'node:http';
import axios from 'axios';
import Redis from 'ioredis';
import { KEEP_ALIVE_AGENT_OPTIONS } from '@app/adapters';
import { BENCH_JOOM_TOKEN } from '../support/gateway-stack';
import { JOOM_PAGE } from '../support/fulfillable-orders';

interface V3ListBody {
  data: { items: { id: string }[] };
  paging?: { next?: string };
}

/** Where the baseline writes: its own prefix, deleted after each round. */
export const BARE_INGEST_PREFIX = 'bench:raw:';

/**
 * The baseline for ingestion: read `orders/multi` page by page (limit 500,
 * following `paging.next`'s `after`), and write each order's raw JSON under
 * its id with one pipeline per page. No mapping, no state machine, no
 * history, indexes or events. Answers how many orders it wrote.
 */
export async function bareIngest(redisUrl: string, sandboxUrl: string): Promise<number> {
  const redis = new Redis(redisUrl, { connectionName: 'bench-bare-ingest' });
  const http = axios.create({
    baseURL: sandboxUrl,
    headers: { Accept: 'application/json', Authorization: `Bearer ${BENCH_JOOM_TOKEN}` },
    httpAgent: new Agent(KEEP_ALIVE_AGENT_OPTIONS),
  });
  try {
    let written = 0;
    let after: string | null = null;
    do {
      const response: { data: V3ListBody } = await http.get<V3ListBody>('/api/v3/orders/multi', { params: { limit: JOOM_PAGE, ...(after ? { after } : {}) } });
      const body = response.data;
      const pipeline = redis.pipeline();
      for (const order of body.data.items) pipeline.set(`${BARE_INGEST_PREFIX}${order.id}`, JSON.stringify(order));
      await pipeline.exec();
      written += body.data.items.length;
      after = body.paging?.next ? new URL(body.paging.next).searchParams.get('after') : null;
    } while (after);
    return written;
  } finally {
    redis.disconnect();
  }
}
