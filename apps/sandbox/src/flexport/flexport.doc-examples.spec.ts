import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ControlModule } from '../control/control.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from './flexport.module';

/**
 * Replays the request sample of docs/vendor/flexport-fulfillment-orders-api.txt
 * (its placeholder strings replaced by valid values) through every endpoint and
 * checks the answers against the document's response sample, key for key.
 */
const BASE = '/logistics/api/2024-04';
const AUTH = `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`;
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const ADDRESS = { address1: '1 Main St', address2: 'Unit 2', city: 'Reno', company: 'ACME', countryCode: 'US', name: 'Zoë Núñez', phone: '+1 775 555 0100', provinceCode: 'NV', zip: '89501' };

const REQUEST_SAMPLE = {
  address: ADDRESS,
  externalOrderId: 'doc-example-1',
  promisedDeliveryByTime: future(7),
  promisedShipByTime: future(2),
  source: 'AMAZON',
  deliveryDays: 0,
  duties: {
    incoterm: 'DAP',
    merchantOfRecordAccountId: 'a',
    merchantOfRecordCarrierCode: 'c',
    merchantOfRecordOrderId: 'o',
    merchantOfRecordProvider: 'GLOBALE',
    merchantOfRecordSkuMap: [{ dsku: 'd', msku: 'm', quantity: 0 }],
  },
  isSubscriptionOrder: true,
  shipMethod: 'standard',
  packingSlipUrl: 'https://example.com/slip.pdf',
  lineItems: [
    { quantity: 1, logisticsSku: 'DSKU-DOC', customsUnitValue: { amount: 0, currencyCode: 'USD' }, lineItemDropShipData: { retailerDescription: 'r', retailerRefNo: 'r', vendorRefNo: 'v' } },
  ],
  dropShipData: {
    shipMethod: 's',
    billingAddress: ADDRESS,
    retailerPurchaseOrderNo: 'p',
    barCode: 'b',
    customerOrderDate: '2024-01-01',
    customerOrderNo: 'n',
    customMessage: 'm',
    reserved1: 'r1',
    reserved2: 'r2',
  },
};

const ORDER_KEYS = [
  'address',
  'cost',
  'id',
  'createdAt',
  'updatedAt',
  'error',
  'deliveredAt',
  'externalOrderId',
  'lineItems',
  'promisedDeliveryByTime',
  'promisedShipByTime',
  'shippedAt',
  'source',
  'state',
  'shipments',
  'dropshipDetails',
];
const ADDRESS_KEYS = ['address1', 'address2', 'city', 'company', 'countryCode', 'name', 'phone', 'provinceCode', 'zip'];
const STATE_KEYS = ['fulfillmentDelayed', 'fulfillmentInProgress', 'fulfillmentStatus', 'internalStatus'];
const ERROR_KEYS = ['code', 'lineItemErrors', 'message', 'retriable', 'type'];
const SHIPMENT_KEYS = ['packages', 'id', 'createdAt', 'status', 'estimatedDeliveryTime', 'lineItems', 'shippedAt', 'estimatedShipTime', 'labelPrintTime', 'warehouseId', 'warehouseOrderId'];
const PACKAGE_KEYS = ['attemptedDeliveryTime', 'carrierDeliveryTime', 'carrierPickUpTime', 'carrierShipTime', 'createdAt', 'id', 'label', 'labelCreateTime', 'lineItems'];
const LABEL_KEYS = ['carrier', 'createdAt', 'id', 'labelFormat', 'labelUrl', 'packageDimensions', 'shippingMethod', 'trackingCode', 'trackingUrl'];
const DIMENSION_KEYS = ['height', 'length', 'lengthUnit', 'weight', 'weightUnit', 'width'];
const PACKAGE_LINE_KEYS = ['expirationDate', 'logisticsSku', 'lotNumber', 'quantity'];
const DROPSHIP_KEYS = [
  'barCode',
  'billingAddress',
  'customMessage',
  'customerOrderDate',
  'customerOrderNo',
  'lineItemData',
  'orderId',
  'reserved1',
  'reserved2',
  'retailerPurchaseOrderNo',
  'shipMethod',
];

const keys = (value: object) => Object.keys(value).sort();

function expectOrderShape(order: Record<string, any>): void {
  expect(keys(order)).toEqual([...ORDER_KEYS].sort());
  expect(keys(order.address)).toEqual([...ADDRESS_KEYS].sort());
  expect(keys(order.state)).toEqual([...STATE_KEYS].sort());
  expect(typeof order.cost).toBe('number');
  if (order.error) expect(keys(order.error)).toEqual([...ERROR_KEYS].sort());
  for (const shipment of order.shipments) {
    expect(keys(shipment)).toEqual([...SHIPMENT_KEYS].sort());
    for (const pkg of shipment.packages) {
      expect(keys(pkg)).toEqual([...PACKAGE_KEYS].sort());
      expect(keys(pkg.label)).toEqual([...LABEL_KEYS].sort());
      expect(keys(pkg.label.packageDimensions)).toEqual([...DIMENSION_KEYS].sort());
      for (const line of pkg.lineItems) expect(keys(line)).toEqual([...PACKAGE_LINE_KEYS].sort());
    }
  }
}

describe('Flexport: the document request/response samples', () => {
  let app: INestApplication;
  const api = (method: 'get' | 'post', path: string) => request(app.getHttpServer())[method](`${BASE}${path}`).set('Authorization', AUTH);
  let id: string;

  beforeAll(async () => {
    app = await createSandboxTestApp([FlexportModule, ControlModule]);
  });
  afterAll(() => app.close());

  it('POST /orders with the request sample answers an order in the response sample shape', async () => {
    const res = await api('post', '/orders').send(REQUEST_SAMPLE).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expectOrderShape(res.body);
    expect(keys(res.body.dropshipDetails)).toEqual([...DROPSHIP_KEYS].sort());
    expect(res.body.lineItems).toEqual([{ logisticsSku: 'DSKU-DOC', quantity: 1, customsUnitValue: { amount: 0, currencyCode: 'USD' } }]);
    id = res.body.id;
  });

  it('GET /orders/{id} and GET /orders/external_id/{externalOrderId} answer the same shape', async () => {
    expectOrderShape((await api('get', `/orders/${id}`).expect(200)).body);
    expectOrderShape((await api('get', '/orders/external_id/doc-example-1').expect(200)).body);
  });

  it('a shipped order carries shipments, packages and labels in the sample shape', async () => {
    await request(app.getHttpServer()).post('/__sandbox/flexport/actions/ship').send({ orderId: id }).expect(200);
    const order = (await api('get', `/orders/${id}`).expect(200)).body;
    expect(order.shipments).toHaveLength(1);
    expectOrderShape(order);
  });

  it('POST /orders/{id}/retry and /cancel answer the same shape', async () => {
    const other = (
      await api('post', '/orders')
        .send({ ...REQUEST_SAMPLE, externalOrderId: 'doc-example-2' })
        .expect(200)
    ).body;
    await request(app.getHttpServer()).post('/__sandbox/flexport/actions/fail').send({ orderId: other.id, type: 'PARTIALLY_SHIPPED', retriable: true }).expect(200);
    expectOrderShape((await api('get', `/orders/${other.id}`).expect(200)).body);
    expectOrderShape((await api('post', `/orders/${other.id}/retry`).expect(200)).body);
    expectOrderShape((await api('post', `/orders/${other.id}/cancel`).expect(200)).body);
  });
});
