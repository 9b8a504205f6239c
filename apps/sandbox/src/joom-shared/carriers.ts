/**
 * "Accepted Shipping Providers" from the v2 document (4PX … Yun Express), as
 * [English name, native name], plus USPS, which the document's own fulfil
 * examples send (docs/api-decisions.md CA-1). `carriers.spec.ts` compares it
 * with the document's text. Anything else (UPS, FedEx…) is refused.
 */
export const JOOM_ACCEPTED_PROVIDERS: readonly (readonly [string, string | null])[] = [
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
  ['USPS', null],
];

const byKey = new Map<string, string>();
for (const [english, native] of JOOM_ACCEPTED_PROVIDERS) {
  byKey.set(english.toLowerCase(), english);
  if (native) byKey.set(`${english} (${native})`.toLowerCase(), english);
}

/**
 * The canonical (English) provider name, or null when Joom would refuse it.
 * Case and the native-name suffix are forgiven: clients copy the list either way.
 */
export function acceptedProvider(input: string): string | null {
  return byKey.get(input.trim().toLowerCase()) ?? null;
}

/** Both documents: "alphanumeric characters with no space between them". */
export function isValidTrackingNumber(value: string): boolean {
  return /^[A-Za-z0-9]{1,64}$/.test(value);
}
