import { formatCents, toCents } from '../core/decimal';
import { SeededRandom } from '../core/prng';
import { samplePerson } from '../core/sample-people';
import { placeRefs } from './akinon.locations';
import { AkinonOrderFactory } from './akinon.order-factory';
import { AkinonDataSet } from './akinon.store';
import { AKINON_STATUS, AKINON_STATUSES, AkinonAddress, AkinonCancellationPlan, AkinonStatus } from './akinon.types';

const { SHIPPED, DELIVERED, CANCELLATION_WAITING, CANCELLED, REJECTED } = AKINON_STATUS;
const DAY_S = 86_400;
/** The number of the document's example order; generated numbers continue from it. */
export const FIRST_ORDER_NUMBER = 45243493;

/**
 * `count` orders cycling through every status code, with multi-item orders
 * whose items differ (a rejected line in a live order, shipped + delivered
 * lines, a partly cancelled order) and the cancellation plans that go with them.
 */
export function generateAkinonData(count: number, seed: number, now = Date.now()): AkinonDataSet {
  const rng = new SeededRandom(seed);
  const factory = new AkinonOrderFactory(rng, `seller-${seed}`);
  const data: AkinonDataSet = { addresses: [], orders: [], items: [], plans: [] };
  // Whole seconds, like the document's examples ("2019-01-01T00:00:00Z").
  const anchor = Math.floor(now / 1000) * 1000;
  for (let i = 0; i < count; i++) {
    const target = AKINON_STATUSES[i % AKINON_STATUSES.length];
    const placedMs = anchor - rng.int(3_600, 60 * DAY_S) * 1000;
    const shipping = makeAddress(rng);
    const billing = rng.chance(0.7) ? shipping : makeAddress(rng);
    data.addresses.push(shipping);
    if (billing !== shipping) data.addresses.push(billing);
    const built = factory.build({
      number: String(FIRST_ORDER_NUMBER + i),
      itemStatuses: itemStatusesFor(rng, target),
      shippingAddress: shipping.id,
      billingAddress: billing.id,
      placedMs,
      updatedMs: Math.min(anchor - 1000, placedMs + rng.int(60, 5 * DAY_S) * 1000),
    });
    data.orders.push(built.order);
    data.items.push(...built.items);
    const plan = planFor(rng, built.order.id, built.items, built.order.updated_at);
    if (plan) data.plans.push(plan);
  }
  return data;
}

function itemStatusesFor(rng: SeededRandom, target: AkinonStatus): AkinonStatus[] {
  const count = rng.pick([1, 1, 1, 2, 2, 3, 4]);
  const statuses: AkinonStatus[] = Array(count).fill(target);
  if (count < 2 || !rng.chance(0.4)) return statuses;
  // A second line in a different state; the order status still derives to `target`.
  if (target === SHIPPED) statuses[count - 1] = DELIVERED;
  else if (target === CANCELLATION_WAITING) statuses[count - 1] = AKINON_STATUS.APPROVED;
  else if (target !== REJECTED) statuses[count - 1] = REJECTED;
  return statuses;
}

function planFor(rng: SeededRandom, orderId: string, items: { id: string; status: AkinonStatus; price: string }[], createdAt: string): AkinonCancellationPlan | null {
  const waiting = items.filter((item) => item.status === CANCELLATION_WAITING);
  const cancelled = items.filter((item) => item.status === CANCELLED);
  const covered = waiting.length > 0 ? waiting : cancelled;
  if (covered.length === 0) return null;
  const refund = covered.reduce((sum, item) => sum + toCents(item.price), 0);
  return {
    id: rng.uuid(),
    shipping_refund_amount: '0.00',
    refund_amount: formatCents(refund),
    discount_refund_amount: '0.00',
    status: waiting.length > 0 ? 'waiting' : 'completed',
    plan_type: 'cancel',
    invoice_number: rng.chance(0.5) ? rng.digits(6) : null,
    payment_plan: {},
    order: orderId,
    order_items: covered.map((item) => item.id),
    created_at: createdAt,
  };
}

/**
 * A customer address the document's way: a free `line` ("Bağdat Caddesi No: 12,
 * D:3" — no postcode or city in it) and uuids for country, city, township and
 * district, which only a locations table resolves (akinon.locations.ts;
 * docs/api-decisions.md AK-6). `overrides` replace fields, e.g. an unknown
 * city uuid.
 */
export function makeAddress(rng: SeededRandom, overrides: Partial<AkinonAddress> = {}): AkinonAddress {
  // Turkey most often: it is Akinon's home market.
  const person = samplePerson(rng, 'TR');
  const company = rng.chance(0.1);
  return {
    id: rng.uuid(),
    email: person.email,
    phone_number: person.phone,
    first_name: person.firstName,
    last_name: person.lastName,
    line: [person.street, person.street2].filter(Boolean).join(', '),
    is_active: true,
    postcode: person.zip,
    notes: rng.chance(0.2) ? 'Kapıya bırakın lütfen — zili çalmayın' : null,
    company_name: company ? 'Öztürk Ticaret A.Ş.' : null,
    tax_office: company ? 'Kadıköy' : null,
    tax_no: company ? rng.digits(10) : null,
    e_bill_taxpayer: company,
    identity_number: person.countryCode === 'TR' ? `1${rng.digits(10)}` : null,
    ...placeRefs(person.countryCode, person.city),
    ...overrides,
  };
}
