import { InvalidWebhookError } from './flexport.errors';
import { FlexportWebhookEvent } from './flexport.types';

/**
 * Validates a Flexport webhook body (docs/vendor/real-api-facts.md: `{logisticsEventId,
 * logisticsEventType, logisticsEventTime, orderId, externalOrderId, …}`).
 * The event only says that something happened; the receiver fetches the
 * order. Unknown event types pass (Flexport adds types); extra fields are
 * dropped. Deliveries repeat (at least once): de-duplicate on logisticsEventId.
 *
 * @throws InvalidWebhookError (code `invalid_webhook`) naming the first bad field.
 */
export function parseFlexportWebhook(body: unknown): FlexportWebhookEvent {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidWebhookError('body', 'must be a JSON object');
  const input = body as Record<string, unknown>;
  return {
    logisticsEventId: requiredString(input, 'logisticsEventId'),
    logisticsEventType: requiredString(input, 'logisticsEventType'),
    logisticsEventTime: isoTime(input, 'logisticsEventTime'),
    orderId: identifier(input, 'orderId'),
    externalOrderId: optionalString(input, 'externalOrderId'),
  };
}

function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (value === undefined || value === null) throw new InvalidWebhookError(field, 'is required');
  if (typeof value !== 'string') throw new InvalidWebhookError(field, 'must be a string');
  if (value.trim() === '') throw new InvalidWebhookError(field, 'must not be empty');
  return value;
}

function isoTime(input: Record<string, unknown>, field: string): string {
  const value = requiredString(input, field);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidWebhookError(field, 'must be an ISO 8601 date-time');
  return value;
}

/** Order ids are strings in the document; a numeric id is accepted and kept as its string. */
function identifier(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return requiredString(input, field);
}

/** The document allows orders without an externalOrderId (created outside the gateway). */
function optionalString(input: Record<string, unknown>, field: string): string | null {
  const value = input[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InvalidWebhookError(field, 'must be a string or null');
  return value === '' ? null : value;
}
