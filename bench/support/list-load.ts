/**
 * The list clients of the list-at-scale figure, in their own process so
 * their work never delays the harness's timing of the single-order reads:
 * CLIENTS lanes, each paging through the QUERIES (JSON array of query
 * strings) one after the other, a few pages each, until SIGTERM; then prints
 * `pages=<n> errors=<n>`.
 *
 *   API_URL=… API_KEY=… CLIENTS=8 QUERIES='["status=ready",…]' node --import tsx bench/support/list-load.ts
 */
import { Agent } from 'node:http';
import { nextCursorOf, timedGet } from './http-get';

const PAGES_PER_QUERY = 5;

async function main(): Promise<void> {
  const queries = JSON.parse(process.env.QUERIES ?? '[]') as string[];
  const clients = Number(process.env.CLIENTS ?? 8);
  const headers = { Authorization: `Bearer ${process.env.API_KEY}` };
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  let running = true;
  let pages = 0;
  let errors = 0;
  process.once('SIGTERM', () => (running = false));
  const lane = async (offset: number) => {
    for (let n = offset; running; n++) {
      const query = queries[n % queries.length];
      let cursor: string | null = null;
      for (let page = 0; page < PAGES_PER_QUERY && running; page++) {
        const url = `${process.env.API_URL}/v1/orders?${query}${cursor ? `&cursor=${cursor}` : ''}`;
        const answer = await timedGet(agent, url, headers);
        pages++;
        if (answer.status !== 200) {
          errors++;
          break;
        }
        cursor = nextCursorOf(answer.body);
        if (!cursor) break;
      }
    }
  };
  console.log('list load started');
  await Promise.all(Array.from({ length: clients }, (_, i) => lane(i)));
  console.log(`pages=${pages} errors=${errors}`);
  agent.destroy();
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
