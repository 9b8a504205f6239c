import { AxiosInstance } from 'axios';
import { StaticJoomToken } from './joom-access-tokens';
import { JoomV2Client } from './joom-v2.client';
import { buildV2Order } from './testing/joom-v2.fixtures';

/** v2 paging is offsets: `paging.next` says "there is more", its URL is never followed (docs/api-decisions.md JO-2). */
describe('JoomV2Client.listChanged paging', () => {
  function clientAnswering(paging: Record<string, string> | undefined): { client: JoomV2Client; asked: Record<string, unknown>[] } {
    const asked: Record<string, unknown>[] = [];
    const http = {
      request: async (config: { params: Record<string, unknown> }) => {
        asked.push(config.params);
        return { status: 200, headers: {}, data: { code: 0, data: [{ Order: buildV2Order() }], message: '', ...(paging ? { paging } : {}) } };
      },
    } as unknown as AxiosInstance;
    return { client: new JoomV2Client({ http, tokens: new StaticJoomToken('t') }, 'https://api-merchant.joom.com'), asked };
  }

  it("continues at start + limit when paging.next is on the document's host, not the configured one", async () => {
    // The document's own example link, verbatim (doubled `??` and a start unrelated to ours included).
    const { client, asked } = clientAnswering({ next: 'https://api-merchant.joom.it/api/v2/order/multi-get??start=300&limit=100&since=2014-01-20&access_token=an_example_access_token' });
    const page = await client.listChanged(null, 200, 100);
    expect(page.nextStart).toBe(300);
    expect(asked).toEqual([{ start: 200, limit: 100 }]);
  });

  it('uses the limit it sent (capped at 500), whatever the link says', async () => {
    const { client } = clientAnswering({ next: 'https://elsewhere.example/anything?start=7' });
    expect((await client.listChanged(null, 0, 900)).nextStart).toBe(500);
  });

  it('stops when there is no paging.next (only prev, or no paging at all)', async () => {
    expect((await clientAnswering({ previous: 'https://api-merchant.joom.it/api/v2/order/multi-get?start=0&limit=5' }).client.listChanged(null, 5, 5)).nextStart).toBeNull();
    expect((await clientAnswering(undefined).client.listChanged(null, 0, 5)).nextStart).toBeNull();
  });
});
