import { isValidTrackingNumber } from '../joom-shared/carriers';
import { JoomV3Error } from './joom-v3.errors';
import { JoomV3Shipper, shipperById, shipperByName } from './joom-v3.shippers';
import { CANCEL_REASONS } from './joom-v3.types';

/** Readers for v3 JSON bodies: each refusal names the field, as Joom's `errors[].field` does. */
export type V3Body = Record<string, unknown>;

export function bodyOf(body: unknown): V3Body {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as V3Body) : {};
}

/** Exactly one of `provider` / `providerId`, naming a shipper of GET /shippers that offers this kind of shipping (docs/api-decisions.md CA-2, CA-4). */
export function shipperFrom(body: V3Body, mode: 'offline' | 'online'): { shipper: JoomV3Shipper; field: string } {
  const hasName = body.provider !== undefined && body.provider !== null;
  const hasId = body.providerId !== undefined && body.providerId !== null;
  if (hasName === hasId) {
    throw JoomV3Error.invalidArgument('provider', 'Exactly one of `provider` and `providerId` must be specified');
  }
  const field = hasName ? 'provider' : 'providerId';
  const value = hasName ? body.provider : body.providerId;
  if (typeof value !== 'string' || value.trim() === '') throw JoomV3Error.invalidArgument(field, `Invalid argument \`${field}\`: expected a string`);
  const shipper = hasName ? shipperByName(value) : shipperById(value);
  if (!shipper) throw JoomV3Error.invalidArgument(field, `Invalid argument \`${field}\`: \`${value}\` is not an accepted shipping provider`);
  const offers = mode === 'online' ? shipper.onlineShipping.available : shipper.offlineShipping;
  if (!offers) throw JoomV3Error.invalidArgument(field, `${shipper.name} does not offer ${mode} shipping`);
  return { shipper, field };
}

export function trackingFrom(body: V3Body): string {
  const value = body.trackingNumber;
  if (typeof value !== 'string' || !isValidTrackingNumber(value)) {
    throw JoomV3Error.invalidArgument('trackingNumber', 'Invalid argument `trackingNumber`: required, alphanumeric characters only, no spaces');
  }
  return value;
}

export function idsFrom(body: V3Body): string[] {
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    throw JoomV3Error.invalidArgument('ids', 'Invalid argument `ids`: expected a non-empty array of order IDs');
  }
  if (new Set(ids).size !== ids.length) throw JoomV3Error.invalidArgument('ids', 'Invalid argument `ids`: an order ID is repeated');
  return ids as string[];
}

/** `pickup` (optional boolean); `pickupAddressId` is required when it is true. */
export function checkPickup(body: V3Body): void {
  if (body.pickup === undefined) return;
  if (typeof body.pickup !== 'boolean') throw JoomV3Error.invalidArgument('pickup', 'Invalid argument `pickup`: expected a boolean');
  if (body.pickup && (typeof body.pickupAddressId !== 'string' || body.pickupAddressId === '')) {
    throw JoomV3Error.invalidArgument('pickupAddressId', 'Invalid argument `pickupAddressId`: required when `pickup` is true');
  }
}

export function cancelFrom(body: V3Body): { reason?: string; note?: string } {
  const { reason, note } = body;
  if (reason !== undefined && !(CANCEL_REASONS as readonly unknown[]).includes(reason)) {
    throw JoomV3Error.invalidArgument('reason', `Invalid argument \`reason\`: expected one of ${CANCEL_REASONS.join(', ')}`);
  }
  if (note !== undefined && typeof note !== 'string') throw JoomV3Error.invalidArgument('note', 'Invalid argument `note`: expected a string');
  return { ...(reason !== undefined ? { reason: reason as string } : {}), ...(note ? { note } : {}) };
}
