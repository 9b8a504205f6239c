import { Processor } from '@nestjs/bullmq';
import { COMMAND_JOB_RETENTION, SYSTEM_QUEUES } from '@app/queues';
import { STALL_RECOVERY } from './stall-recovery';
import { StepProcessor } from './step.processor';

/*
 * One processor per external system: each has its own concurrency and rate
 * limit, global across workers (`<SYSTEM>_STEP_CONCURRENCY`,
 * `<SYSTEM>_STEPS_PER_SECOND`: SystemLimits), so a slow or throttled system
 * never starves the others. Joom allows 2000 requests/min per store; a step
 * makes 1–3 calls (a retry reads first), and the sync needs its share, hence
 * 10 steps/s by default. COMMAND_JOB_RETENTION bounds the finished jobs a
 * producer added without retention options of their own.
 */
export const STEP_WORKER_OPTIONS = { ...STALL_RECOVERY, ...COMMAND_JOB_RETENTION };

@Processor(SYSTEM_QUEUES.joom, STEP_WORKER_OPTIONS)
export class JoomStepProcessor extends StepProcessor {
  protected readonly system = 'joom';
}

@Processor(SYSTEM_QUEUES.akinon, STEP_WORKER_OPTIONS)
export class AkinonStepProcessor extends StepProcessor {
  protected readonly system = 'akinon';
}

@Processor(SYSTEM_QUEUES.flexport, STEP_WORKER_OPTIONS)
export class FlexportStepProcessor extends StepProcessor {
  protected readonly system = 'flexport';
}
