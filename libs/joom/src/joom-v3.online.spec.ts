import { buildOrder } from '@app/orders/testing';
import { buildV3Order } from './testing/joom-v3.fixtures';
import { JoomV3Adapter } from './joom-v3.adapter';
import { JoomV3Client } from './joom-v3.client';
import { JoomV3Providers } from './joom-v3-providers';
import { JoomV3OnlineFulfillment } from './joom-v3.types';

/** A v3 adapter over a stub client: `fulfillOnline` answers `label`, the order then reads as fulfilled online. */
function adapter(label: JoomV3OnlineFulfillment, onlineProvider?: string) {
  const fulfillOnline = jest.fn(async () => label);
  const client = { fulfillOnline, getOrder: async (id: string) => buildV3Order({ id, status: 'fulfilledOnline' }) } as unknown as JoomV3Client;
  return { joom: new JoomV3Adapter('main', client, {} as JoomV3Providers, { onlineProvider }), fulfillOnline };
}

describe("JoomV3Adapter.fulfillOnline names the label's carrier", () => {
  const order = buildOrder({ channel: 'joom', externalId: 'ext-1' });

  it('as the shipper Joom names', async () => {
    const { joom } = adapter({ trackingNumber: 'JL1', shippingOrderNumber: 'SO1', shipperName: 'YunExpress' });
    expect((await joom.fulfillOnline(order, { firstAttempt: true })).details).toEqual({ trackingNumber: 'JL1', shippingOrderNumber: 'SO1', shipperName: 'YunExpress' });
  });

  it('else as the online provider it asked for (default Joom Logistics)', async () => {
    const { joom, fulfillOnline } = adapter({ trackingNumber: 'JL1', shippingOrderNumber: 'SO1' });
    expect((await joom.fulfillOnline(order, { firstAttempt: true })).details?.shipperName).toBe('Joom Logistics');
    expect(fulfillOnline).toHaveBeenCalledWith('ext-1', 'Joom Logistics');
    const other = adapter({ trackingNumber: 'JL2' }, 'Cainiao');
    expect((await other.joom.fulfillOnline(order, { firstAttempt: true })).details?.shipperName).toBe('Cainiao');
  });
});
