import { Processor } from '@nestjs/bullmq';
import { SYSTEM_QUEUES } from '@app/queues';
import { STALL_RECOVERY } from './stall-recovery';
import { StepProcessor } from './step.processor';

/*
 * One processor per external system: each has its own concurrency and its
 * own rate limit (a global rate limit on its queue, set from
 * `<SYSTEM>_STEPS_PER_SECOND` by StepRateLimits), so a slow or throttled
 * system never starves the others. Joom allows 2000 requests/min per store;
 * a step makes 2–3 calls (read first, then write), and the sync needs its
 * share, hence 10 steps/s by default.
 */

@Processor(SYSTEM_QUEUES.joom, { concurrency: 8, ...STALL_RECOVERY })
export class JoomStepProcessor extends StepProcessor {}

@Processor(SYSTEM_QUEUES.akinon, { concurrency: 8, ...STALL_RECOVERY })
export class AkinonStepProcessor extends StepProcessor {}

@Processor(SYSTEM_QUEUES.flexport, { concurrency: 8, ...STALL_RECOVERY })
export class FlexportStepProcessor extends StepProcessor {}
