import { API_SECURITY_HEADERS, headersFor, isUnder, pageSecurityHeaders } from './security-headers';

describe('security headers', () => {
  const docs = pageSecurityHeaders({ styleHashes: ["'sha256-abc='"], images: ['data:'] });
  const pages = [{ prefix: '/docs', headers: docs }];

  it('gives a page prefix, below it and its query the page headers, and every other path the API ones', () => {
    for (const url of ['/docs', '/docs/', '/docs?x=1', '/docs/swagger-ui-bundle.js']) expect(headersFor(url, pages)).toBe(docs);
    for (const url of ['/docs-json', '/docsx', '/v1/orders', '/', '/v1/docs']) expect(headersFor(url, pages)).toBe(API_SECURITY_HEADERS);
    expect(isUnder('/queues/api/queues', '/queues')).toBe(true);
  });

  it('keeps the base headers on a page and never admits inline or eval’d script, nor framing', () => {
    expect(docs).toEqual(expect.objectContaining({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' }));
    expect(docs['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-hashes' 'sha256-abc='; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(pageSecurityHeaders({ styleHashes: [] })['Content-Security-Policy']).toContain("style-src 'self'; img-src 'self'; ");
  });
});
