import type { Request } from 'express';
import { JoomV2Error, V2_DETAIL } from './joom-v2.errors';
import { parseV2Time } from './joom-v2.types';

/**
 * The document sends parameters "as a GET or POST request parameter": query
 * string, form body (its curl `-d` examples) or JSON. Body wins over query,
 * a repeated parameter counts once (its first value).
 */
export class V2Params {
  private readonly values: Record<string, unknown>;

  constructor(req: Request) {
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
    this.values = { ...(req.query as Record<string, unknown>), ...body };
  }

  optional(name: string): string | undefined {
    let value = this.values[name];
    if (Array.isArray(value)) value = value[0];
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return typeof value === 'string' ? value : undefined;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined || value.trim() === '') throw JoomV2Error.badParam(V2_DETAIL.missingParam, `Missing required parameter '${name}'`);
    return value;
  }

  /** `start`: an offset, default 0. */
  start(): number {
    const raw = this.optional('start');
    if (raw === undefined || raw === '') return 0;
    if (!/^\d+$/.test(raw)) throw JoomV2Error.badParam(V2_DETAIL.invalidParam, `start must be a non-negative integer, got '${raw}'`);
    return Number(raw);
  }

  /** `limit`: 1–500, default 50. The document's FAQ spells it `count`, so that is read too. */
  limit(): number {
    const raw = this.optional('limit') ?? this.optional('count');
    if (raw === undefined || raw === '') return 50;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || value > 500) {
      throw JoomV2Error.badParam(V2_DETAIL.invalidParam, `limit can range from 1 to 500 items, got '${raw}'`);
    }
    return value;
  }

  /** `since`: "2014-01-20" or "2014-01-20T20:10:20" (UTC); absent = the beginning of time. */
  since(): { raw: string; ms: number } | null {
    const raw = this.optional('since');
    if (raw === undefined || raw === '') return null;
    const ms = parseV2Time(raw);
    if (ms === null) {
      throw JoomV2Error.badParam(V2_DETAIL.invalidParam, `since must look like "2014-01-20" or "2014-01-20T20:10:20", got '${raw}'`);
    }
    return { raw, ms };
  }
}
