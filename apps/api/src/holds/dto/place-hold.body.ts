import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsFreeText } from '@app/common';
import { HoldReason, PLACEABLE_HOLD_REASONS } from '@app/orders';

/** `POST /v1/orders/{id}/hold`: why the order must not ship yet (docs/api-decisions.md HO-1, HO-2). */
export class PlaceHoldBody {
  @ApiProperty({
    enum: PLACEABLE_HOLD_REASONS,
    description: 'Why the order is held. One hold per reason: a reason already held changes nothing. `address_incomplete` is the gateway’s own and cannot be placed by hand.',
    example: 'fraud_review',
  })
  @IsIn(PLACEABLE_HOLD_REASONS)
  reason: HoldReason;

  @ApiProperty({
    description: 'What the hold is waiting for (1–500 characters): kept on the hold and in the order history.',
    example: 'Billing and shipping country differ; waiting for the payment provider’s check.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsFreeText()
  note: string;
}
