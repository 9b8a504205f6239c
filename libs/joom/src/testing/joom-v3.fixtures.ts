import { JoomV3Order } from '../joom-v3.types';

/**
 * A v3 order with the fields docs/vendor/real-api-facts.md lists. joom-orders-overview.txt has no
 * example payload, so this follows the sandbox's rendering of the same fields.
 */
export function buildV3Order(overrides: Partial<JoomV3Order> = {}): JoomV3Order {
  return {
    id: 'K3Q9ZT2M',
    storeId: '5f1a0c9e3b7d4e2a8c6b0d1e',
    transactionId: '11114026a99e980d4e500269',
    status: 'approved',
    currency: 'EUR',
    quantity: 3,
    orderTimestamp: '2024-03-01T09:15:00.000Z',
    updateTimestamp: '2024-03-01T10:00:30.123Z',
    onlineShippingRequirement: 'offlineOrOnline',
    product: {
      id: '1113fad43deaf71536cb2c74',
      sku: 'SKU-1006',
      name: 'Silk scarf «Étoile»',
      mainImage: 'https://img.joomcdn.net/x_original.jpeg',
      variant: { id: '1111fad63deaf71536cb2c76', sku: 'SKU-1006-crème', color: 'crème' },
    },
    priceInfo: { unitPrice: '0.10', shippingPrice: '0.20', orderPrice: '0.90', refundAmount: '0.00' },
    shippingAddress: {
      name: 'Jürgen Müller',
      phoneNumber: '+49 151234567',
      email: 'buyer.1a2b3c4d@example.com',
      country: 'DE',
      state: 'Bayern',
      city: 'München',
      streetAddress1: 'Königstraße 12',
      streetAddress2: 'Hinterhaus, 2. OG',
      zipCode: '80331',
    },
    ...overrides,
  };
}
