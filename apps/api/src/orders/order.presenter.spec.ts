import { loadConfig } from '@app/config';
import { actionFactsOf, CanonicalOrder } from '@app/orders';
import { buildFulfillment, buildLine, buildOrder, buildShipment } from '@app/orders/testing';
import { OrderPresenter } from './order.presenter';

const presenter = new OrderPresenter(loadConfig({ JOOM_ACCESS_TOKEN: 'token', JOOM_API_VERSION: 'v3' }));

/** An order as the repository hands it over (see OrderRepository.getJson). */
const storedJsonOf = (order: CanonicalOrder) => ({ json: Buffer.from(JSON.stringify(order)), channel: order.channel, facts: JSON.parse(JSON.stringify(actionFactsOf(order))) });

describe('OrderPresenter.presentJson', () => {
  it.each<[string, CanonicalOrder]>([
    ['a ready Joom order', buildOrder({ status: 'ready' })],
    ['a shipped order with merchant tracking', buildOrder({ status: 'shipped', fulfillment: buildFulfillment({ provider: 'merchant', shipments: [buildShipment()] }) })],
    ['an online-only order', buildOrder({ status: 'ready', shippingConstraints: { requirement: 'online_only' } })],
    [
      'an Akinon order with one line left to reject',
      buildOrder({ channel: 'akinon', status: 'ready', lines: [buildLine({ id: 'ln_1', status: 'rejected' }), buildLine({ id: 'ln_2', status: 'ready' })] }),
    ],
    [
      'an Akinon order partly at Flexport (FX-9)',
      buildOrder({
        channel: 'akinon',
        status: 'ready',
        lines: [buildLine({ id: 'ln_1', status: 'fulfilling' }), buildLine({ id: 'ln_2', status: 'ready' }), buildLine({ id: 'ln_3', status: 'rejected' })],
      }),
    ],
    ['a cancelled order (no actions)', buildOrder({ status: 'cancelled' })],
    ['text that must stay as stored', buildOrder({ externalNumber: 'Zoë "quoted" \u2028 \ud83d\udce6' })],
  ])('gives exactly the JSON of present() for %s', (_, order) => {
    const json = presenter.presentJson(storedJsonOf(order));
    expect(json.toString('utf8')).toBe(JSON.stringify(presenter.present(order)));
  });

  it('computes allowedActions from the facts, not from the document', () => {
    const order = buildOrder({ status: 'ready' });
    const stored = { ...storedJsonOf(order), facts: actionFactsOf({ ...order, status: 'cancelled' }) };
    expect(JSON.parse(presenter.presentJson(stored).toString()).allowedActions).toEqual([]);
  });

  it('shows a partly fulfilled order as such, with the lines left to fulfil, and fulfill:flexport still allowed (LP-1)', () => {
    const order = buildOrder({ channel: 'akinon', status: 'ready', lines: [buildLine({ id: 'ln_1', status: 'fulfilling' }), buildLine({ id: 'ln_2', status: 'ready' })] });
    const view = JSON.parse(presenter.presentJson(storedJsonOf(order)).toString());
    expect(view.lineProgress).toEqual({ partial: true, fulfilment: 'partially_fulfilled', unfulfilledLineIds: ['ln_2'], linesByStatus: { fulfilling: ['ln_1'], ready: ['ln_2'] } });
    expect(view.allowedActions).toContain('fulfill:flexport');
    expect(Object.keys(view).slice(-2)).toEqual(['lineProgress', 'allowedActions']);
  });
});
