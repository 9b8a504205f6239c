import { isLiveAtFlexport } from './live-at-flexport';
import { buildFulfillment, buildOrder } from './testing';

describe('isLiveAtFlexport', () => {
  it('is true for an order created at Flexport and not cancelled there', () => {
    expect(isLiveAtFlexport(buildOrder({ fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'CREATED' }) }))).toBe(true);
  });

  it.each([
    ['never routed', null],
    ['merchant shipping', buildFulfillment({ provider: 'merchant', providerOrderId: null, providerStatus: null })],
    ['not created at Flexport yet', buildFulfillment({ provider: 'flexport', providerOrderId: null, providerStatus: null })],
    ['cancelled at Flexport', buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'CANCELLED' })],
  ])('is false when %s', (_case, fulfillment) => {
    expect(isLiveAtFlexport(buildOrder({ fulfillment }))).toBe(false);
  });
});
