import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsSingleLineText } from '@app/common';
import { Channel, CHANNELS } from '@app/orders';
import { isOrderId } from '@app/store';

export class ChannelOrderParams {
  @ApiProperty({ enum: CHANNELS, example: 'akinon' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ description: "The channel's own order id.", example: 'e819386c-b406-43dc-86c9-212ff633afe2' })
  @IsString()
  @Length(1, 200)
  @IsSingleLineText()
  externalId: string;
}

export class OrderIdParams {
  @ApiProperty({ description: 'Gateway order id.', example: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' })
  @IsString()
  @Length(1, 100)
  @IsSingleLineText()
  id: string;
}

/** `{ id }` holding a well-formed gateway id (`ord_` + 24 hex), which meets every rule above: the validation pipe's fast check. */
export function isWellFormedOrderIdParams(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'id' && typeof (value as OrderIdParams).id === 'string' && isOrderId((value as OrderIdParams).id);
}
