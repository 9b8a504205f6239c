import { HttpException } from '@nestjs/common';
import { DEFAULT_FAULTS, FaultConfig } from '../core/fault-injector';
import { SANDBOX_APIS, SandboxApi } from '../core/simulator';

/** Control-plane errors are plain `{ "error": "…" }`: no real API looks like this, on purpose. */
export function controlError(status: number, message: string): HttpException {
  return new HttpException({ error: message }, status);
}

export function parseApi(value: unknown): SandboxApi {
  if (!SANDBOX_APIS.includes(value as SandboxApi)) throw controlError(404, `unknown api "${String(value)}" (one of ${SANDBOX_APIS.join(', ')})`);
  return value as SandboxApi;
}

export const MAX_SEED_COUNT = 200_000;

export function parseSeedBody(body: unknown, defaultSeed: number): { api?: SandboxApi; count: number; seed: number } {
  const input = asObject(body);
  const { count, seed, api } = input;
  if (!Number.isInteger(count) || (count as number) < 0 || (count as number) > MAX_SEED_COUNT) {
    throw controlError(400, `"count" must be an integer 0..${MAX_SEED_COUNT}`);
  }
  if (seed !== undefined && !Number.isInteger(seed)) throw controlError(400, '"seed" must be an integer');
  return { api: api === undefined ? undefined : parseApi(api), count: count as number, seed: (seed as number | undefined) ?? defaultSeed };
}

/** Missing fields take the defaults (no fault); present ones are range-checked. */
export function parseFaultConfig(body: unknown, defaultSeed: number): FaultConfig {
  const input = asObject(body);
  const config: FaultConfig = { ...DEFAULT_FAULTS, seed: defaultSeed };
  const rate = (name: keyof FaultConfig): void => {
    if (input[name] === undefined) return;
    const value = input[name];
    if (typeof value !== 'number' || value < 0 || value > 1) throw controlError(400, `"${name}" must be a number 0..1`);
    config[name] = value;
  };
  const integer = (name: keyof FaultConfig, min: number, max: number): void => {
    if (input[name] === undefined) return;
    const value = input[name];
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      throw controlError(400, `"${name}" must be an integer ${min}..${max}`);
    }
    config[name] = value as number;
  };
  (['errorRate', 'rateLimitRate', 'hangRate', 'hangAfterRate', 'dropRate'] as const).forEach(rate);
  integer('errorStatus', 400, 599);
  integer('retryAfterSeconds', 0, 86_400);
  integer('latencyMs', 0, 600_000);
  integer('seed', -(2 ** 31), 2 ** 32);
  const known = new Set(Object.keys(config));
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw controlError(400, `unknown fault setting(s): ${unknown.join(', ')}`);
  return config;
}

export function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw controlError(400, 'body must be a JSON object');
  return body as Record<string, unknown>;
}
