import { InboundSnapshot } from '../inbound-update';

/** A clean snapshot (order-level status only, no lines, no fields) to override per test. */
export function buildInboundSnapshot(overrides: Partial<InboundSnapshot> = {}): InboundSnapshot {
  return {
    status: 'ready',
    channelStatus: 'approved',
    lines: [],
    channelUpdatedAt: '2024-01-15T11:00:00.000Z',
    fields: {},
    ...overrides,
  };
}
