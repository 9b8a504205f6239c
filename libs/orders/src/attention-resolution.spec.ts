import { AttentionChangedError, NoAttentionError, resolveAttention } from './attention-resolution';
import { CanonicalOrder } from './order.types';

const flagged = { id: 'ord_1', status: 'ready', attention: { code: 'carrier_unmapped', message: 'carrier "Foo" is not on Joom\'s list', since: '2026-12-01T00:00:00Z' } } as unknown as CanonicalOrder;
const NOW = '2026-12-07T10:00:00.000Z';

describe('resolveAttention', () => {
  it('clears the flag and records who, why and what was cleared', () => {
    const { order, history } = resolveAttention(flagged, { note: 'mapped Foo to USPS' }, 'api-key:0a1b2c3d', NOW);
    expect(order.attention).toBeNull();
    expect(order.status).toBe('ready');
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'annotation',
        from: 'ready',
        to: 'ready',
        actor: 'api-key:0a1b2c3d',
        note: 'attention carrier_unmapped resolved: mapped Foo to USPS',
        details: { resolved: flagged.attention },
      }),
    ]);
  });

  it('refuses an order without a flag, and a flag other than the one the caller saw', () => {
    expect(() => resolveAttention({ ...flagged, attention: null }, { note: 'x' }, 'a', NOW)).toThrow(NoAttentionError);
    expect(() => resolveAttention(flagged, { note: 'x', expected: 'command_failed' }, 'a', NOW)).toThrow(AttentionChangedError);
    expect(resolveAttention(flagged, { note: 'x', expected: 'carrier_unmapped' }, 'a', NOW).order.attention).toBeNull();
  });
});
