import { Injectable } from '@nestjs/common';
import { ActionError } from '../core/action-error';
import { AKINON_LIST_ORDERS, AkinonListOrder } from './drf-list-order';

/**
 * Which header name the Akinon simulator reads the token from
 * (docs/api-decisions.md AK-2):
 * - `documented` (default): as the document's examples show it, per route —
 *   the GETs `Authentication`, the reject POST `Authorization`; the other
 *   header is ignored, so a client sending only the wrong one gets a 401;
 * - `authorization`: `Authorization` everywhere (a plain DRF deployment);
 * - `any`: either header on every route.
 */
export const AKINON_AUTH_HEADER_RULES = ['documented', 'authorization', 'any'] as const;
export type AkinonAuthHeaderRule = (typeof AKINON_AUTH_HEADER_RULES)[number];

/**
 * Whether rows carry the timestamps the document's schemas lack
 * (docs/api-decisions.md AK-4): `documented` (default) answers exactly the
 * document's fields, as its examples do; `implied` adds `created_at` /
 * `updated_at` to orders and items and `created_at` to plans, which its
 * `created_at__*` / `updated_at__*` filters imply. The filters work either
 * way: the fields exist server-side, they are only not rendered.
 */
export const AKINON_TIMESTAMP_MODES = ['documented', 'implied'] as const;
export type AkinonTimestampMode = (typeof AKINON_TIMESTAMP_MODES)[number];

/** Switches where the Akinon document is silent or a deployment may differ; see apps/sandbox/README.md. */
export interface AkinonSettingsValues {
  authHeaders: AkinonAuthHeaderRule;
  timestamps: AkinonTimestampMode;
  /** The order lists come in (drf-list-order.ts, docs/api-decisions.md AK-5). */
  listOrder: AkinonListOrder;
}

/** Env names of the switches; the values at boot, and after `POST /__sandbox/reset`. */
const ENV = { authHeaders: 'SANDBOX_AKINON_AUTH_HEADERS', timestamps: 'SANDBOX_AKINON_TIMESTAMPS', listOrder: 'SANDBOX_AKINON_LIST_ORDER' } as const;

export function loadAkinonSettings(env: NodeJS.ProcessEnv = process.env): AkinonSettingsValues {
  return {
    authHeaders: oneOf(ENV.authHeaders, env[ENV.authHeaders] || 'documented', AKINON_AUTH_HEADER_RULES, bootError),
    timestamps: oneOf(ENV.timestamps, env[ENV.timestamps] || 'documented', AKINON_TIMESTAMP_MODES, bootError),
    listOrder: oneOf(ENV.listOrder, env[ENV.listOrder] || 'insertion', AKINON_LIST_ORDERS, bootError),
  };
}

/**
 * The Akinon simulator's current switches. They start from the environment,
 * change with the `configure` action (`POST /__sandbox/akinon/actions/configure`)
 * and go back to the environment's values on reset; seeding keeps them.
 */
@Injectable()
export class AkinonSettings {
  private readonly defaults = loadAkinonSettings();
  private values: AkinonSettingsValues = { ...this.defaults };

  get current(): Readonly<AkinonSettingsValues> {
    return this.values;
  }

  /** Applies the given switches (unknown keys or values are a 400 and change nothing); returns all of them. */
  configure(params: Record<string, unknown>): AkinonSettingsValues {
    const unknown = Object.keys(params).filter((key) => !(key in this.values));
    if (unknown.length > 0) throw new ActionError(`unknown setting(s) ${unknown.join(', ')}; known: ${Object.keys(this.values).join(', ')}`);
    const fail = (message: string) => new ActionError(message);
    const next = { ...this.values };
    if (params.authHeaders !== undefined) next.authHeaders = oneOf('authHeaders', params.authHeaders, AKINON_AUTH_HEADER_RULES, fail);
    if (params.timestamps !== undefined) next.timestamps = oneOf('timestamps', params.timestamps, AKINON_TIMESTAMP_MODES, fail);
    if (params.listOrder !== undefined) next.listOrder = oneOf('listOrder', params.listOrder, AKINON_LIST_ORDERS, fail);
    this.values = next;
    return { ...next };
  }

  restore(): void {
    this.values = { ...this.defaults };
  }
}

function bootError(message: string): Error {
  return new Error(message);
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fail: (message: string) => Error): T {
  if (!allowed.includes(value as T)) throw fail(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}
