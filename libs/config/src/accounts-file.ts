import { readFileSync } from 'node:fs';
import { isURL } from 'class-validator';
import { CORE_SCHEMA, load } from 'js-yaml';
import { AkinonLocations, readAkinonLocationsFile } from './akinon-locations';
import type { AkinonAuthHeader, AkinonConfig, JoomConfig } from './gateway-config';
import { shippingTimeProblem } from './shipping-time-range';

const VARIABLE = 'ACCOUNTS_FILE';
/** An account id is part of order ids, queue names, metric labels and Redis keys: short, lower case, no separators of theirs. */
export const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

const JOOM_KEYS = ['account', 'apiVersion', 'baseUrl', 'accessToken', 'clientId', 'clientSecret', 'refreshToken', 'v2ShippingTime', 'currency', 'stepsPerSecond', 'stepConcurrency'];
const AKINON_KEYS = ['account', 'baseUrl', 'apiToken', 'authScheme', 'authHeader', 'locationsFile', 'stepsPerSecond', 'stepConcurrency'];
const OAUTH_KEYS = ['clientId', 'clientSecret', 'refreshToken'] as const;

/** What an account entry inherits from the environment when it does not say (docs/api-decisions.md AC-2). */
export interface AccountDefaults {
  joomBaseUrl: string;
  joomV2ShippingTime: string;
  joomCurrency: string;
  maxRateLimitWaitMs: number;
  akinonLocations: AkinonLocations | null;
}

export interface FileAccounts {
  joom: JoomConfig[];
  akinon: AkinonConfig[];
}

/**
 * Reads and validates the accounts file once, at boot (docs/api-decisions.md
 * AC-1): `.yaml` / `.yml` as YAML (core schema), anything else as JSON —
 * `{"joom": [{account, apiVersion, baseUrl, accessToken | clientId +
 * clientSecret + refreshToken, …}], "akinon": [{account, baseUrl, apiToken,
 * …}]}`. Problems name the variable, the entry and the field, never a value
 * (tokens are secrets). No file = no accounts beyond the environment's `main`.
 */
export function readAccountsFile(path: string | undefined, defaults: AccountDefaults): { accounts: FileAccounts; problems: string[] } {
  const none = { accounts: { joom: [], akinon: [] }, problems: [] };
  if (!path) return none;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ...none, problems: [`${VARIABLE} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${path}`] };
  }
  const yaml = /\.ya?ml$/i.test(path);
  let parsed: unknown;
  try {
    parsed = yaml ? load(text, { schema: CORE_SCHEMA }) : JSON.parse(text);
  } catch {
    // The parser's message may quote the line, and the line may hold a token.
    return { ...none, problems: [`${VARIABLE} is not valid ${yaml ? 'YAML' : 'JSON'}`] };
  }
  return parseAccounts(parsed, defaults);
}

/** Validates the parsed file; exported for tests. */
export function parseAccounts(parsed: unknown, defaults: AccountDefaults): { accounts: FileAccounts; problems: string[] } {
  const accounts: FileAccounts = { joom: [], akinon: [] };
  if (!isObject(parsed)) return { accounts, problems: [`${VARIABLE} must hold an object with "joom" and/or "akinon" lists`] };
  const problems: string[] = [];
  const unknown = Object.keys(parsed).filter((key) => key !== 'joom' && key !== 'akinon');
  if (unknown.length > 0) problems.push(`${VARIABLE} has unknown channel(s) ${unknown.join(', ')}; expected joom, akinon (Flexport has one account)`);
  for (const channel of ['joom', 'akinon'] as const) {
    const list = parsed[channel];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`${VARIABLE} "${channel}" must be a list of accounts`);
      continue;
    }
    const seen = new Set<string>();
    list.forEach((entry: unknown, index) => {
      const where = `${VARIABLE} ${channel}[${index}]`;
      const own: string[] = [];
      const account = channel === 'joom' ? joomAccount(entry, where, own, defaults) : akinonAccount(entry, where, own, defaults);
      if (account && seen.has(account.account)) own.push(`${where}: account "${account.account}" is listed twice`);
      if (account) seen.add(account.account);
      problems.push(...own);
      if (account && own.length === 0) (accounts[channel] as (JoomConfig | AkinonConfig)[]).push(account);
    });
  }
  return { accounts, problems };
}

function joomAccount(entry: unknown, where: string, problems: string[], defaults: AccountDefaults): JoomConfig | null {
  const fields = entryFields(entry, where, JOOM_KEYS, problems);
  if (!fields) return null;
  const account = accountId(fields, where, problems);
  const at = account ? `${where} ("${account}")` : where;
  const apiVersion = fields.apiVersion ?? 'v3';
  if (apiVersion !== 'v2' && apiVersion !== 'v3') problems.push(`${at}: apiVersion must be "v2" or "v3"`);
  const baseUrl = optionalUrl(fields, 'baseUrl', at, problems) ?? defaults.joomBaseUrl;
  const accessToken = optionalSecret(fields, 'accessToken', at, problems);
  const oauth = OAUTH_KEYS.map((key) => optionalSecret(fields, key, at, problems));
  const given = oauth.filter((value) => value !== null).length;
  if (given > 0 && given < OAUTH_KEYS.length) problems.push(`${at}: ${OAUTH_KEYS.join(', ')} go together (Joom OAuth needs all three)`);
  if (!accessToken && given === 0) problems.push(`${at}: needs accessToken, or clientId, clientSecret and refreshToken`);
  const v2ShippingTime = optionalString(fields, 'v2ShippingTime', at, problems) ?? defaults.joomV2ShippingTime;
  const shippingWrong = shippingTimeProblem(v2ShippingTime);
  if (shippingWrong) problems.push(`${at}: v2ShippingTime ${shippingWrong}`);
  const currency = optionalString(fields, 'currency', at, problems) ?? defaults.joomCurrency;
  if (!/^[A-Z]{3}$/.test(currency)) problems.push(`${at}: currency must be an ISO 4217 code such as USD`);
  const limits = stepLimits(fields, at, problems);
  if (!account) return null;
  return {
    apiVersion: apiVersion as 'v2' | 'v3',
    baseUrl,
    accessToken,
    account,
    v2ShippingTime,
    currency,
    maxRateLimitWaitMs: defaults.maxRateLimitWaitMs,
    oauth: given === OAUTH_KEYS.length ? { clientId: oauth[0]!, clientSecret: oauth[1]!, refreshToken: oauth[2]! } : null,
    ...limits,
  };
}

function akinonAccount(entry: unknown, where: string, problems: string[], defaults: AccountDefaults): AkinonConfig | null {
  const fields = entryFields(entry, where, AKINON_KEYS, problems);
  if (!fields) return null;
  const account = accountId(fields, where, problems);
  const at = account ? `${where} ("${account}")` : where;
  const baseUrl = optionalUrl(fields, 'baseUrl', at, problems);
  if (fields.baseUrl === undefined) problems.push(`${at}: baseUrl is required (Akinon has no public host)`);
  const apiToken = optionalSecret(fields, 'apiToken', at, problems);
  if (fields.apiToken === undefined) problems.push(`${at}: apiToken is required`);
  const authScheme = fields.authScheme ?? 'Bearer';
  if (authScheme !== 'Bearer' && authScheme !== 'Token') problems.push(`${at}: authScheme must be "Bearer" or "Token"`);
  const authHeader = fields.authHeader ?? 'both';
  if (!['Authentication', 'Authorization', 'both'].includes(authHeader as string)) problems.push(`${at}: authHeader must be "Authentication", "Authorization" or "both"`);
  let locations = defaults.akinonLocations;
  const locationsFile = optionalString(fields, 'locationsFile', at, problems);
  if (locationsFile) {
    const read = readAkinonLocationsFile(locationsFile);
    // The reader names AKINON_LOCATIONS_FILE; here the file is this entry's.
    problems.push(...read.problems.map((problem) => `${at}: locationsFile ${problem.replace(/^AKINON_LOCATIONS_FILE ?/, '')}`));
    locations = read.locations;
  }
  const limits = stepLimits(fields, at, problems);
  if (!account || !baseUrl || !apiToken) return null;
  return { baseUrl, apiToken, authScheme: authScheme as 'Bearer' | 'Token', authHeader: authHeader as AkinonAuthHeader, account, locations, ...limits };
}

function entryFields(entry: unknown, where: string, known: string[], problems: string[]): Record<string, unknown> | null {
  if (!isObject(entry)) {
    problems.push(`${where} must be an object`);
    return null;
  }
  const unknown = Object.keys(entry).filter((key) => !known.includes(key));
  if (unknown.length > 0) problems.push(`${where}: unknown field(s) ${unknown.join(', ')}; expected ${known.join(', ')}`);
  return entry;
}

function accountId(fields: Record<string, unknown>, where: string, problems: string[]): string | null {
  const account = fields.account;
  if (typeof account === 'string' && ACCOUNT_ID.test(account)) return account;
  problems.push(`${where}: account must match ${ACCOUNT_ID.source} (lower-case letters, digits, dashes; at most 32)`);
  return null;
}

function optionalString(fields: Record<string, unknown>, key: string, at: string, problems: string[]): string | null {
  const value = fields[key];
  if (value === undefined) return null;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.push(`${at}: ${key} must be a non-empty string`);
  return null;
}

/** Like optionalString, and the message is the same: a secret's problem never quotes it. */
function optionalSecret(fields: Record<string, unknown>, key: string, at: string, problems: string[]): string | null {
  return optionalString(fields, key, at, problems);
}

function optionalUrl(fields: Record<string, unknown>, key: string, at: string, problems: string[]): string | null {
  const value = optionalString(fields, key, at, problems);
  if (value === null) return null;
  if (!isURL(value, URL_OPTIONS)) {
    problems.push(`${at}: ${key} must be an http(s) URL`);
    return null;
  }
  return value.replace(/\/+$/, '');
}

function stepLimits(fields: Record<string, unknown>, at: string, problems: string[]): { stepsPerSecond?: number; stepConcurrency?: number } {
  const limits: { stepsPerSecond?: number; stepConcurrency?: number } = {};
  for (const key of ['stepsPerSecond', 'stepConcurrency'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10_000) limits[key] = value;
    else problems.push(`${at}: ${key} must be an integer from 1 to 10000`);
  }
  return limits;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
