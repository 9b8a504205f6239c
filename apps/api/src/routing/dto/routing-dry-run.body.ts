import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { IsSingleLineText } from '@app/common';
import { Channel, CHANNELS, ShippingRequirement } from '@app/orders';

const REQUIREMENTS: ShippingRequirement[] = ['online_only', 'offline_only', 'online_or_offline'];

/** An order that is not stored, described by what rules look at. */
export class RoutingProbe {
  @ApiProperty({ enum: CHANNELS, example: 'akinon' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiPropertyOptional({ description: 'The channel account; `main` when left out.', example: 'main' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsSingleLineText()
  account?: string;

  @ApiPropertyOptional({ description: 'Shipping country, ISO 3166-1 alpha-2.', example: 'TR' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code in upper case' })
  country?: string;

  @ApiProperty({ type: [String], description: "The lines' SKUs.", example: ['TSHIRT-RED-M'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  skus: string[];

  @ApiPropertyOptional({ enum: REQUIREMENTS, description: "Joom's online/offline shipping requirement." })
  @IsOptional()
  @IsIn(REQUIREMENTS)
  requirement?: ShippingRequirement;

  @ApiPropertyOptional({ description: 'Order total, a decimal string.', example: '49.90' })
  @IsOptional()
  @Matches(/^-?\d{1,15}(\.\d{1,6})?$/, { message: 'total must be a decimal string such as "49.90"' })
  total?: string;

  @ApiPropertyOptional({ description: 'ISO 4217 currency of the total.', example: 'USD' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code in upper case' })
  currency?: string;
}

/** `POST /v1/routing/dry-run`: a stored order by id, or an order described (exactly one of the two: checked by the controller, so the answer says so). */
export class RoutingDryRunBody {
  @ApiPropertyOptional({ description: 'A stored order: its routing turn and, for a fulfil, what the command pipeline would answer.', example: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' })
  @ValidateIf((body: RoutingDryRunBody) => body.orderId !== undefined)
  @IsString()
  @Length(1, 100)
  @IsSingleLineText()
  orderId?: string;

  @ApiPropertyOptional({ type: RoutingProbe, description: 'An order not stored: which rule would match it.' })
  @ValidateIf((body: RoutingDryRunBody) => body.order !== undefined)
  @ValidateNested()
  @Type(() => RoutingProbe)
  order?: RoutingProbe;
}
