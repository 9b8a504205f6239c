import { FlexportOrder } from '../flexport.types';

/**
 * The response sample of docs/vendor/flexport-fulfillment-orders-api.txt,
 * key for key and value for value (the same sample for create, get, get by
 * external id, retry and cancel). Specs copy it and override what they test.
 */
export function docOrderExample(): FlexportOrder {
  return {
    address: { address1: 'string', address2: 'string', city: 'string', company: 'string', countryCode: 'string', name: 'string', phone: 'string', provinceCode: 'string', zip: 'string' },
    cost: 0,
    id: 'string',
    createdAt: '2019-08-24T14:15:22Z',
    updatedAt: '2019-08-24T14:15:22Z',
    error: { code: 0, lineItemErrors: [{ logisticsSku: 'string' }], message: 'string', retriable: true, type: 'PARTIALLY_SHIPPED' },
    deliveredAt: '2019-08-24T14:15:22Z',
    externalOrderId: 'string',
    lineItems: [{ customsUnitValue: { amount: 0, currencyCode: 'string' }, logisticsSku: 'string', quantity: 0 }],
    promisedDeliveryByTime: '2019-08-24T14:15:22Z',
    promisedShipByTime: '2019-08-24T14:15:22Z',
    shippedAt: '2019-08-24T14:15:22Z',
    source: 'AMAZON',
    state: { fulfillmentDelayed: true, fulfillmentInProgress: true, fulfillmentStatus: 'DELIVERED', internalStatus: 'CANCELLED' },
    shipments: [
      {
        packages: [
          {
            attemptedDeliveryTime: '2019-08-24T14:15:22Z',
            carrierDeliveryTime: '2019-08-24T14:15:22Z',
            carrierPickUpTime: '2019-08-24T14:15:22Z',
            carrierShipTime: '2019-08-24T14:15:22Z',
            createdAt: '2019-08-24T14:15:22Z',
            id: 'string',
            label: {
              carrier: 'string',
              createdAt: '2019-08-24T14:15:22Z',
              id: 'string',
              labelFormat: 'PDF',
              labelUrl: 'string',
              packageDimensions: { height: 0, length: 0, lengthUnit: 'in', weight: 0, weightUnit: 'oz', width: 0 },
              shippingMethod: 'string',
              trackingCode: 'string',
              trackingUrl: 'string',
            },
            labelCreateTime: '2019-08-24T14:15:22Z',
            lineItems: [{ expirationDate: '2019-08-24T14:15:22Z', logisticsSku: 'string', lotNumber: 'string', quantity: 0 }],
          },
        ],
        id: 'string',
        createdAt: '2019-08-24T14:15:22Z',
        status: 'CANCELLED',
        estimatedDeliveryTime: '2019-08-24T14:15:22Z',
        lineItems: [{ logisticsSku: 'string', quantity: 0 }],
        shippedAt: '2019-08-24T14:15:22Z',
        estimatedShipTime: '2019-08-24T14:15:22Z',
        labelPrintTime: '2019-08-24T14:15:22Z',
        warehouseId: 'string',
        warehouseOrderId: 'string',
      },
    ],
    dropshipDetails: {
      barCode: 'string',
      billingAddress: { address1: 'string', address2: 'string', city: 'string', company: 'string', countryCode: 'string', name: 'string', phone: 'string', provinceCode: 'string', zip: 'string' },
      customMessage: 'string',
      customerOrderDate: 'string',
      customerOrderNo: 'string',
      lineItemData: { key: 'string', value: { retailerDescription: 'string', retailerRefNo: 'string', vendorRefNo: 'string' } },
      orderId: 0,
      reserved1: 'string',
      reserved2: 'string',
      retailerPurchaseOrderNo: 'string',
      shipMethod: 'string',
    },
  };
}

/** Top-level and address keys of the document's create-request sample. */
export const DOC_REQUEST_KEYS = [
  'address',
  'externalOrderId',
  'promisedDeliveryByTime',
  'promisedShipByTime',
  'source',
  'deliveryDays',
  'duties',
  'isSubscriptionOrder',
  'shipMethod',
  'packingSlipUrl',
  'lineItems',
  'dropShipData',
];
export const DOC_ADDRESS_KEYS = ['address1', 'address2', 'city', 'company', 'countryCode', 'name', 'phone', 'provinceCode', 'zip'];
export const DOC_LINE_ITEM_KEYS = ['quantity', 'logisticsSku', 'customsUnitValue', 'lineItemDropShipData'];
