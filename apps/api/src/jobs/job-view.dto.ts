import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMAND_NAMES, CommandName } from '@app/queues';

export const JOB_STATES = ['queued', 'active', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export class JobStepDto {
  @ApiProperty({ example: 'commands-flexport' })
  queue: string;
  @ApiProperty({ example: 'idem-5e0c2b-1' })
  jobId: string;
  @ApiProperty({ example: 'flexport-create' })
  name: string;
  @ApiProperty({ enum: JOB_STATES, example: 'completed' })
  state: JobState;
  @ApiProperty({ type: 'integer', example: 1 })
  attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: null })
  error: string | null;
}

export class JobViewDto {
  @ApiProperty({ example: 'idem-5e0c2b' })
  jobId: string;
  @ApiProperty({
    enum: COMMAND_NAMES,
    nullable: true,
    description: 'null for work the gateway started itself (a tracking push, a Flexport refresh) and for a job a producer added under a name that is no command.',
    example: 'fulfill',
  })
  command: CommandName | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The gateway order id the job names; null when it names the order by `channel` + `externalId`, or its `orderId` is not a string.',
    example: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d',
  })
  orderId: string | null;
  @ApiProperty({ enum: JOB_STATES, description: 'The state of the whole command (its last step so far).', example: 'completed' })
  state: JobState;
  @ApiProperty({ type: 'integer', description: 'Attempts made by the current step.', example: 1 })
  attempts: number;
  @ApiPropertyOptional({ nullable: true, description: 'What the last step returned.', example: { status: 'fulfilling', providerOrderId: '1234567' } })
  result: unknown;
  @ApiPropertyOptional({ nullable: true, type: String, example: null })
  error: string | null;
  @ApiProperty({ format: 'date-time', example: '2024-05-01T10:00:00.000Z' })
  createdAt: string;
  @ApiProperty({ type: [JobStepDto], description: 'Routing and each external call, in order.' })
  steps: JobStepDto[];
}

export class JobListDto {
  @ApiProperty({ type: [JobViewDto] })
  items: JobViewDto[];
}
