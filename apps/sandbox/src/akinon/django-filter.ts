import { parseDecimal } from '../core/decimal';

/**
 * A small django-filter look-alike: query params such as `amount__gte=10.5`
 * become predicates over rows. Like django-filter, unknown params and empty
 * values are ignored, and an unparsable value is a 400 naming the param.
 */
export type FilterKind = 'string' | 'int' | 'decimal' | 'datetime' | 'date' | 'bool' | 'uuid' | 'choice' | 'json';
export type FilterOp = 'exact' | 'iexact' | 'contains' | 'icontains' | 'gt' | 'gte' | 'lt' | 'lte' | 'date' | 'has';

export interface FilterSpec<T> {
  param: string;
  kind: FilterKind;
  op: FilterOp;
  get: (row: T) => unknown;
  choices?: readonly (string | number)[];
}

export type FilterResult<T> = { ok: true; predicate: (row: T) => boolean } | { ok: false; errors: Record<string, string[]> };

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const BOOLEANS: Record<string, boolean> = { true: true, True: true, '1': true, false: false, False: false, '0': false };

export function filter<T>(param: string, kind: FilterKind, get: (row: T) => unknown, op: FilterOp = 'exact', choices?: readonly (string | number)[]): FilterSpec<T> {
  return { param, kind, op, get, choices };
}

/** `field__gt`, `field__gte`, `field__lt`, `field__lte`. */
export function range<T>(field: string, kind: FilterKind, get: (row: T) => unknown): FilterSpec<T>[] {
  return (['gt', 'gte', 'lt', 'lte'] as const).map((op) => filter(`${field}__${op}`, kind, get, op));
}

/**
 * The document's tables lost some double underscores to markdown
 * (`ordernumbercontains` for `order__number__contains`); accept both spellings.
 */
export function withDocSpellings<T>(specs: FilterSpec<T>[]): FilterSpec<T>[] {
  const mangled = specs.filter((spec) => spec.param.startsWith('order__')).map((spec) => ({ ...spec, param: spec.param.replace(/__/g, '') }));
  return [...specs, ...mangled];
}

export function compileFilters<T>(specs: FilterSpec<T>[], query: URLSearchParams): FilterResult<T> {
  const predicates: ((row: T) => boolean)[] = [];
  const errors: Record<string, string[]> = {};
  for (const spec of specs) {
    const raw = query.getAll(spec.param).pop();
    if (raw === undefined || raw === '') continue;
    const parsed = parseValue(spec, raw);
    if ('error' in parsed) errors[spec.param] = [parsed.error];
    else predicates.push((row) => matches(spec, spec.get(row), parsed.value));
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, predicate: (row) => predicates.every((test) => test(row)) };
}

function parseValue<T>(spec: FilterSpec<T>, raw: string): { value: unknown } | { error: string } {
  switch (spec.kind) {
    case 'int':
      return /^-?\d+$/.test(raw) ? { value: Number(raw) } : { error: 'Enter a whole number.' };
    case 'decimal': {
      const value = parseDecimal(raw);
      return value === null ? { error: 'Enter a number.' } : { value };
    }
    case 'datetime': {
      const value = /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw.replace(' ', '+')) : NaN;
      return Number.isNaN(value) ? { error: 'Enter a valid date/time.' } : { value };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? { value: raw } : { error: 'Enter a valid date.' };
    case 'bool':
      return raw in BOOLEANS ? { value: BOOLEANS[raw] } : { error: `Select a valid choice. ${raw} is not one of the available choices.` };
    case 'uuid':
      return UUID.test(raw) ? { value: raw.toLowerCase() } : { error: 'Enter a valid UUID.' };
    case 'choice':
      return spec.choices?.some((choice) => String(choice) === raw) ? { value: raw } : { error: `Select a valid choice. ${raw} is not one of the available choices.` };
    case 'json':
      try {
        return { value: JSON.stringify(JSON.parse(raw)) };
      } catch {
        return { error: 'Enter a valid JSON.' };
      }
    default:
      return { value: raw };
  }
}

function matches<T>(spec: FilterSpec<T>, field: unknown, value: unknown): boolean {
  if (field === null || field === undefined) return false;
  switch (spec.op) {
    case 'has':
      return Array.isArray(field) && field.includes(value);
    case 'contains':
      return String(field).includes(String(value));
    case 'icontains':
      return String(field).toLowerCase().includes(String(value).toLowerCase());
    case 'iexact':
      return String(field).toLowerCase() === String(value).toLowerCase();
    case 'date':
      return String(field).slice(0, 10) === value;
    case 'exact':
      if (spec.kind === 'json') return JSON.stringify(field) === value;
      if (spec.kind === 'uuid') return String(field).toLowerCase() === value;
      if (spec.kind === 'bool') return field === value;
      if (spec.kind === 'string' || spec.kind === 'choice') return String(field) === String(value);
      return comparable(spec.kind, field) === value;
    default: {
      const left = comparable(spec.kind, field);
      const right = value as number;
      if (spec.op === 'gt') return left > right;
      if (spec.op === 'gte') return left >= right;
      if (spec.op === 'lt') return left < right;
      return left <= right;
    }
  }
}

function comparable(kind: FilterKind, field: unknown): number {
  return kind === 'datetime' ? Date.parse(String(field)) : Number(field);
}

/** `filter` / `range` bound to one row type, so the getters' parameter types are inferred. */
export function filtersFor<T>(): {
  filter: (param: string, kind: FilterKind, get: (row: T) => unknown, op?: FilterOp, choices?: readonly (string | number)[]) => FilterSpec<T>;
  range: (field: string, kind: FilterKind, get: (row: T) => unknown) => FilterSpec<T>[];
} {
  return { filter: (...args) => filter<T>(...args), range: (...args) => range<T>(...args) };
}
