/**
 * Joom's accepted tracking providers, as [English name, native name]: the
 * whole "Accepted Shipping Providers" list of docs/vendor/joom-merchant-api-v2.txt
 * (4PX … Yun Express), in the document's order, plus USPS, which the
 * document's own fulfil examples use (docs/api-decisions.md CA-1).
 * `joom-accepted-providers.spec.ts` compares this list with the document's text.
 *
 * `JoomCarriers` checks `JOOM_CARRIER_MAP`'s targets against it.
 */
export const JOOM_ACCEPTED_PROVIDERS: readonly (readonly [english: string, native: string | null])[] = [
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
  ['Yun Express', '云途物流'],
  // Not on the list; the document's fulfil-one and modify-tracking examples send it (CA-1).
  ['USPS', null],
];

/** How names are compared everywhere: any case, runs of spaces as one. */
export function carrierKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The English name Joom expects for a name copied from the list in any of its
 * forms (English, native, or "English (native)", any case); null when the
 * name is not on it.
 */
export function acceptedProviderName(name: string): string | null {
  return ACCEPTED_BY_KEY.get(carrierKey(name)) ?? null;
}

const ACCEPTED_BY_KEY = new Map<string, string>();
for (const [english, native] of JOOM_ACCEPTED_PROVIDERS) {
  ACCEPTED_BY_KEY.set(carrierKey(english), english);
  if (native) {
    ACCEPTED_BY_KEY.set(carrierKey(native), english);
    ACCEPTED_BY_KEY.set(carrierKey(`${english} (${native})`), english);
  }
}
