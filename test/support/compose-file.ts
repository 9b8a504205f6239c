import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// js-yaml: a dev dependency of the project (the one @nestjs/swagger depends on, so no second copy).
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

export const REPO_ROOT = join(__dirname, '..', '..');

export type ComposeEnv = Record<string, string | undefined>;

/** The parts of a compose service the tests read. */
export interface ComposeService {
  build?: string | { context: string; target?: string };
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string | null>;
  ports?: string[];
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition?: string; required?: boolean }>;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** Compose reads `<<: *anchor` merge keys; js-yaml 5 needs the tag asked for. */
function parseCompose(): unknown {
  return load(readRepoFile('docker-compose.yml'), { schema: CORE_SCHEMA.withTags(mergeTag) });
}

export function readRepoFile(name: string): string {
  return readFileSync(join(REPO_ROOT, name), 'utf8');
}

/** `docker-compose.yml` parsed, every string interpolated against `env` the way Compose does. */
export function loadCompose(env: ComposeEnv): ComposeFile {
  return mapStrings(parseCompose(), (value) => interpolate(value, env)) as ComposeFile;
}

/** Every string value of the file, as written (for the syntax check). */
export function composeStrings(): string[] {
  const strings: string[] = [];
  mapStrings(parseCompose(), (value) => (strings.push(value), value));
  return strings;
}

/** A `.env`-style file: NAME=value lines, `#` comments. */
export function readEnvFile(name: string): ComposeEnv {
  const env: ComposeEnv = {};
  for (const line of readRepoFile(name).split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq < 1) throw new Error(`${name}: not NAME=value: ${trimmed}`);
    env[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
  }
  return env;
}

export class InterpolationError extends Error {}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/**
 * Compose's interpolation (compose-spec "Interpolation"): `$$` is a literal `$`;
 * `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`,
 * `${NAME?error}`, `${NAME:+alt}`, `${NAME+alt}`, nesting allowed in the word.
 * Anything else after a `$` is an "invalid interpolation format" error, as in Compose.
 */
export function interpolate(text: string, env: ComposeEnv): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) return out + text.slice(i);
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, dollar + 1);
      out += expand(text.slice(dollar + 2, close), env, text);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(dollar + 1));
    if (!name) throw new InterpolationError(`invalid interpolation format in ${JSON.stringify(text)}`);
    out += env[name[0]] ?? '';
    i = dollar + 1 + name[0].length;
  }
  return out;
}

function expand(inner: string, env: ComposeEnv, text: string): string {
  const name = NAME.exec(inner);
  if (!name) throw new InterpolationError(`invalid interpolation format in ${JSON.stringify(text)}`);
  const rest = inner.slice(name[0].length);
  const value = env[name[0]];
  if (rest === '') return value ?? '';
  const operator = /^(:?[-?+])/.exec(rest);
  if (!operator) throw new InterpolationError(`invalid interpolation format in ${JSON.stringify(text)}`);
  const word = rest.slice(operator[1].length);
  const colon = operator[1].startsWith(':');
  const unset = colon ? value === undefined || value === '' : value === undefined;
  switch (operator[1].at(-1)) {
    case '-':
      return unset ? interpolate(word, env) : value!;
    case '+':
      return unset ? '' : interpolate(word, env);
    default:
      if (unset) throw new InterpolationError(`required variable ${name[0]} is missing a value: ${interpolate(word, env)}`);
      return value!;
  }
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    if (text[i] === '}' && --depth === 0) return i;
  }
  throw new InterpolationError(`unclosed \${ in ${JSON.stringify(text)}`);
}

function mapStrings(node: unknown, fn: (value: string) => string): unknown {
  if (typeof node === 'string') return fn(node);
  if (Array.isArray(node)) return node.map((item) => mapStrings(item, fn));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapStrings(value, fn)]));
  }
  return node;
}
