import type { FieldProblem } from './validation-problems';

/**
 * Keys that reach an object's prototype machinery. JSON.parse and the query
 * parser keep them as ordinary own properties, but class-transformer drops
 * them silently — so without this check `{"__proto__": …}` would be accepted
 * as if the field had never been sent, unlike every other unknown field.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * How deep a command payload may nest. Our bodies are flat (one array at
 * most); the limit is far above that and far below what would overflow the
 * stack in class-transformer's recursive copy (a 64 kB body can nest 32,000
 * levels, which answered 500 before this check).
 */
export const MAX_PAYLOAD_DEPTH = 8;

/**
 * Problems with the *shape* of an untrusted payload, found before any
 * recursive library touches it: reserved keys at any depth, and nesting
 * deeper than `maxDepth`. Walks iteratively, so hostile depth cannot blow
 * the stack here either. Rows use the same `{ field, problems }` form as
 * validation errors, with dotted paths (`lineIds.0.__proto__`).
 */
export function payloadShapeProblems(value: unknown, maxDepth = MAX_PAYLOAD_DEPTH): FieldProblem[] {
  const rows: FieldProblem[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (typeof node.value !== 'object' || node.value === null) continue;
    if (node.depth >= maxDepth) {
      // Named by the top-level field the client set, once, however many branches go too deep.
      const field = node.path.split('.')[0] || 'body';
      if (!rows.some((row) => row.field === field)) rows.push({ field, problems: [`${field} nests deeper than ${maxDepth} levels`] });
      continue;
    }
    for (const key of Object.keys(node.value)) {
      const path = node.path ? `${node.path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) rows.push({ field: path, problems: [`property ${path} should not exist`] });
      else pending.push({ value: (node.value as Record<string, unknown>)[key], path, depth: node.depth + 1 });
    }
  }
  return rows.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}
