import { applyTransition } from './apply-transition';
import { IllegalTransitionError } from './order-errors';
import { buildLine, buildOrder } from './testing';

const NOW = '2024-01-16T00:00:00.000Z';

describe('applyTransition', () => {
  it('moves the order and its open lines along an edge, without mutating the input', () => {
    const current = buildOrder({
      status: 'ready',
      lines: [buildLine({ id: 'a', status: 'ready' }), buildLine({ id: 'b', status: 'rejected' })],
    });
    const copy = structuredClone(current);
    const next = applyTransition(current, 'fulfilling', NOW);
    expect(next).toMatchObject({ status: 'fulfilling', updatedAt: NOW, version: current.version });
    expect(next.lines.map((l) => l.status)).toEqual(['fulfilling', 'rejected']);
    expect(current).toEqual(copy);
  });

  it('allows the command-only backward move fulfilling → ready', () => {
    expect(applyTransition(buildOrder({ status: 'fulfilling' }), 'ready', NOW).status).toBe('ready');
  });

  it('throws IllegalTransitionError with state-only allowed actions without a profile', () => {
    expect(() => applyTransition(buildOrder({ status: 'shipped' }), 'ready', NOW)).toThrow(expect.objectContaining({ from: 'shipped', to: 'ready', allowedActions: [] }));
    expect(() => applyTransition(buildOrder({ status: 'ready' }), 'delivered', NOW)).toThrow(
      expect.objectContaining({ allowedActions: ['fulfill:tracking', 'fulfill:flexport', 'fulfill:online', 'cancel', 'reject'] }),
    );
  });

  it('narrows allowed actions to the channel profile when given', () => {
    expect(() => applyTransition(buildOrder({ status: 'ready' }), 'delivered', NOW, 'akinon')).toThrow(IllegalTransitionError);
    expect(() => applyTransition(buildOrder({ status: 'ready' }), 'delivered', NOW, 'akinon')).toThrow(expect.objectContaining({ allowedActions: ['fulfill:flexport', 'cancel', 'reject'] }));
  });
});
