import { applyInbound } from './inbound-update';
import { applyTransition } from './apply-transition';
import { flagShipByAtRisk, isShipByAtRisk, settledShipByFlag, shipByDeadlineMs } from './ship-by-risk';
import { buildInboundSnapshot, buildOrder } from './testing';

const NOW = '2024-01-15T12:00:00.000Z';
const nowMs = Date.parse(NOW);
const inHours = (hours: number) => new Date(nowMs + hours * 3_600_000).toISOString();
const withShipBy = (shipBy: string | null, status: 'ready' | 'fulfilling' | 'shipped' | 'cancelling' = 'ready') => buildOrder({ status, shippingConstraints: { shipBy } });

describe('ship-by at risk', () => {
  it('is at risk when the deadline is closer than the threshold or past, and only while the order waits to ship', () => {
    expect(isShipByAtRisk(withShipBy(inHours(23)), nowMs, 24)).toBe(true);
    expect(isShipByAtRisk(withShipBy(inHours(-5)), nowMs, 24)).toBe(true);
    expect(isShipByAtRisk(withShipBy(inHours(24)), nowMs, 24)).toBe(false);
    expect(isShipByAtRisk(withShipBy(inHours(30)), nowMs, 24)).toBe(false);
    expect(isShipByAtRisk(withShipBy(inHours(30)), nowMs, 48)).toBe(true);
    expect(isShipByAtRisk(withShipBy(inHours(1), 'fulfilling'), nowMs, 24)).toBe(true);
    expect(isShipByAtRisk(withShipBy(inHours(1), 'shipped'), nowMs, 24)).toBe(false);
    expect(isShipByAtRisk(withShipBy(inHours(1), 'cancelling'), nowMs, 24)).toBe(false);
    expect(isShipByAtRisk(withShipBy(null), nowMs, 24)).toBe(false);
    expect(isShipByAtRisk(withShipBy('not a time'), nowMs, 24)).toBe(false);
  });

  it('indexes the deadline of an unshipped order only', () => {
    expect(shipByDeadlineMs(withShipBy(inHours(3)))).toBe(nowMs + 3 * 3_600_000);
    expect(shipByDeadlineMs(withShipBy(inHours(3), 'shipped'))).toBeNull();
    expect(shipByDeadlineMs(withShipBy(null))).toBeNull();
  });

  it('flags an unflagged order at risk with the deadline and a history annotation', () => {
    const order = withShipBy(inHours(5));
    const decision = flagShipByAtRisk(order, NOW, 24)!;
    expect(decision.order.attention).toEqual({ code: 'ship_by_at_risk', message: expect.stringContaining(inHours(5)), since: NOW, details: { shipBy: inHours(5) } });
    expect(decision.order.updatedAt).toBe(NOW);
    expect(decision.history).toEqual([expect.objectContaining({ kind: 'annotation', cause: 'system', actor: 'ship-by-watch', from: 'ready', to: 'ready' })]);
    expect(decision.history[0].note).toMatch(/^attention ship_by_at_risk: /);
  });

  it('changes nothing for an order not at risk, already flagged, or flagged for something else', () => {
    expect(flagShipByAtRisk(withShipBy(inHours(48)), NOW, 24)).toBeNull();
    const flagged = flagShipByAtRisk(withShipBy(inHours(5)), NOW, 24)!.order;
    expect(flagShipByAtRisk(flagged, inHours(1), 24)).toBeNull();
    const other = buildOrder({ shippingConstraints: { shipBy: inHours(5) }, attention: { code: 'address_incomplete', message: 'no city', since: NOW } });
    expect(flagShipByAtRisk(other, NOW, 24)).toBeNull();
  });

  it('clears when the order ships or is being cancelled, through a command move or a channel snapshot', () => {
    const flagged = flagShipByAtRisk(withShipBy(inHours(5)), NOW, 24)!.order;
    expect(applyTransition(flagged, 'shipped', inHours(1)).attention).toBeNull();
    expect(applyTransition(flagged, 'cancelling', inHours(1)).attention).toBeNull();
    expect(applyTransition(flagged, 'fulfilling', inHours(1)).attention?.code).toBe('ship_by_at_risk');
    expect(applyInbound(flagged, buildInboundSnapshot({ status: 'shipped', channelStatus: 'shipped' }), inHours(1)).order.attention).toBeNull();
    // Still waiting, deadline still there: the channel's clean snapshot keeps the flag.
    expect(applyInbound(flagged, buildInboundSnapshot(), inHours(1)).order.attention?.code).toBe('ship_by_at_risk');
    // The channel no longer counts down: no deadline, no flag.
    const dropped = buildInboundSnapshot({ fields: { shippingConstraints: { requirement: null, shipBy: null, deliverBy: null } } });
    expect(applyInbound(flagged, dropped, inHours(1)).order.attention).toBeNull();
  });

  it('gives way to an inbound problem, and leaves every other flag alone', () => {
    const flagged = flagShipByAtRisk(withShipBy(inHours(5)), NOW, 24)!.order;
    const unmapped = applyInbound(flagged, buildInboundSnapshot({ status: null, channelStatus: 'weird' }), inHours(1)).order;
    expect(unmapped.attention?.code).toBe('unmapped_status');
    const failed = { code: 'command_failed' as const, message: 'x', since: NOW };
    expect(settledShipByFlag({ ...withShipBy(null, 'shipped'), attention: failed })).toBe(failed);
  });
});
