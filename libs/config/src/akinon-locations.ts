import { readFileSync } from 'node:fs';
import { isISO31661Alpha2 } from 'class-validator';

/**
 * Akinon location uuid → what the gateway needs of it. The customer address
 * references country, city, township and district by uuid, and the seller API
 * has no endpoint to resolve them (docs/api-decisions.md AK-6), so the table
 * comes from the deployment: `AKINON_LOCATIONS_FILE`.
 */
export interface AkinonLocations {
  /** Country uuid → ISO 3166-1 alpha-2 code (upper case). */
  countries: Readonly<Record<string, string>>;
  cities: Readonly<Record<string, string>>;
  townships: Readonly<Record<string, string>>;
  districts: Readonly<Record<string, string>>;
}

export const AKINON_LOCATION_KINDS = ['countries', 'cities', 'townships', 'districts'] as const;
type Kind = (typeof AKINON_LOCATION_KINDS)[number];
/** CSV rows name the kind in the singular. */
const CSV_KINDS: Record<string, Kind> = { country: 'countries', city: 'cities', township: 'townships', district: 'districts' };
const VARIABLE = 'AKINON_LOCATIONS_FILE';
/** Akinon ids are uuids; anything else in a key is a typo in the file. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function emptyAkinonLocations(): AkinonLocations {
  return { countries: {}, cities: {}, townships: {}, districts: {} };
}

/**
 * Reads and validates the locations file once, at boot. JSON:
 * `{"countries": {"<uuid>": "TR"}, "cities": {"<uuid>": "İstanbul"}, "townships": {…}, "districts": {…}}`
 * (every group optional); a `.csv` file: rows `kind,uuid,name` with kind
 * `country` | `city` | `township` | `district` (a header row `kind,uuid,name`
 * is skipped; no quoting: the name is the rest of the row). Problems name the
 * variable and the bad entry.
 */
export function readAkinonLocationsFile(path: string | undefined): { locations: AkinonLocations | null; problems: string[] } {
  if (!path) return { locations: null, problems: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { locations: null, problems: [`${VARIABLE} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${path}`] };
  }
  const entries = path.toLowerCase().endsWith('.csv') ? csvEntries(text) : jsonEntries(text);
  if ('problem' in entries) return { locations: null, problems: [entries.problem] };
  const locations = emptyAkinonLocations();
  const problems: string[] = [];
  for (const { kind, id, name, where } of entries.rows) {
    const table = locations[kind] as Record<string, string>;
    const value = typeof name === 'string' ? name.trim() : '';
    if (!UUID.test(id)) problems.push(`${VARIABLE} ${where}: "${id}" is not a uuid`);
    else if (!value) problems.push(`${VARIABLE} ${where}: the name of ${id} must be a non-empty string`);
    else if (kind === 'countries' && !isISO31661Alpha2(value)) problems.push(`${VARIABLE} ${where}: country ${id} must map to an ISO 3166-1 alpha-2 code, not "${value}"`);
    else if (table[id.toLowerCase()] !== undefined) problems.push(`${VARIABLE} ${where}: ${id} is listed twice`);
    else table[id.toLowerCase()] = kind === 'countries' ? value.toUpperCase() : value;
  }
  return problems.length > 0 ? { locations: null, problems } : { locations, problems: [] };
}

interface Row {
  kind: Kind;
  id: string;
  name: unknown;
  where: string;
}

function jsonEntries(text: string): { rows: Row[] } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: `${VARIABLE} is not valid JSON` };
  }
  if (!isObject(parsed)) return { problem: `${VARIABLE} must hold a JSON object with ${AKINON_LOCATION_KINDS.join(', ')}` };
  const unknown = Object.keys(parsed).filter((key) => !(AKINON_LOCATION_KINDS as readonly string[]).includes(key));
  if (unknown.length > 0) return { problem: `${VARIABLE} has unknown group(s) ${unknown.join(', ')}; expected ${AKINON_LOCATION_KINDS.join(', ')}` };
  const rows: Row[] = [];
  for (const kind of AKINON_LOCATION_KINDS) {
    const group = parsed[kind];
    if (group === undefined) continue;
    if (!isObject(group)) return { problem: `${VARIABLE} "${kind}" must be an object of uuid → name` };
    for (const [id, name] of Object.entries(group)) rows.push({ kind, id, name, where: `${kind}.${id}` });
  }
  return { rows };
}

function csvEntries(text: string): { rows: Row[] } | { problem: string } {
  const rows: Row[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.trim() || (index === 0 && /^\s*kind\s*,/i.test(line))) continue;
    const [kind, id = '', ...rest] = line.split(',');
    const known = CSV_KINDS[kind.trim().toLowerCase()];
    if (!known) return { problem: `${VARIABLE} line ${index + 1}: kind "${kind.trim()}" is not one of ${Object.keys(CSV_KINDS).join(', ')}` };
    // The name is the rest of the row, commas and all.
    rows.push({ kind: known, id: id.trim(), name: rest.join(',').trim() || null, where: `line ${index + 1}` });
  }
  return { rows };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
