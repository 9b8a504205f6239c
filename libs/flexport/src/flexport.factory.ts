import { FulfillmentProviderAdapter } from '@app/adapters';
import { FlexportConfig } from '@app/config';
import { FlexportAdapter, FlexportAdapterOptions } from './flexport.adapter';
import { FlexportClient } from './flexport.client';

/**
 * The Flexport fulfillment provider for a configured account.
 *
 * @example
 *   const flexport = createFlexportAdapter(config.channels.flexport!, { skuMap: { 'JM-RED-M': 'DSKU9Q2' } });
 *   const created = await flexport.createOrder(order, { shipMethod: 'standard' });
 */
export function createFlexportAdapter(config: FlexportConfig, options: FlexportAdapterOptions = {}): FulfillmentProviderAdapter {
  return new FlexportAdapter(FlexportClient.fromConfig(config), { source: config.orderSource ?? null, ...options });
}
