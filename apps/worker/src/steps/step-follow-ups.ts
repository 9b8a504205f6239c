import { Injectable } from '@nestjs/common';
import { COMMAND_JOB_OPTIONS, pushTrackingJob, StepJobData, stepJobId } from '@app/queues';
import { StepResult } from './step-handler';
import { SystemQueues } from './system-queues';

/**
 * What a finished step starts: the tracking push when it asks for one, and
 * the command's next planned step, queued under a deterministic id (so a
 * re-run queues nothing twice). Returns where the command goes on.
 */
@Injectable()
export class StepFollowUps {
  constructor(private readonly queues: SystemQueues) {}

  async queue(data: StepJobData, result: StepResult): Promise<StepResult> {
    if (result.pushTracking === true) {
      const push = pushTrackingJob(data.orderId);
      await this.queues.of('joom').add(push.name, push.data, push.opts);
    }
    const next = data.plan[data.index + 1];
    if (!next) return {};
    const queue = this.queues.of(next.system);
    const jobId = stepJobId(data.intakeJobId, data.index + 1);
    // `resumed` was about this step; the next one has never run.
    const { resumed: _resumed, ...command } = data;
    await queue.add(next.step, { ...command, index: data.index + 1 }, { ...COMMAND_JOB_OPTIONS, jobId });
    return { next: { queue: queue.name, jobId } };
  }
}
