import { API_ERROR_CODES } from '../../openapi/api-error-codes';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ enum: API_ERROR_CODES, enumName: 'ErrorCode', description: 'Stable machine-readable code.', example: 'validation_failed' })
  code: string;

  @ApiProperty({ example: 'limit must be an integer number' })
  message: string;

  @ApiPropertyOptional({
    description: 'Facts about the error (the bad fields, the illegal transition…).',
    example: { fields: [{ field: 'limit', problems: ['limit must be an integer number'] }] },
  })
  details?: Record<string, unknown>;
}
