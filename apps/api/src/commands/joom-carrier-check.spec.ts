import { loadConfig } from '@app/config';
import { InvalidCarrierError } from '@app/joom';
import { JoomCarrierCheck } from './joom-carrier-check';

const joom = { channel: 'joom' as const };
const config = (version: 'v2' | 'v3', map?: string) => loadConfig({ JOOM_ACCESS_TOKEN: 'token-0123456789abcdef', JOOM_API_VERSION: version, ...(map ? { JOOM_CARRIER_MAP: map } : {}) });

describe('JoomCarrierCheck (docs/api-decisions.md CA-7)', () => {
  it("refuses, on Joom v2, a tracking carrier neither the document's list nor JOOM_CARRIER_MAP names", () => {
    const check = new JoomCarrierCheck(config('v2', 'UPS=USPS'));
    expect(() => check.assertKnown(joom, 'fulfill', { mode: 'tracking', carrier: 'Pigeon Express' })).toThrow(InvalidCarrierError);
    expect(() => check.assertKnown(joom, 'fulfill', { mode: 'tracking', carrier: 'FedEx' })).toThrow(expect.objectContaining({ code: 'invalid_carrier', carrier: 'FedEx' }));
    for (const carrier of ['UPS', 'China Post', '云途物流', 'usps']) expect(() => check.assertKnown(joom, 'fulfill', { mode: 'tracking', carrier })).not.toThrow();
  });

  it("leaves v3 (Joom's shippers list, read by the worker), other modes and other channels alone", () => {
    expect(() => new JoomCarrierCheck(config('v3')).assertKnown(joom, 'fulfill', { mode: 'tracking', carrier: 'Russian Post' })).not.toThrow();
    const v2 = new JoomCarrierCheck(config('v2'));
    expect(() => v2.assertKnown(joom, 'fulfill', { mode: 'flexport' })).not.toThrow();
    expect(() => v2.assertKnown({ channel: 'akinon' }, 'fulfill', { mode: 'tracking', carrier: 'Pigeon Express' })).not.toThrow();
  });

  it('checks the carrier of a modify-tracking the same way, and leaves commands without one alone', () => {
    const v2 = new JoomCarrierCheck(config('v2'));
    expect(() => v2.assertKnown(joom, 'modify-tracking', { carrier: 'Pigeon Express', trackingNumber: 'RB123' })).toThrow(expect.objectContaining({ code: 'invalid_carrier' }));
    expect(() => v2.assertKnown(joom, 'modify-tracking', { carrier: 'China Post', trackingNumber: 'RB123' })).not.toThrow();
    expect(() => new JoomCarrierCheck(config('v3')).assertKnown(joom, 'modify-tracking', { carrier: 'Pigeon Express', trackingNumber: 'RB123' })).not.toThrow();
    expect(() => v2.assertKnown(joom, 'cancel', { reason: 'other' })).not.toThrow();
  });
});
