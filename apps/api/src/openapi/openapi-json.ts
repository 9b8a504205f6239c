/**
 * The document as openapi.json holds it: two-space JSON and a trailing
 * newline, keys in the order the document was built (decorator order, which
 * only a code change moves), so regenerating an unchanged API is a no-op.
 */
export function openApiJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
