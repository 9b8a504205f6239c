import { ConfigError } from '@app/config';
import { acceptedProviderName, carrierKey, JOOM_ACCEPTED_PROVIDERS } from './joom-accepted-providers';
import { InvalidCarrierError } from './joom-errors';

/** A gateway carrier name (Flexport's, a merchant's) → a name on Joom's accepted list (`JOOM_CARRIER_MAP`). */
export type JoomCarrierMap = Readonly<Record<string, string>>;

/**
 * Names a carrier the way Joom accepts it: the configured carrier table first
 * (`JOOM_CARRIER_MAP`, e.g. UPS → USPS), then the document's accepted list in
 * any of its forms (any case, English, native, "English (native)"). Nothing
 * else: a carrier neither names is refused before any call, since v2 would
 * answer code 1000 / data 2003 (docs/api-decisions.md CA-1, CA-3).
 */
export class JoomCarriers {
  private readonly table = new Map<string, string>();

  /**
   * Checks every target against Joom's list and keeps it spelled as the list
   * does. A target off the list throws `ConfigError` naming every such entry:
   * the adapter is built at boot, so the process refuses to start (libs/config
   * checks only the variable's form, as it knows nothing of Joom).
   */
  constructor(carrierMap: JoomCarrierMap = {}) {
    const problems: string[] = [];
    for (const [from, to] of Object.entries(carrierMap)) {
      const target = acceptedProviderName(to);
      if (target) this.table.set(carrierKey(from), target);
      else problems.push(`JOOM_CARRIER_MAP maps "${from}" to "${to}", which is not on Joom's accepted shipping providers list`);
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }

  /** The accepted name for a carrier, or null when neither the table nor the list names it. */
  joomName(carrier: string): string | null {
    return this.table.get(carrierKey(carrier)) ?? acceptedProviderName(carrier);
  }

  /** The name to send to Joom v2; throws `InvalidCarrierError` naming the carrier otherwise. */
  resolve(carrier: string): string {
    const name = this.joomName(carrier);
    if (!name) throw new InvalidCarrierError(carrier, `it is not one of Joom's accepted shipping providers and JOOM_CARRIER_MAP does not map it (accepted: ${ACCEPTED_NAMES})`);
    return name;
  }

  /** True when both name the same carrier (e.g. "china post" and "China Post (中国邮政)"). */
  same(a: string | null | undefined, b: string | null | undefined): boolean {
    if (!a || !b) return false;
    return carrierKey(this.joomName(a) ?? a) === carrierKey(this.joomName(b) ?? b);
  }
}

const ACCEPTED_NAMES = JOOM_ACCEPTED_PROVIDERS.map(([english]) => english).join(', ');
