import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { IsFreeText, IsSingleLineText } from '@app/common';
import { FLEXPORT_SHIP_METHODS } from '@app/orders';

/*
 * The command bodies, shared by REST (request bodies) and the worker (job
 * payloads on `order-commands`): one definition, so a job added directly to
 * the queue is validated exactly like a REST call.
 */

export const FULFILL_MODES = ['tracking', 'flexport', 'online'] as const;
export type FulfillMode = (typeof FULFILL_MODES)[number];

export { FLEXPORT_SHIP_METHODS } from '@app/orders';

/** One line of a fulfil naming lines: a line is sent whole (docs/api-decisions.md FX-9). */
export class FulfillLine {
  @ApiProperty({ description: 'A gateway line id of the order (`lines[].id`).', example: 'ln_33a11761-43bc-41d4-8f7f-1e860028367b' })
  @IsString()
  @Length(1, 200)
  @IsSingleLineText()
  lineId: string;
}

/** Letters, digits and a few separators: what carriers actually issue. */
export const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;

/** One rule for a carrier name wherever a body carries one (fulfil, modify-tracking). */
function IsCarrierName(): PropertyDecorator {
  return composed(IsString(), Length(1, 64), IsSingleLineText());
}

/** One rule for a tracking number wherever a body carries one (fulfil, modify-tracking). */
function IsTrackingNumber(): PropertyDecorator {
  return composed(IsString(), Matches(TRACKING_NUMBER, { message: 'trackingNumber must be 3–64 letters, digits or dashes' }));
}

function composed(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/**
 * A field that belongs to one fulfil mode: sent with another mode it is
 * refused, whatever its value, rather than ignored — a client that sends
 * `carrier` with `mode: flexport` has mistaken one mode for another. An
 * unknown mode is left to the `mode` field's own problem.
 */
function OnlyForMode(mode: FulfillMode): PropertyDecorator {
  return ValidateBy({
    name: 'onlyForMode',
    validator: {
      validate: (value: unknown, args: ValidationArguments) => {
        const sent = (args.object as FulfillBody).mode;
        return value === undefined || sent === mode || !FULFILL_MODES.includes(sent);
      },
      defaultMessage: (args?: ValidationArguments) => `${args!.property} is only for mode ${mode}, not ${(args!.object as FulfillBody).mode}`,
    },
  });
}

/** Validated when its mode is the body's, or when it is sent at all (then OnlyForMode refuses it under another mode). */
const sentOrModeIs = (mode: FulfillMode, field: 'carrier' | 'trackingNumber' | 'shipMethod', required: boolean) => (body: FulfillBody) => body[field] !== undefined || (required && body.mode === mode);

export class FulfillBody {
  @ApiProperty({ enum: FULFILL_MODES, description: '`tracking`: the merchant shipped it; `flexport`: ship through Flexport; `online`: Joom Logistics (Joom v3).', example: 'tracking' })
  @IsIn(FULFILL_MODES)
  mode: FulfillMode;

  @ApiPropertyOptional({ description: 'Carrier name, required with mode `tracking` and refused with any other; checked against the channel’s list.', example: 'DHL' })
  @ValidateIf(sentOrModeIs('tracking', 'carrier', true))
  @OnlyForMode('tracking')
  @IsCarrierName()
  carrier?: string;

  @ApiPropertyOptional({ description: 'Tracking number, required with mode `tracking` and refused with any other: letters, digits, dashes.', example: 'JD014600006281593016' })
  @ValidateIf(sentOrModeIs('tracking', 'trackingNumber', true))
  @OnlyForMode('tracking')
  @IsTrackingNumber()
  trackingNumber?: string;

  @ApiPropertyOptional({ enum: FLEXPORT_SHIP_METHODS, description: 'Flexport ship method, optional with mode `flexport` and refused with any other.', example: 'standard' })
  @ValidateIf(sentOrModeIs('flexport', 'shipMethod', false))
  @OnlyForMode('flexport')
  @IsIn(FLEXPORT_SHIP_METHODS, { message: 'shipMethod must be one of standard, expedited, priority' })
  shipMethod?: string;

  @ApiPropertyOptional({
    type: () => [FulfillLine],
    description:
      'Mode `flexport` only: the lines to send, each whole, in one Flexport order; the others stay to fulfil later (a second fulfil makes a second Flexport order). Absent: every line not yet fulfilled. A line unknown, closed, being cancelled or already sent is refused.',
  })
  // Not @IsOptional: `null` must not read as "every line".
  @ValidateIf((body: FulfillBody) => body.lines !== undefined)
  @OnlyForMode('flexport')
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ArrayUnique((line: unknown) => (line as FulfillLine | null)?.lineId, { message: 'lines must name each line once' })
  @ValidateNested({ each: true })
  @Type(() => FulfillLine)
  lines?: FulfillLine[];

  @ApiPropertyOptional({ description: 'Free text kept in the order history (no control characters but tab and line breaks).', example: 'left the warehouse at 14:00' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsFreeText()
  note?: string;
}

export const CANCEL_REASONS = ['out_of_stock', 'unable_to_fulfill', 'wrong_address', 'customer_request', 'other'] as const;

export class CancelBody {
  @ApiProperty({ enum: CANCEL_REASONS, example: 'out_of_stock' })
  @IsIn(CANCEL_REASONS)
  reason: string;

  @ApiPropertyOptional({ example: 'supplier delay' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsFreeText()
  note?: string;
}

export class RejectBody {
  @ApiProperty({ enum: CANCEL_REASONS, example: 'out_of_stock' })
  @IsIn(CANCEL_REASONS)
  reason: string;

  @ApiPropertyOptional({ type: [String], description: 'Gateway line ids to reject; all rejectable lines when absent (null is refused).', example: ['ln_33a11761-43bc-41d4-8f7f-1e860028367b'] })
  // Not @IsOptional: that would read `null` as absent, and absent means *every* line — a client bug must not reject a whole order.
  @ValidateIf((body: RejectBody) => body.lineIds !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @IsSingleLineText({ each: true })
  lineIds?: string[];

  @ApiPropertyOptional({ example: 'damaged in the warehouse' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsFreeText()
  note?: string;
}

/** A new carrier and tracking number for an order the merchant shipped: the same rules as fulfil's tracking fields. */
export class ModifyTrackingBody {
  @ApiProperty({ description: 'Carrier name; checked against the channel’s list like fulfil’s.', example: 'China Post' })
  @IsCarrierName()
  carrier: string;

  @ApiProperty({ description: 'Tracking number: letters, digits, dashes.', example: 'RB123456785CN' })
  @IsTrackingNumber()
  trackingNumber: string;
}

/** Any command body. */
export type CommandBody = FulfillBody | CancelBody | RejectBody | ModifyTrackingBody;
