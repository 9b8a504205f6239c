import { buildOrder } from '@app/orders/testing';
import { attemptFor, externalOrderIdFor, parseExternalOrderId } from './flexport.attempt';

const ID = 'ord_0123456789abcdef01234567';
const flexport = (providerStatus: string, attempt?: number) => ({ provider: 'flexport' as const, providerOrderId: '9', providerStatus, shipments: [], ...(attempt ? { attempt } : {}) });

describe('Flexport fulfilment attempts (docs/api-decisions.md FX-1)', () => {
  it('keeps the bare gateway id for the first attempt and suffixes later ones', () => {
    expect(externalOrderIdFor(ID, 1)).toBe(ID);
    expect(externalOrderIdFor(ID, 2)).toBe(`${ID}-2`);
    expect(externalOrderIdFor(ID, 12)).toBe(`${ID}-12`);
  });

  it('reads the gateway id and attempt back from any attempt’s externalOrderId', () => {
    expect(parseExternalOrderId(ID)).toEqual({ gatewayOrderId: ID, attempt: 1 });
    expect(parseExternalOrderId(`${ID}-2`)).toEqual({ gatewayOrderId: ID, attempt: 2 });
    expect(parseExternalOrderId(`${ID}-12`)).toEqual({ gatewayOrderId: ID, attempt: 12 });
    // Not an attempt suffix: "-1" (the first attempt is bare), "-0", leading zeros, foreign ids.
    expect(parseExternalOrderId(`${ID}-1`)).toEqual({ gatewayOrderId: `${ID}-1`, attempt: 1 });
    expect(parseExternalOrderId(`${ID}-02`)).toEqual({ gatewayOrderId: `${ID}-02`, attempt: 1 });
    expect(parseExternalOrderId('SHOP-ORDER')).toEqual({ gatewayOrderId: 'SHOP-ORDER', attempt: 1 });
  });

  it('repeats the recorded attempt while its Flexport order may be live, and moves on once Flexport cancelled it', () => {
    expect(attemptFor(buildOrder({ fulfillment: null }))).toBe(1);
    expect(attemptFor(buildOrder({ fulfillment: flexport('CREATED') }))).toBe(1);
    expect(attemptFor(buildOrder({ fulfillment: flexport('CANCELLED') }))).toBe(2);
    expect(attemptFor(buildOrder({ fulfillment: flexport('ERROR', 3) }))).toBe(3);
    expect(attemptFor(buildOrder({ fulfillment: flexport('CANCELLED', 3) }))).toBe(4);
    expect(attemptFor(buildOrder({ fulfillment: { provider: 'merchant', providerOrderId: null, providerStatus: null, shipments: [] } }))).toBe(1);
  });

  it('numbers the parts of an order split by line: a repeat of a part keeps its number, a part for other lines takes the next (FX-9)', () => {
    const part = (attempt: number, lineIds: string[], providerStatus = 'CREATED') => ({ attempt, providerOrderId: `fx-${attempt}`, providerStatus, lineIds, shipments: [] });
    const split = (...parts: ReturnType<typeof part>[]) => buildOrder({ fulfillment: { ...flexport(parts[parts.length - 1].providerStatus, parts[parts.length - 1].attempt), parts } });
    // No Flexport order yet: the first part is attempt 1, whatever its lines.
    expect(attemptFor(buildOrder({ fulfillment: null }), ['l1'])).toBe(1);
    // Part 1 holds l1, l2: a create for l3 is part 2; a create naming l1 again repeats part 1.
    expect(attemptFor(split(part(1, ['l1', 'l2'])), ['l3'])).toBe(2);
    expect(attemptFor(split(part(1, ['l1', 'l2'])), ['l1', 'l2'])).toBe(1);
    expect(attemptFor(split(part(1, ['l1']), part(2, ['l2'])), ['l2'])).toBe(2);
    // Flexport cancelled part 2: its lines go in a new Flexport order, numbered after every one recorded.
    expect(attemptFor(split(part(1, ['l1']), part(2, ['l2'], 'CANCELLED')), ['l2'])).toBe(3);
    // A whole order Flexport cancelled (attempt 3), then split: the parts number on from it.
    expect(attemptFor(buildOrder({ fulfillment: { ...flexport('CANCELLED', 3) } }), ['l1'])).toBe(4);
    expect(attemptFor(buildOrder({ fulfillment: { ...flexport('CREATED', 4), parts: [part(4, ['l1'])] } }), ['l2'])).toBe(5);
  });
});
