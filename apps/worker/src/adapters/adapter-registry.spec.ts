import { applyAkinonPlan } from '@app/akinon';
import { ConfigError, loadConfig } from '@app/config';
import { ChannelAuthStore } from '@app/store';
import { AdapterRegistry } from './adapter-registry';

const ENV = { JOOM_ACCESS_TOKEN: 'joom-token', AKINON_API_TOKEN: 'akinon-token', AKINON_BASE_URL: 'http://127.0.0.1:1' };
const registry = (env: Record<string, string>) => new AdapterRegistry(loadConfig({ ...ENV, ...env }), {} as ChannelAuthStore);

describe('AdapterRegistry: what the channel adapters offer on the port', () => {
  it('Akinon offers cancellation plans, with its own rule for their effect (docs/api-decisions.md AK-10)', () => {
    const plans = registry({}).salesChannel('akinon').cancellationPlans;
    expect(plans).toBeDefined();
    expect(plans?.effect).toBe(applyAkinonPlan);
  });

  it.each(['v2', 'v3'])('Joom %s offers none', (version) => {
    expect(registry({ JOOM_API_VERSION: version }).salesChannel('joom').cancellationPlans).toBeUndefined();
  });

  it("refuses to build Joom with a carrier table whose target is off Joom's list, naming the variable (docs/api-decisions.md CA-3)", () => {
    expect(() => registry({ JOOM_CARRIER_MAP: 'UPS=USPS,FedEx=FedEx Ground' })).toThrow(ConfigError);
    expect(() => registry({ JOOM_CARRIER_MAP: 'UPS=USPS,FedEx=FedEx Ground' })).toThrow(/JOOM_CARRIER_MAP maps "FedEx" to "FedEx Ground"/);
    expect(() => registry({ JOOM_CARRIER_MAP: 'UPS=USPS' })).not.toThrow();
  });
});
