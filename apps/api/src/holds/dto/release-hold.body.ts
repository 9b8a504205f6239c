import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsFreeText } from '@app/common';
import { HoldReason, PLACEABLE_HOLD_REASONS } from '@app/orders';

/** `POST /v1/orders/{id}/release`: which hold goes, and why (docs/api-decisions.md HO-2). */
export class ReleaseHoldBody {
  @ApiPropertyOptional({
    enum: PLACEABLE_HOLD_REASONS,
    description: 'The hold to release. May be left out when the order has exactly one hold a person may release; with several, 409 `hold_ambiguous`.',
    example: 'fraud_review',
  })
  @IsOptional()
  @IsIn(PLACEABLE_HOLD_REASONS)
  reason?: HoldReason;

  @ApiPropertyOptional({
    description: 'Why it is released (1–500 characters), kept in the order history; without one the entry repeats the hold’s note.',
    example: 'Payment provider confirmed the card holder.',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsFreeText()
  note?: string;
}
