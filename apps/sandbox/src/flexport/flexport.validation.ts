import { FlexportProblem } from './flexport.errors';
import { CreateOrderInput, FlexportAddress, FlexportLineItem } from './flexport.types';

/** "such as SHOPIFY, AMAZON, WEBSITE, WALMART" (the `source` field) — docs/api-decisions.md FX-5. */
export const DOCUMENTED_SOURCES: readonly string[] = ['SHOPIFY', 'AMAZON', 'WEBSITE', 'WALMART'];

/**
 * Validates a create-order body. A missing field or a wrong type is a 400
 * (the request does not match the schema); a well-formed but unacceptable
 * value (quantity 0, a past ship-by time, a non-ISO country) is a 422.
 */
export function validateCreateOrder(body: unknown, now: number): CreateOrderInput {
  const input = object(body, 'request body');
  const address = object(input.address, 'address');
  const lineItems = input.lineItems;
  if (!Array.isArray(lineItems)) throw bad('lineItems is required and must be an array');
  if (lineItems.length === 0) throw unprocessable('lineItems must contain at least one line item');
  const result: CreateOrderInput = {
    address: validateAddress(address),
    externalOrderId: requiredString(input, 'externalOrderId', ''),
    lineItems: lineItems.map((line, index) => validateLine(line, index)),
    promisedDeliveryByTime: optionalTime(input, 'promisedDeliveryByTime'),
    promisedShipByTime: optionalTime(input, 'promisedShipByTime'),
    source: optionalString(input, 'source', ''),
    shipMethod: optionalString(input, 'shipMethod', ''),
    dropShipData: input.dropShipData === undefined || input.dropShipData === null ? null : object(input.dropShipData, 'dropShipData'),
  };
  if (result.externalOrderId.length > 255) throw unprocessable('externalOrderId must be at most 255 characters');
  // docs/api-decisions.md FX-5: `source` is a SourceId; only the document's own examples are known ids.
  if (result.source !== null && !DOCUMENTED_SOURCES.includes(result.source)) {
    throw unprocessable(`source must be one of ${DOCUMENTED_SOURCES.join(', ')} (got "${result.source.slice(0, 40)}")`);
  }
  // docs/api-decisions.md FX-6: a line shipping outside the US declares its customs value.
  if (result.address.countryCode !== 'US') {
    const index = result.lineItems.findIndex((line) => !line.customsUnitValue);
    if (index >= 0) throw unprocessable(`lineItems[${index}].customsUnitValue is required for a destination outside the US (${result.address.countryCode})`);
  }
  // The document: both times "need to be in the future", ship-by before deliver-by.
  const shipBy = result.promisedShipByTime ? Date.parse(result.promisedShipByTime) : null;
  const deliverBy = result.promisedDeliveryByTime ? Date.parse(result.promisedDeliveryByTime) : null;
  if (shipBy !== null && shipBy <= now) throw unprocessable('promisedShipByTime must be in the future');
  if (deliverBy !== null && deliverBy <= now) throw unprocessable('promisedDeliveryByTime must be in the future');
  if (shipBy !== null && deliverBy !== null && shipBy >= deliverBy) throw unprocessable('promisedShipByTime must be before promisedDeliveryByTime');
  return result;
}

function validateAddress(address: Record<string, unknown>): FlexportAddress {
  const result: FlexportAddress = {
    address1: requiredString(address, 'address1', 'address.'),
    address2: optionalString(address, 'address2', 'address.'),
    city: requiredString(address, 'city', 'address.'),
    company: optionalString(address, 'company', 'address.'),
    countryCode: requiredString(address, 'countryCode', 'address.'),
    name: requiredString(address, 'name', 'address.'),
    phone: optionalString(address, 'phone', 'address.'),
    provinceCode: optionalString(address, 'provinceCode', 'address.'),
    zip: optionalString(address, 'zip', 'address.'),
  };
  if (!/^[A-Za-z]{2}$/.test(result.countryCode)) throw unprocessable('address.countryCode must be an ISO 3166-1 alpha-2 code');
  result.countryCode = result.countryCode.toUpperCase();
  return result;
}

function validateLine(value: unknown, index: number): FlexportLineItem {
  const line = object(value, `lineItems[${index}]`);
  const logisticsSku = requiredString(line, 'logisticsSku', `lineItems[${index}].`);
  const quantity = line.quantity;
  if (quantity === undefined || quantity === null) throw bad(`lineItems[${index}].quantity is required`);
  if (typeof quantity !== 'number' || !Number.isInteger(quantity)) throw bad(`lineItems[${index}].quantity must be an integer`);
  if (quantity < 1) throw unprocessable(`lineItems[${index}].quantity must be at least 1`);
  const customs = line.customsUnitValue;
  if (customs !== undefined && customs !== null) {
    const value = object(customs, `lineItems[${index}].customsUnitValue`);
    if (typeof value.amount !== 'number' || typeof value.currencyCode !== 'string') {
      throw bad(`lineItems[${index}].customsUnitValue needs a numeric amount and a currencyCode`);
    }
    return { logisticsSku, quantity, customsUnitValue: { amount: value.amount, currencyCode: value.currencyCode } };
  }
  return { logisticsSku, quantity };
}

function object(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) throw bad(`${name} is required`);
  if (typeof value !== 'object' || Array.isArray(value)) throw bad(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function requiredString(input: Record<string, unknown>, key: string, prefix: string): string {
  const value = input[key];
  if (value === undefined || value === null) throw bad(`${prefix}${key} is required`);
  if (typeof value !== 'string') throw bad(`${prefix}${key} must be a string`);
  if (value.trim() === '') throw unprocessable(`${prefix}${key} must not be empty`);
  return value;
}

function optionalString(input: Record<string, unknown>, key: string, prefix: string): string | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw bad(`${prefix}${key} must be a string`);
  return value;
}

function optionalTime(input: Record<string, unknown>, key: string): string | null {
  const value = optionalString(input, key, '');
  if (value === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) throw bad(`${key} must be an ISO 8601 date-time`);
  return new Date(Date.parse(value)).toISOString();
}

const bad = (detail: string): FlexportProblem => new FlexportProblem(400, detail);
const unprocessable = (detail: string): FlexportProblem => new FlexportProblem(422, detail);
