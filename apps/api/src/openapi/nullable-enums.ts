import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Adds `null` to the `enum` of every schema that is `nullable: true`.
 *
 * OpenAPI 3.0.3 (the clarified `nullable`) says `nullable` does not extend an
 * `enum`: a value must still be one of the listed ones, so a strict validator
 * (ajv with OpenAPI 3.0 semantics, schema-based fuzzers) refuses
 * `returnOutcome: null` unless `null` is listed too. Listing it is what the
 * spec's own clarification recommends; Redocly's rules accept it, and
 * openapi-typescript reads it as `"a" | "b" | null`. @nestjs/swagger drops a
 * `null` put in a decorator's enum, so it is added here, once for every DTO.
 */
export function listNullInNullableEnums(document: OpenAPIObject): void {
  visit(document.components ?? {});
  visit(document.paths);
}

function visit(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(visit);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as { nullable?: unknown; enum?: unknown[] };
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  for (const value of Object.values(node)) visit(value);
}
