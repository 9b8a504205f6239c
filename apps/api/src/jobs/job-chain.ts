import { Job, JobState as BullState, Queue } from 'bullmq';
import { JobState } from './job-view.dto';

/** Where a step says the command goes on (router → system step → next step…). */
export interface NextStep {
  queue: string;
  jobId: string;
}

export function nextStepOf(job: Job): NextStep | null {
  const next = (job.returnvalue as { next?: NextStep } | null)?.next;
  return next && typeof next.queue === 'string' && typeof next.jobId === 'string' ? next : null;
}

/** BullMQ's many waiting states are one "queued" to a client. */
export function publicState(state: BullState | 'unknown'): JobState | null {
  switch (state) {
    case 'active':
      return 'active';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'waiting':
    case 'waiting-children':
    case 'delayed':
    case 'prioritized':
      return 'queued';
    default:
      return null;
  }
}

export interface ChainLink {
  queue: Queue;
  job: Job;
  state: JobState;
}

/**
 * Follows a command from its intake job through every step it routed to.
 * A step that is not there yet (routed but not added) ends the chain as
 * "queued": the router adds it with a deterministic id when it retries.
 */
export async function followChain(queues: Map<string, Queue>, first: { queue: Queue; job: Job }): Promise<ChainLink[]> {
  const chain: ChainLink[] = [];
  let current: { queue: Queue; job: Job } | null = first;
  while (current && chain.length < 10) {
    const state: JobState = publicState(await current.job.getState()) ?? 'queued';
    // The job was read before it finished: read it again so its result and error match its state.
    if (state === 'completed' || state === 'failed') current = { ...current, job: (await Job.fromId(current.queue, current.job.id!)) ?? current.job };
    chain.push({ ...current, state });
    const next: NextStep | null = state === 'completed' ? nextStepOf(current.job) : null;
    if (!next) break;
    const queue = queues.get(next.queue);
    const job: Job | undefined = queue ? await Job.fromId(queue, next.jobId) : undefined;
    current = queue && job ? { queue, job } : null;
  }
  return chain;
}
