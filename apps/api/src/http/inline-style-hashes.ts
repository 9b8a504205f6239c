import { createHash } from 'node:crypto';

/**
 * CSP `'sha256-…'` sources for the inline styles of the pages the api serves
 * from dependencies (Swagger UI, the bull-board dashboard), so style-src can
 * name exactly those instead of `'unsafe-inline'`. They are hashed from the
 * installed packages at boot: an upgrade brings its own hashes along, and a
 * style that slips past the extraction shows as a CSP violation in
 * test/browser/security-headers.e2e-spec.ts.
 */

/** Every inline `<style>` block and `style="…"` attribute of a page's HTML. */
export function pageStyleHashes(html: string, page: string): string[] {
  const blocks = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]);
  const attributes = [...html.matchAll(/\sstyle="([^"]*)"/g)].map((match) => match[1]);
  const pieces = [...blocks, ...attributes];
  // A template tag or an HTML entity would hash differently from what the browser sees.
  const unhashable = pieces.find((piece) => /<%|&/.test(piece));
  if (unhashable !== undefined) throw new Error(`${page}: an inline style is templated or entity-encoded, its hash would not match: ${unhashable.slice(0, 80)}`);
  return sha256Sources(pieces);
}

/**
 * The constant `<style>` elements a bundle's React code renders (both UIs
 * draw an inline SVG logo with one): `createElement("style",null,"…")` and
 * `jsx("style",{children:`…`})` with a plain string.
 */
export function bundleStyleHashes(bundle: string): string[] {
  const created = [...bundle.matchAll(/createElement\("style",null,("(?:[^"\\]|\\.)*")\)/g)].map((match) => JSON.parse(match[1]) as string);
  const jsx = [...bundle.matchAll(/\("style",\{children:`([^`$\\]*)`\}\)/g)].map((match) => match[1]);
  return sha256Sources([...created, ...jsx]);
}

function sha256Sources(texts: readonly string[]): string[] {
  return [...new Set(texts.map((text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`))];
}
