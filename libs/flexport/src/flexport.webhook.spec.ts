import { DomainError } from '@app/orders';
import { parseFlexportWebhook } from './flexport.webhook';

const valid = {
  logisticsEventId: '3f0c9d1e-6a1b-4b7e-9c55-0a8f2f1d2e11',
  logisticsEventType: 'Order.Shipped',
  logisticsEventTime: '2024-04-02T10:15:00.000Z',
  orderId: '100042',
  externalOrderId: 'ord_0123456789abcdef01234567',
  somethingNew: { ignored: true },
};

describe('parseFlexportWebhook', () => {
  it('returns the typed event and drops unknown fields', () => {
    expect(parseFlexportWebhook(valid)).toEqual({
      logisticsEventId: valid.logisticsEventId,
      logisticsEventType: 'Order.Shipped',
      logisticsEventTime: valid.logisticsEventTime,
      orderId: '100042',
      externalOrderId: valid.externalOrderId,
    });
  });

  it('accepts unknown event types, numeric order ids and a missing externalOrderId', () => {
    const { externalOrderId: _drop, ...rest } = valid;
    expect(parseFlexportWebhook({ ...rest, logisticsEventType: 'Shipment.Exception', orderId: 100042 })).toMatchObject({
      logisticsEventType: 'Shipment.Exception',
      orderId: '100042',
      externalOrderId: null,
    });
  });

  it.each([
    ['body', null],
    ['body', [valid]],
    ['body', 'Order.Shipped'],
    ['logisticsEventId', { ...valid, logisticsEventId: undefined }],
    ['logisticsEventId', { ...valid, logisticsEventId: '  ' }],
    ['logisticsEventType', { ...valid, logisticsEventType: 7 }],
    ['logisticsEventTime', { ...valid, logisticsEventTime: 'yesterday' }],
    ['logisticsEventTime', { ...valid, logisticsEventTime: '2024-13-45T99:00:00Z' }],
    ['orderId', { ...valid, orderId: null }],
    ['orderId', { ...valid, orderId: -1 }],
    ['externalOrderId', { ...valid, externalOrderId: 12 }],
  ])('refuses a bad %s with code invalid_webhook naming the field', (field, body) => {
    let caught: unknown;
    try {
      parseFlexportWebhook(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'invalid_webhook', field });
    expect((caught as Error).message).toContain(field);
  });
});
