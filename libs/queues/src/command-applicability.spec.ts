import { buildLine, buildOrder } from '@app/orders/testing';
import { assertCommandApplicable } from './command-applicability';

const order = buildOrder({
  channel: 'akinon',
  status: 'ready',
  lines: [buildLine({ id: 'line-1' }), buildLine({ id: 'line-2', externalLineId: 'ext-2', status: 'shipped' }), buildLine({ id: 'line-3', externalLineId: 'ext-3' })],
});
const reject = (lineIds?: string[]) => () => assertCommandApplicable(order, 'akinon', 'reject', { reason: 'out_of_stock', ...(lineIds ? { lineIds } : {}) });

describe('assertCommandApplicable: the lines a reject names', () => {
  it('accepts lines that can still be rejected, and no lines at all (the rest of the order)', () => {
    expect(reject(['line-1', 'line-3'])).not.toThrow();
    expect(reject()).not.toThrow();
  });

  it('refuses an unknown line', () => {
    expect(reject(['line-9'])).toThrow(expect.objectContaining({ code: 'line_not_found' }));
  });

  it('refuses a line past rejecting, naming it and its status', () => {
    const check = reject(['line-1', 'line-2']);
    expect(check).toThrow(expect.objectContaining({ code: 'line_not_rejectable', details: { lines: [{ id: 'line-2', status: 'shipped' }] } }));
    expect(check).toThrow('line(s) can no longer be rejected: line-2 is shipped');
  });
});

describe('assertCommandApplicable: the lines a fulfil names (docs/api-decisions.md FX-9)', () => {
  const partly = buildOrder({
    channel: 'akinon',
    status: 'ready',
    lines: [
      buildLine({ id: 'line-1' }),
      buildLine({ id: 'line-2', externalLineId: 'ext-2', status: 'fulfilling' }),
      buildLine({ id: 'line-3', externalLineId: 'ext-3', status: 'rejected' }),
      buildLine({ id: 'line-4', externalLineId: 'ext-4' }),
    ],
  });
  const fulfil = (lineIds?: string[]) => () => assertCommandApplicable(partly, 'akinon', 'fulfill', { mode: 'flexport', ...(lineIds ? { lines: lineIds.map((lineId) => ({ lineId })) } : {}) });

  it('accepts lines still to fulfil, and no lines at all (every line still to fulfil)', () => {
    expect(fulfil(['line-1'])).not.toThrow();
    expect(fulfil(['line-1', 'line-4'])).not.toThrow();
    expect(fulfil()).not.toThrow();
  });

  it('refuses an unknown line', () => {
    expect(fulfil(['line-1', 'line-9'])).toThrow(expect.objectContaining({ code: 'line_not_found', details: { lineIds: ['line-9'] } }));
  });

  it('refuses a line already sent and a rejected line, naming each and its status', () => {
    const check = fulfil(['line-1', 'line-2', 'line-3']);
    expect(check).toThrow(
      expect.objectContaining({
        code: 'line_not_fulfillable',
        details: {
          lines: [
            { id: 'line-2', status: 'fulfilling' },
            { id: 'line-3', status: 'rejected' },
          ],
        },
      }),
    );
    expect(check).toThrow('line(s) cannot be fulfilled: line-2 is fulfilling, line-3 is rejected');
  });
});
