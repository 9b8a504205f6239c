import { SeededRandom } from '../core/prng';
import { samplePerson } from '../core/sample-people';
import { cancel, deliver, fail, newOrder, ship } from './flexport.lifecycle';
import { CreateOrderInput, FlexportOrder, InternalStatus, ORDER_ERROR_TYPE_NAMES } from './flexport.types';

const CYCLE: InternalStatus[] = ['CREATED', 'SHIPPED', 'DELIVERED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'ERROR'];
const HOUR = 3_600_000;

/**
 * `count` fulfillment orders in every internal status (ERROR ones cycling
 * through the error types), with timestamps in the past that fit the status.
 */
export function generateFlexportOrders(count: number, seed: number, nextId: () => string, now = Date.now()): FlexportOrder[] {
  const rng = new SeededRandom(seed);
  const skus = Array.from({ length: 24 }, () => `D${rng.uuid().replace(/-/g, '').slice(0, 10).toUpperCase()}`);
  const anchor = Math.floor(now / 1000) * 1000;
  const orders: FlexportOrder[] = [];
  for (let i = 0; i < count; i++) {
    const status = CYCLE[i % CYCLE.length];
    const createdMs = anchor - rng.int(6, 30 * 24) * HOUR;
    const order = newOrder(nextId(), input(rng, i, skus, createdMs), createdMs);
    const shippedMs = createdMs + rng.int(2, 48) * HOUR;
    if (status === 'SHIPPED' || status === 'DELIVERED') ship(order, Math.min(shippedMs, anchor - 2 * HOUR));
    if (status === 'DELIVERED') deliver(order, Math.min(shippedMs + rng.int(24, 120) * HOUR, anchor - HOUR));
    if (status === 'CANCELLED') cancel(order, createdMs + rng.int(1, 5) * HOUR);
    if (status === 'ERROR') fail(order, ORDER_ERROR_TYPE_NAMES[Math.floor(i / CYCLE.length) % ORDER_ERROR_TYPE_NAMES.length], createdMs + HOUR);
    orders.push(order);
  }
  return orders;
}

function input(rng: SeededRandom, index: number, skus: string[], createdMs: number): CreateOrderInput {
  // Weighted like the Akinon buyers (Turkey most often), as the generator did before the people were shared.
  const person = samplePerson(rng, 'TR');
  const channel = rng.pick(['joom', 'akinon', 'web']);
  return {
    address: {
      address1: person.street,
      address2: person.street2,
      city: person.city,
      company: rng.chance(0.1) ? 'Öztürk Ticaret A.Ş.' : null,
      countryCode: person.countryCode,
      name: person.fullName,
      phone: person.phone,
      provinceCode: person.regionCode,
      zip: person.zip,
    },
    externalOrderId: `${channel}-${index}-${rng.digits(6)}`,
    lineItems: Array.from({ length: rng.pick([1, 1, 1, 2, 3]) }, () => ({
      logisticsSku: rng.pick(skus),
      quantity: rng.pick([1, 1, 1, 2, 3, 12]),
    })),
    promisedShipByTime: new Date(createdMs + 48 * HOUR).toISOString(),
    promisedDeliveryByTime: new Date(createdMs + 7 * 24 * HOUR).toISOString(),
    source: { joom: 'JOOM', akinon: 'AKINON', web: 'WEBSITE' }[channel] ?? null,
    shipMethod: null,
    dropShipData: null,
  };
}
