import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { FLEXPORT_SHIP_METHODS, FulfillBody, FulfillLine } from '@app/queues';

/*
 * The fulfil body as OpenAPI shows it: one schema per mode, chosen by `mode`,
 * so a client generator knows which fields go with which mode. Documentation
 * only: requests are validated with FulfillBody, the class the queue jobs
 * share, which refuses a field of another mode.
 */

const NOTE = { description: 'Free text kept in the order history (no control characters but tab and line breaks).', maxLength: 500, example: 'left the warehouse at 14:00' };

export class FulfillTrackingBody {
  @ApiProperty({ enum: ['tracking'], description: 'The merchant shipped it.' })
  mode: 'tracking';
  @ApiProperty({ description: 'Carrier name; checked against the channel’s list.', minLength: 1, maxLength: 64, example: 'DHL' })
  carrier: string;
  @ApiProperty({ description: 'Letters, digits, dashes.', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{2,63}$', example: 'JD014600006281593016' })
  trackingNumber: string;
  @ApiPropertyOptional(NOTE)
  note?: string;
}

export class FulfillFlexportBody {
  @ApiProperty({ enum: ['flexport'], description: 'Ship through Flexport.' })
  mode: 'flexport';
  @ApiPropertyOptional({ enum: FLEXPORT_SHIP_METHODS, example: 'standard' })
  shipMethod?: string;
  @ApiPropertyOptional({
    type: () => [FulfillLine],
    minItems: 1,
    maxItems: 200,
    description:
      'The lines to send, each whole, in one Flexport order; the others stay to fulfil later, by a second fulfil (a second Flexport order). Absent: every line not yet fulfilled. An unknown line is 422 `line_not_found`; a cancelled, rejected or already sent one 409 `line_not_fulfillable`.',
  })
  lines?: FulfillLine[];
  @ApiPropertyOptional(NOTE)
  note?: string;
}

export class FulfillOnlineBody {
  @ApiProperty({ enum: ['online'], description: 'Joom Logistics (Joom v3).' })
  mode: 'online';
  @ApiPropertyOptional(NOTE)
  note?: string;
}

const BY_MODE = { tracking: FulfillTrackingBody, flexport: FulfillFlexportBody, online: FulfillOnlineBody };

/**
 * The FulfillBody component: `oneOf` the three, with `mode` as the
 * discriminator. It replaces the flat schema of the FulfillBody class in the
 * document (openapi/openapi-document.ts), under the name the queue contract
 * uses.
 */
export const FULFILL_BODY_SCHEMA: SchemaObject = {
  description: 'What to fulfil with, by `mode`: the merchant’s tracking, Flexport, or Joom Logistics (online).',
  oneOf: Object.values(BY_MODE).map((model) => ({ $ref: getSchemaPath(model) })),
  discriminator: { propertyName: 'mode', mapping: Object.fromEntries(Object.entries(BY_MODE).map(([mode, model]) => [mode, getSchemaPath(model)])) },
};

/** The fulfil request body: FulfillBody (FULFILL_BODY_SCHEMA), its three mode schemas listed. */
export function ApiFulfillBody() {
  return applyDecorators(ApiExtraModels(...Object.values(BY_MODE)), ApiBody({ schema: { $ref: getSchemaPath(FulfillBody) } }));
}
