import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsFreeText } from '@app/common';
import { ATTENTION_CODES, AttentionCode } from '@app/orders';

/** `POST /v1/orders/{id}/attention/resolve`: what the person did about the flag. */
export class ResolveAttentionBody {
  @ApiProperty({ description: 'What was done about it: kept in the order history.', example: 'Mapped carrier "Yurtiçi" to YURTICI in JOOM_CARRIER_MAP and retried.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsFreeText()
  note: string;

  @ApiPropertyOptional({
    enum: ATTENTION_CODES,
    description: 'The flag the caller is resolving: refused with 409 `attention_changed` when the order carries another one now.',
    example: 'carrier_unmapped',
  })
  @IsOptional()
  @IsIn(ATTENTION_CODES)
  code?: AttentionCode;
}
