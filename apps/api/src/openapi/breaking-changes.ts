/**
 * The changes from one OpenAPI 3.0 document to the next that break a client
 * written against the first: a removed operation; a new required parameter,
 * or request property; a request enum that lost values; a removed response
 * property, or one no longer always there, or newly nullable; a changed type.
 * Additions (operations, optional inputs, response properties, enum values in
 * requests) are not breaking. scripts/check-contract.sh runs it on
 * contract/openapi.released.json → openapi.json.
 */

interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Which side of the exchange a schema describes: what clients send, or what they read. */
type Direction = 'request' | 'response';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** One line per breaking change, e.g. `POST /v1/orders/{id}/fulfill: request body.note: newly required`. */
export function breakingChanges(before: OpenApiDocument, after: OpenApiDocument): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(before.paths ?? {})) {
    for (const method of METHODS) {
      const old = item[method];
      if (!old) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const now = after.paths?.[path]?.[method];
      if (!now) {
        problems.push(`${where}: operation removed`);
        continue;
      }
      const compare = new SchemaComparison(before, after, problems);
      compareParameters(compare, where, old.parameters ?? [], now.parameters ?? []);
      compareRequestBody(compare, where, old, now);
      for (const [status, response] of Object.entries(old.responses ?? {})) {
        const oldSchema = response.content?.['application/json']?.schema;
        const newSchema = now.responses?.[status]?.content?.['application/json']?.schema;
        if (!oldSchema) continue;
        if (!now.responses?.[status]) problems.push(`${where}: response ${status} removed`);
        else if (!newSchema) problems.push(`${where}: response ${status} no longer JSON`);
        else compare.schemas(`${where}: response ${status}`, oldSchema, newSchema, 'response');
      }
    }
  }
  return problems;
}

function compareParameters(compare: SchemaComparison, where: string, old: Parameter[], now: Parameter[]): void {
  for (const parameter of now) {
    const before = old.find((candidate) => candidate.name === parameter.name && candidate.in === parameter.in);
    const label = `${where}: ${parameter.in} parameter ${parameter.name}`;
    if (parameter.required && !before?.required) compare.problems.push(`${label}: newly required`);
    if (before?.schema && parameter.schema) compare.schemas(label, before.schema, parameter.schema, 'request');
  }
}

function compareRequestBody(compare: SchemaComparison, where: string, old: Operation, now: Operation): void {
  const nowBody = now.requestBody;
  if (nowBody?.required && !old.requestBody?.required) compare.problems.push(`${where}: request body newly required`);
  const oldSchema = old.requestBody?.content?.['application/json']?.schema;
  const newSchema = nowBody?.content?.['application/json']?.schema;
  if (oldSchema && !newSchema) compare.problems.push(`${where}: request body no longer JSON`);
  if (oldSchema && newSchema) compare.schemas(`${where}: request body`, oldSchema, newSchema, 'request');
}

class SchemaComparison {
  /** Pairs of component schemas already compared in a direction: recursive schemas end. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly before: OpenApiDocument,
    private readonly after: OpenApiDocument,
    readonly problems: string[],
  ) {}

  schemas(label: string, oldSchema: Schema, newSchema: Schema, direction: Direction): void {
    const oldRef = refOf(oldSchema);
    const newRef = refOf(newSchema);
    const pair = `${oldRef}→${newRef}:${direction}`;
    if (oldRef && newRef) {
      if (this.seen.has(pair)) return;
      this.seen.add(pair);
    }
    const old = resolve(this.before, oldSchema);
    const now = resolve(this.after, newSchema);
    // An integer is a number: a response may narrow number to integer, a request may widen integer to number.
    const narrowed = old.type === 'number' && now.type === 'integer' && direction === 'response';
    const widened = old.type === 'integer' && now.type === 'number' && direction === 'request';
    if (old.type && now.type && old.type !== now.type && !narrowed && !widened) this.problems.push(`${label}: type ${old.type} → ${now.type}`);
    if (direction === 'request' && old.nullable && !now.nullable) this.problems.push(`${label}: no longer nullable`);
    if (direction === 'response' && !old.nullable && now.nullable) this.problems.push(`${label}: newly nullable`);
    if (direction === 'request' && old.enum && now.enum) {
      const lost = old.enum.filter((value) => !now.enum!.includes(value));
      if (lost.length > 0) this.problems.push(`${label}: enum no longer accepts ${lost.map((value) => JSON.stringify(value)).join(', ')}`);
    }
    if (direction === 'request' && !old.enum && now.enum) this.problems.push(`${label}: newly restricted to an enum`);
    this.properties(label, old, now, direction);
    if (old.items && now.items) this.schemas(`${label}[]`, old.items, now.items, direction);
    this.variants(label, old, now, direction);
  }

  private properties(label: string, old: Schema, now: Schema, direction: Direction): void {
    const oldRequired = new Set(old.required ?? []);
    const newRequired = new Set(now.required ?? []);
    for (const [name, oldProperty] of Object.entries(old.properties ?? {})) {
      const newProperty = now.properties?.[name];
      const at = `${label}.${name}`;
      if (!newProperty) {
        // A client reading it loses it; a client sending it is refused (bodies are whitelisted).
        this.problems.push(`${at}: removed`);
        continue;
      }
      if (direction === 'request' && newRequired.has(name) && !oldRequired.has(name)) this.problems.push(`${at}: newly required`);
      if (direction === 'response' && oldRequired.has(name) && !newRequired.has(name)) this.problems.push(`${at}: no longer always present`);
      this.schemas(at, oldProperty, newProperty, direction);
    }
    if (direction === 'request') {
      for (const name of newRequired) if (!old.properties?.[name] && now.properties?.[name]) this.problems.push(`${label}.${name}: newly required`);
    }
  }

  /** oneOf/anyOf variants matched by $ref: a request variant that is gone no longer accepts what it described. */
  private variants(label: string, old: Schema, now: Schema, direction: Direction): void {
    const oldVariants = old.oneOf ?? old.anyOf ?? [];
    const newVariants = now.oneOf ?? now.anyOf ?? [];
    for (const variant of oldVariants) {
      const match = newVariants.find((candidate) => candidate.$ref !== undefined && candidate.$ref === variant.$ref);
      if (match) this.schemas(`${label}<${refName(variant.$ref)}>`, variant, match, direction);
      else if (direction === 'request') this.problems.push(`${label}: variant ${refName(variant.$ref) ?? JSON.stringify(variant)} removed`);
    }
  }
}

/** The schema behind $refs and the single-member `allOf` that @nestjs/swagger wraps nullable references in. */
function resolve(document: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 20) return schema;
  if (schema.$ref) {
    const target = document.components?.schemas?.[refName(schema.$ref) ?? ''];
    return target ? { ...resolve(document, target, depth + 1), ...(schema.nullable ? { nullable: true } : {}) } : schema;
  }
  if (schema.allOf?.length === 1 && !schema.properties) {
    const { allOf, ...rest } = schema;
    const inner = resolve(document, allOf[0], depth + 1);
    return { ...inner, ...rest, nullable: rest.nullable ?? inner.nullable } as Schema;
  }
  return schema;
}

/** The component a schema is: its $ref, or that of the single-member allOf @nestjs/swagger wraps nullable references in. */
function refOf(schema: Schema): string | undefined {
  return schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
}

function refName(ref: string | undefined): string | undefined {
  return ref?.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
}
