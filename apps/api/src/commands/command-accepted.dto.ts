import { ApiProperty } from '@nestjs/swagger';
import { COMMAND_NAMES } from '@app/queues';

export class CommandAcceptedDto {
  @ApiProperty({ description: 'Follow it at GET /v1/jobs/{jobId}.', example: 'idem-5e0c2b…' })
  jobId: string;

  @ApiProperty({ example: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' })
  orderId: string;

  @ApiProperty({ enum: COMMAND_NAMES, example: 'fulfill' })
  command: string;
}
