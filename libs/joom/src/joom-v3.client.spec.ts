import { AxiosAdapter, InternalAxiosRequestConfig } from 'axios';
import { StaticJoomToken } from './joom-access-tokens';
import { createJoomHttp } from './joom-http';
import { JoomV3Client } from './joom-v3.client';

/** The requests the client sends, answered by `reply` (axios' public adapter hook: no socket). */
function clientWith(reply: (config: InternalAxiosRequestConfig) => { status: number; data: unknown; headers?: Record<string, string> }) {
  const sent: InternalAxiosRequestConfig[] = [];
  const http = createJoomHttp('https://joom.test', new StaticJoomToken('token-123'));
  const adapter: AxiosAdapter = async (config) => {
    sent.push(config);
    const { status, data, headers } = reply(config);
    return { status, statusText: '', data, headers: headers ?? {}, config };
  };
  http.http.defaults.adapter = adapter;
  return { client: new JoomV3Client(http, 'https://joom.test'), sent };
}

describe('JoomV3Client carriers and labels', () => {
  it('fulfils and modifies tracking with `providerId` only (exactly one of provider / providerId)', async () => {
    const { client, sent } = clientWith(() => ({ status: 200, data: { data: { id: 'o1', status: 'shipped' } } }));
    await client.fulfill('o1', { providerId: 'a1', trackingNumber: '1Z999' });
    await client.modifyTracking('o1', { providerId: 'a1', trackingNumber: '1Z998' });
    expect(sent.map((config) => [config.url, config.params, JSON.parse(String(config.data))])).toEqual([
      ['/api/v3/orders/fulfill', { id: 'o1' }, { providerId: 'a1', trackingNumber: '1Z999' }],
      ['/api/v3/orders/modifyTracking', { id: 'o1' }, { providerId: 'a1', trackingNumber: '1Z998' }],
    ]);
  });

  it('reads the shippers list from `data.items`, dropping entries without id or name', async () => {
    const items = [{ id: 'a1', name: 'UPS', trusted: true, offlineShipping: true }, { name: 'no id' }, { id: 'b2', name: 'USPS' }, null];
    const { client, sent } = clientWith(() => ({ status: 200, data: { data: { items } } }));
    expect(await client.shippers()).toEqual([
      { id: 'a1', name: 'UPS', offlineShipping: true },
      { id: 'b2', name: 'USPS' },
    ]);
    expect(sent[0].url).toBe('/api/v3/shippers');
  });

  it('asks for the shipping label as a PDF (Accept: application/pdf), not as the shared JSON', async () => {
    const pdf = Buffer.from('%PDF-1.4 label');
    const { client, sent } = clientWith((config) => {
      const accept = String(config.headers.get('Accept'));
      return /application\/pdf/.test(accept) ? { status: 200, data: pdf } : { status: 406, data: Buffer.from('{"errors":[{"code":"not_acceptable","message":"Not Acceptable"}]}') };
    });
    expect((await client.shippingLabel('o1')).toString()).toBe('%PDF-1.4 label');
    expect(String(sent[0].headers.get('Accept'))).toMatch(/^application\/pdf/);
  });
});
