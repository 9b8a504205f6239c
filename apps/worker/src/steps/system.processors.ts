import { Processor } from '@nestjs/bullmq';
import { SYSTEM_QUEUES } from '@app/queues';
import { STALL_RECOVERY } from './stall-recovery';
import { StepProcessor } from './step.processor';
import { SYSTEM_CONCURRENCY } from './system-slots';

/*
 * One processor per external system: each has its own concurrency (shared
 * with its system's direct steps: SystemSlots) and its own rate limit (a
 * global rate limit on its queue, set from `<SYSTEM>_STEPS_PER_SECOND` by
 * StepRateLimits, which direct steps also count against), so a slow or
 * throttled system never starves the others. Joom allows 2000 requests/min per store;
 * a step makes 2–3 calls (read first, then write), and the sync needs its
 * share, hence 10 steps/s by default.
 */

@Processor(SYSTEM_QUEUES.joom, { concurrency: SYSTEM_CONCURRENCY, ...STALL_RECOVERY })
export class JoomStepProcessor extends StepProcessor {
  protected readonly system = 'joom';
}

@Processor(SYSTEM_QUEUES.akinon, { concurrency: SYSTEM_CONCURRENCY, ...STALL_RECOVERY })
export class AkinonStepProcessor extends StepProcessor {
  protected readonly system = 'akinon';
}

@Processor(SYSTEM_QUEUES.flexport, { concurrency: SYSTEM_CONCURRENCY, ...STALL_RECOVERY })
export class FlexportStepProcessor extends StepProcessor {
  protected readonly system = 'flexport';
}
