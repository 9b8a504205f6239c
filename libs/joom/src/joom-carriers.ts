import { InvalidCarrierError } from './joom-errors';

/**
 * "Accepted Shipping Providers" from the Joom merchant API document, as
 * [English name, native name]. USPS is not in the list, but the document's own
 * debugging example fixes a refused provider by "change it to USPS" and its
 * curl examples fulfil with it, so it is accepted too. v3 names its shippers
 * the same way; carriers beyond this list (v3's `GET /shippers` knows more)
 * are added per deployment with `extraCarriers`.
 */
export const JOOM_ACCEPTED_CARRIERS: readonly (readonly [string, string | null])[] = [
  ['4PX', null],
  ['BVP Logistics', '无忧物流'],
  ['Buy Logic International', '捷买送'],
  ['China Post', '中国邮政'],
  ['DHL', null],
  ['EMS', null],
  ['Holland Post', '荷兰邮政'],
  ['Hongkong DGM', '香港DGM'],
  ['Hongkong Post', '香港邮政'],
  ['Hungary Post', '匈牙利邮政'],
  ['JET e-commerce logistics', '捷特电商物流'],
  ['Malasia Post', '马来西亚邮政'],
  ['Quanzhou Post', '泉州邮局'],
  ['Ruston', '俄速通物流'],
  ['SFC Service Ltd', '三态物流'],
  ['SFExpress', '顺丰物流'],
  ['SPSR', 'SPSR快递'],
  ['Singapore Post', '新加坡邮政'],
  ['Sunyou Post', '顺邮宝'],
  ['Suzhou Post', '苏州邮局'],
  ['Swiss Post', '瑞士邮政'],
  ['Turkey Post', '土耳其邮政'],
  ['XFL Express', '小飞龙平邮'],
  ['Yanwen Express', '燕文物流'],
  ['Yishida Post', '易时达物流'],
  ['USPS', null],
];

/**
 * Resolves carrier names the way people copy them from the document: any
 * case, English name, native name, or "English (native)". Answers the English
 * name, which is what Joom expects as `tracking_provider` / `provider`.
 */
export class JoomCarriers {
  private readonly byKey = new Map<string, string>();
  private readonly names: string[] = [];

  constructor(extraCarriers: readonly string[] = []) {
    for (const [english, native] of JOOM_ACCEPTED_CARRIERS) this.add(english, native);
    for (const extra of extraCarriers) this.add(extra.trim(), null);
  }

  /** The name to send to Joom; throws `InvalidCarrierError` naming the carrier otherwise. */
  resolve(carrier: string): string {
    const name = this.byKey.get(key(carrier));
    if (!name) throw new InvalidCarrierError(carrier, this.names);
    return name;
  }

  /** True when both name the same carrier (e.g. "china post" and "China Post (中国邮政)"). */
  same(a: string | null | undefined, b: string | null | undefined): boolean {
    if (!a || !b) return false;
    const [x, y] = [this.byKey.get(key(a)) ?? key(a), this.byKey.get(key(b)) ?? key(b)];
    return x.toLowerCase() === y.toLowerCase();
  }

  private add(english: string, native: string | null): void {
    if (!english || this.byKey.has(key(english))) return;
    this.names.push(english);
    this.byKey.set(key(english), english);
    if (native) {
      this.byKey.set(key(native), english);
      this.byKey.set(key(`${english} (${native})`), english);
    }
  }
}

function key(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
