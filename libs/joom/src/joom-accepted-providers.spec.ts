import { readFileSync } from 'fs';
import { join } from 'path';
import { acceptedProviderName, JOOM_ACCEPTED_PROVIDERS } from './joom-accepted-providers';

/** The bullets under "Accepted Shipping Providers" in the v2 document, as [English, native]. */
function documentList(): [string, string | null][] {
  const text = readFileSync(join(__dirname, '../../../docs/vendor/joom-merchant-api-v2.txt'), 'utf8');
  const lines = text.split(/\r?\n/);
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

describe('JOOM_ACCEPTED_PROVIDERS', () => {
  it("is the document's whole list, in its order, plus USPS (docs/api-decisions.md CA-1)", () => {
    const fromDocument = documentList();
    expect(fromDocument.length).toBeGreaterThanOrEqual(26);
    expect(fromDocument[fromDocument.length - 1]).toEqual(['Yun Express', '云途物流']);
    expect(JOOM_ACCEPTED_PROVIDERS.map(([english, native]) => [english, native])).toEqual([...fromDocument, ['USPS', null]]);
  });

  it.each([
    ['yun express', 'Yun Express'],
    ['云途物流', 'Yun Express'],
    ['Yun Express (云途物流)', 'Yun Express'],
    ['  china   POST ', 'China Post'],
    ['usps', 'USPS'],
  ])('reads %j as %s', (input, name) => {
    expect(acceptedProviderName(input)).toBe(name);
  });

  it.each(['UPS', 'FedEx', 'DHL eCommerce', 'USPSSSSSSSSSSSSSSSSSSSSSSSSS', ''])('does not accept %j', (input) => {
    expect(acceptedProviderName(input)).toBeNull();
  });
});
