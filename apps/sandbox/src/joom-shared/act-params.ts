import { ActionError } from '../core/action-error';

/**
 * Readers for control-plane `act()` params: they arrive as untyped JSON, and a
 * wrong one must say which param and why (ActionError → HTTP 400 on the
 * control plane) instead of corrupting an order.
 */
export function requiredString(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value.trim() === '') throw new ActionError(`param "${name}" must be a non-empty string`);
  return value;
}

export function optionalString(params: Record<string, unknown>, name: string): string | undefined {
  if (params[name] === undefined || params[name] === null) return undefined;
  return requiredString(params, name);
}

export function optionalPositiveInt(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ActionError(`param "${name}" must be a positive integer`);
  }
  return value;
}
