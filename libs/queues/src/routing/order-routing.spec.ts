import { GatewayConfig } from '@app/config';
import { CanonicalOrder, parseRoutingRules, PLACEABLE_HOLD_REASONS } from '@app/orders';
import { buildOrder } from '@app/orders/testing';
import { OrderRepository, RoutingBacklog } from '@app/store';
import { CommandInProgressError } from '../command-errors';
import { CommandRouter } from '../command-router';
import { OrderRouting } from './order-routing';

const { rules } = parseRoutingRules({ rules: [{ name: 'joom-to-flexport', match: { channel: 'joom' }, action: 'fulfill:flexport' }] }, PLACEABLE_HOLD_REASONS);
const RETRY_MS = 5_000;

/** OrderRouting over an in-memory backlog and store; `route` stands in for the command pipeline. */
function routingWith(orders: CanonicalOrder[], route: () => Promise<unknown>, failingReads: string[] = []) {
  const backlog = new Map<string, number>();
  const stored = new Map(orders.map((order) => [order.id, order]));
  const fakeBacklog = {
    add: async (id: string, at: number) => void backlog.set(id, at),
    remove: async (id: string) => void backlog.delete(id),
    removeSeen: async ({ orderId, dueAtMs }: { orderId: string; dueAtMs: number }) => void (backlog.get(orderId) === dueAtMs && backlog.delete(orderId)),
    due: async (now: number) => [...backlog].filter(([, at]) => at <= now).map(([orderId, dueAtMs]) => ({ orderId, dueAtMs })),
  } as unknown as RoutingBacklog;
  const repository = {
    get: async (id: string) => {
      if (failingReads.includes(id)) throw new Error(`cannot read ${id}`);
      return stored.get(id) ?? null;
    },
    mutate: async (id: string, change: (current: CanonicalOrder | null) => { order: CanonicalOrder } | null) => {
      const next = change(stored.get(id) ?? null);
      if (next) stored.set(id, next.order);
      return next?.order ?? null;
    },
  } as unknown as OrderRepository;
  const router = { route } as unknown as CommandRouter;
  const config = { routing: { rules }, routingRetryIntervalMs: RETRY_MS } as unknown as GatewayConfig;
  return { routing: new OrderRouting(repository, router, fakeBacklog, config), backlog, stored };
}

describe('OrderRouting and its backlog (docs/api-decisions.md RT-3)', () => {
  const ready = () => buildOrder({ id: 'ord_joom_1', channel: 'joom', status: 'ready' });

  it('puts an order it cannot decide now (a command in progress) into the backlog, due a retry interval later', async () => {
    const { routing, backlog, stored } = routingWith([ready()], async () => {
      throw new CommandInProgressError('cmd-1', 'commands-joom');
    });
    const before = Date.now();
    expect(await routing.routeOne(ready())).toBeNull();
    expect(backlog.get('ord_joom_1')).toBeGreaterThanOrEqual(before + RETRY_MS);
    expect(stored.get('ord_joom_1')?.routing).toBeUndefined();
  });

  it('routes a due order from the backlog once the command is done, then forgets it', async () => {
    let busy = true;
    const { routing, backlog, stored } = routingWith([ready()], async () => {
      if (busy) throw new CommandInProgressError('cmd-1', 'commands-joom');
    });
    await routing.routeOne(ready());
    // Still busy at the next look: it stays, due again later.
    expect(await routing.routeBacklog(Date.now() + RETRY_MS)).toBe(0);
    expect(backlog.has('ord_joom_1')).toBe(true);

    busy = false;
    expect(await routing.routeBacklog(Date.now() + 2 * RETRY_MS)).toBe(1);
    expect(backlog.has('ord_joom_1')).toBe(false);
    expect(stored.get('ord_joom_1')?.routing).toEqual(expect.objectContaining({ rule: 'joom-to-flexport', action: 'fulfill' }));
  });

  it('drops a backlog entry with nothing to decide (routed already, or gone) without routing', async () => {
    let routed = 0;
    const decided = buildOrder({ id: 'ord_joom_2', channel: 'joom', status: 'ready', routing: { rule: 'joom-to-flexport', action: 'fulfill', at: '2026-01-01T00:00:00.000Z' } });
    const { routing, backlog } = routingWith([decided], async () => void routed++);
    await routing.expectRelease('ord_joom_2');
    await routing.expectRelease('ord_missing');
    expect(await routing.routeBacklog(Date.now() + RETRY_MS)).toBe(0);
    expect(backlog.size).toBe(0);
    expect(routed).toBe(0);
  });

  it('marks a release as owed before it is saved, due only after a retry interval, and clears it once routed', async () => {
    const { routing, backlog } = routingWith([ready()], async () => undefined);
    const before = Date.now();
    await routing.expectRelease('ord_joom_1');
    expect(await routing.routeBacklog(before)).toBe(0);
    expect(backlog.get('ord_joom_1')).toBeGreaterThanOrEqual(before + RETRY_MS);
    await routing.routeReleased(ready());
    expect(backlog.has('ord_joom_1')).toBe(false);
  });

  it('puts back an order that fails and goes on with the entries behind it', async () => {
    const { routing, backlog, stored } = routingWith([ready()], async () => undefined, ['ord_broken']);
    backlog.set('ord_broken', 1);
    backlog.set('ord_joom_1', 2);
    const now = Date.now();
    expect(await routing.routeBacklog(now)).toBe(1);
    expect(stored.get('ord_joom_1')?.routing).toEqual(expect.objectContaining({ rule: 'joom-to-flexport' }));
    expect(backlog.has('ord_joom_1')).toBe(false);
    expect(backlog.get('ord_broken')).toBeGreaterThanOrEqual(now + RETRY_MS);
  });

  it('keeps an entry added again while it was being looked at', async () => {
    const decided = buildOrder({ id: 'ord_joom_2', channel: 'joom', status: 'ready', routing: { rule: 'joom-to-flexport', action: 'fulfill', at: '2026-01-01T00:00:00.000Z' } });
    const { routing, backlog } = routingWith([decided], async () => undefined);
    backlog.set('ord_joom_2', 1);
    // due() is read as the look starts; a release then marks the order again before the look removes it.
    const look = routing.routeBacklog(Date.now());
    const markedAgain = Date.now() + RETRY_MS;
    backlog.set('ord_joom_2', markedAgain);
    await look;
    expect(backlog.get('ord_joom_2')).toBe(markedAgain);
  });
});
