import { buildLine, buildOrder } from '@app/orders/testing';
import { JoomCarriers } from './joom-carriers';
import { JoomV2Adapter } from './joom-v2.adapter';
import { JoomV2Client, V2FulfillInput } from './joom-v2.client';
import { createJoomAdapter } from './joom.factory';
import { buildV2Order } from './testing/joom-v2.fixtures';

/** `order/fulfill-one` marks `shipping_time` Required: the adapter never sends a fulfil without it (docs/api-decisions.md JO-1). */
describe('Joom v2 shipping_time', () => {
  const order = buildOrder({ externalId: '123456789009876543210164', lines: [buildLine({ id: 'ln_123456789009876543210164' })] });

  function adapterSending(options: ConstructorParameters<typeof JoomV2Adapter>[3]): { adapter: JoomV2Adapter; sent: V2FulfillInput[] } {
    const sent: V2FulfillInput[] = [];
    const client = {
      fulfillOne: async (_id: string, input: V2FulfillInput) => {
        sent.push(input);
      },
      getOrder: async () => buildV2Order({ state: 'SHIPPED', tracking_number: 'JD1' }),
    } as unknown as JoomV2Client;
    return { adapter: new JoomV2Adapter('main', client, new JoomCarriers(), options), sent };
  }

  it('sends the default "5-15" when nothing is configured', async () => {
    const { adapter, sent } = adapterSending({});
    await adapter.fulfillWithTracking(order, { carrier: 'DHL', trackingNumber: 'JD1', firstAttempt: true });
    expect(sent).toEqual([expect.objectContaining({ shippingTime: '5-15' })]);
  });

  it('sends the configured range', async () => {
    const { adapter, sent } = adapterSending({ v2ShippingTime: '2-9' });
    await adapter.fulfillWithTracking(order, { carrier: 'DHL', trackingNumber: 'JD1', firstAttempt: true });
    expect(sent[0].shippingTime).toBe('2-9');
  });

  it('takes the range from the Joom config (JOOM_V2_SHIPPING_TIME) through the factory', async () => {
    const adapter = createJoomAdapter({ apiVersion: 'v2', baseUrl: 'http://127.0.0.1:9', accessToken: 't', account: 'main', v2ShippingTime: '3-30' });
    expect((adapter as unknown as { shippingTime: string }).shippingTime).toBe('3-30');
  });

  it.each(['1-5', '0-2', '9-5', '', 'soon'])('refuses to be built with "%s", which Joom would refuse', (value) => {
    expect(() => adapterSending({ v2ShippingTime: value })).toThrow(/shipping time/);
  });
});
