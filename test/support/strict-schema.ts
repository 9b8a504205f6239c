/**
 * A strict reading of an OpenAPI 3.0.3 schema, as schema-based testers and
 * validators read it: `nullable` admits null, and an `enum` must still list
 * it; `integer` means a whole number; `oneOf` means exactly one; every
 * required property is present and no undocumented one is.
 */
export interface StrictSchema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: StrictSchema;
  properties?: Record<string, StrictSchema>;
  required?: string[];
  additionalProperties?: boolean | StrictSchema;
  allOf?: StrictSchema[];
  oneOf?: StrictSchema[];
}

/** Every way `value` departs from `schema`, as `$.path: problem` lines. */
export function strictSchemaProblems(value: unknown, schema: StrictSchema, components: Record<string, StrictSchema>, path = '$'): string[] {
  if (schema.$ref) return strictSchemaProblems(value, components[schema.$ref.split('/').pop()!], components, path);
  if (schema.allOf) {
    // @nestjs/swagger's nullable reference: { nullable: true, allOf: [{ $ref }] }.
    if (value === null) return schema.nullable ? [] : [`${path}: null, not nullable`];
    return schema.allOf.flatMap((part) => strictSchemaProblems(value, part, components, path));
  }
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((variant) => strictSchemaProblems(value, variant, components, path).length === 0).length;
    return matching === 1 ? [] : [`${path}: matches ${matching} of oneOf`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum ${JSON.stringify(schema.enum)}`];
  if (value === null) return schema.nullable ? [] : [`${path}: null, not nullable`];
  const actual = Array.isArray(value) ? 'array' : typeof value;
  if (schema.type === 'integer') return Number.isInteger(value) ? [] : [`${path}: ${JSON.stringify(value)} is not an integer`];
  if (schema.type && schema.type !== actual) return [`${path}: ${actual}, documented ${schema.type}`];
  if (schema.type === 'array') return (value as unknown[]).flatMap((item, i) => strictSchemaProblems(item, schema.items!, components, `${path}[${i}]`));
  if (schema.type !== 'object' || !schema.properties) return [];
  const record = value as Record<string, unknown>;
  return [
    ...(schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}: missing`),
    ...(schema.additionalProperties
      ? []
      : Object.keys(record)
          .filter((key) => !(key in schema.properties!))
          .map((key) => `${path}.${key}: not documented`)),
    ...Object.entries(schema.properties).flatMap(([key, property]) => (key in record ? strictSchemaProblems(record[key], property, components, `${path}.${key}`) : [])),
  ];
}
