import { readFileSync } from 'fs';
import { join } from 'path';
import { acceptedProvider, JOOM_ACCEPTED_PROVIDERS } from './carriers';

/** The bullets under "Accepted Shipping Providers" in the v2 document, as [English, native]. */
function documentList(): [string, string | null][] {
  const lines = readFileSync(join(__dirname, '../../../../docs/vendor/joom-merchant-api-v2.txt'), 'utf8').split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === 'Accepted Shipping Providers');
  expect(start).toBeGreaterThan(0);
  const bullets: [string, string | null][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    const bullet = /^\s*•\s*(.+?)\s*$/.exec(line);
    if (!bullet) break;
    const named = /^(.*?)\s*\((.+)\)$/.exec(bullet[1]);
    bullets.push(named ? [named[1], named[2]] : [bullet[1], null]);
  }
  return bullets;
}

describe("the sandbox's accepted providers", () => {
  it("are the document's whole list plus USPS (docs/api-decisions.md CA-1)", () => {
    const fromDocument = documentList();
    expect(fromDocument[fromDocument.length - 1]).toEqual(['Yun Express', '云途物流']);
    expect(JOOM_ACCEPTED_PROVIDERS.map(([english, native]) => [english, native])).toEqual([...fromDocument, ['USPS', null]]);
  });

  it("accept every name on the document's list, and nothing else Flexport ships with", () => {
    for (const [english, native] of documentList()) {
      expect(acceptedProvider(english)).toBe(english);
      if (native) expect(acceptedProvider(`${english} (${native})`)).toBe(english);
    }
    for (const refused of ['UPS', 'FedEx', 'FEDEX', 'DHL_ECOMMERCE', 'DHL eCommerce']) expect(acceptedProvider(refused)).toBeNull();
  });
});
