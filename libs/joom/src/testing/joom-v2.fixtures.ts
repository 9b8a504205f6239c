import { JoomV2Order } from '../joom-v2.types';

/** The document's "Retrieve an Order" example response, verbatim. */
export const DOC_V2_GET_ORDER_RESPONSE = {
  code: 0,
  data: {
    Order: {
      ShippingDetail: {
        city: 'North Bay',
        country: 'US',
        name: 'Mick Berry',
        phone_number: '+1 555-181-7247',
        state: 'NC',
        street_address1: '2126 PO Box 5 Rt 49',
        zipcode: '13123',
      },
      last_updated: '2013-12-06T20:20:20',
      order_time: '2013-12-06T20:20:20',
      order_id: '123456789009876543210164',
      order_total: '17.6',
      product_id: '1113fad43deaf71536cb2c74',
      buyer_id: '1234fad43deaf71536cb2c74',
      quantity: '2',
      price: '8',
      cost: '6.8',
      shipping: '2.35',
      shipping_cost: '2',
      product_name: 'Dandelion Necklace',
      product_image_url: 'http://d1zog42tnv26ho.cloudfront.net/4fea11fac43bf532f4001419-normal.jpg',
      days_to_fulfill: '2',
      hours_to_fulfill: '49',
      sku: 'Dandelion Necklace',
      state: 'APPROVED',
      transaction_id: '11114026a99e980d4e500269',
      variant_id: '1111fad63deaf71536cb2c76',
    },
  },
  message: '',
};

/**
 * The document's "Retrieve Recently Changed Orders" example response, verbatim
 * (its `paging.next` on api-merchant.joom.it with a doubled `??` included).
 */
export const DOC_V2_MULTI_GET_RESPONSE = {
  code: 0,
  data: [
    {
      Order: {
        ShippingDetail: {
          city: 'New York City',
          country: 'US',
          name: 'Guadalupe Smith',
          phone_number: '5554191609',
          state: 'California',
          street_address1: '3317 w 51st Street',
          zipcode: '60632',
        },
        last_updated: '2014-01-20T20:20:20',
        order_time: '2014-01-20T20:20:20',
        order_id: '123456789009876543210164',
        order_total: '17.6',
        product_id: '1113fad43deaf71536cb2c74',
        buyer_id: '1234fad43deaf71536cb2c74',
        quantity: '2',
        price: '8',
        cost: '6.8',
        shipping: '2.35',
        shipping_cost: '2',
        product_name: 'Dandelion Necklace',
        product_image_url: 'http://d1zog42tnv26ho.cloudfront.net/4fea11fac43bf532f4001419-normal.jpg',
        days_to_fulfill: '2',
        hours_to_fulfill: '49',
        sku: 'Dandelion Necklace',
        state: 'APPROVED',
        transaction_id: '11114026a99e980d4e500269',
        variant_id: '1111fad63deaf71536cb2c76',
      },
    },
    {
      Order: {
        ShippingDetail: {
          city: 'Lake City',
          country: 'US',
          name: 'Marko Schroeder',
          phone_number: '+1 555-399-7785',
          state: 'NY',
          street_address1: '20685 W Verona Ave',
          zipcode: '60046',
        },
        last_updated: '2014-01-20T20:20:20',
        order_time: '2014-01-20T20:20:20',
        order_id: '1114a7cfb2ec2d42d272b627',
        order_total: '17.6',
        product_id: '1113fad43deaf71536cb2c74',
        buyer_id: '1234fad43deaf71536cb2c74',
        quantity: '2',
        price: '8',
        cost: '6.8',
        shipping: '2.35',
        shipping_cost: '2',
        product_name: 'Dandelion Necklace',
        product_image_url: 'http://d1zog42tnv26ho.cloudfront.net/4fea11fac43bf532f4001419-normal.jpg',
        days_to_fulfill: '2',
        hours_to_fulfill: '2',
        sku: 'Dandelion Necklace',
        state: 'APPROVED',
        transaction_id: '11114026a99e980d4e500269',
        variant_id: '1111fad63deaf71536cb2c76',
      },
    },
  ],
  message: '',
  paging: {
    next: 'https://api-merchant.joom.it/api/v2/order/multi-get??start=300&limit=100&since=2014-01-20&access_token=an_example_access_token',
    previous: 'https://api-merchant.joom.it/api/v2/order/multi-get?start=100&limit=100&since=2014-01-20&access_token=an_example_access_token',
  },
};

/** The document's example order, with overrides for the facts a spec is about. */
export function buildV2Order(overrides: Partial<JoomV2Order> = {}): JoomV2Order {
  return { ...structuredClone(DOC_V2_GET_ORDER_RESPONSE.data.Order), ...overrides };
}
