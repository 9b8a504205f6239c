import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { COMMAND_JOB_RETENTION } from './job-retention';

/**
 * Retry and retention policy of every command job, in one place:
 * transient failures retry with exponential backoff (1 s, 2 s, 4 s … ~2 min
 * in all); finished jobs are kept as COMMAND_JOB_RETENTION says (by age
 * and by count); an Idempotency-Key is remembered apart (IdempotencyRecords).
 */
export const COMMAND_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  ...COMMAND_JOB_RETENTION,
};

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The chain id for an idempotency key, scoped to the caller, so the same key
 * always names the same command and two callers can never collide. It names
 * the key's record (IdempotencyRecords, claimed once with SET NX), which
 * answers every repeat, one racing the first request included.
 */
export function idempotentJobId(scope: string, idempotencyKey: string): string {
  return `idem-${sha256(`${scope}\u0000${idempotencyKey}`).slice(0, 40)}`;
}

/** A stable fingerprint of a command (name + body, keys sorted), to spot a key reused with another body. */
export function commandFingerprint(name: string, body: object): string {
  return sha256(`${name}\u0000${stableJson(body)}`).slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
