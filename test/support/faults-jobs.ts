import { Job, Queue } from 'bullmq';
import { COMMAND_QUEUES, queueConnectionOptions, SYSTEM_QUEUES } from '@app/queues';
import { TEST_API_KEY } from './api-fixture';
import { mapLimit } from './faults-pool';
import { sleep } from './faults-orders';

/** A command as GET /v1/jobs/{id} shows it. */
export interface CommandView {
  jobId: string;
  state: 'queued' | 'active' | 'completed' | 'failed';
  attempts: number;
  error: string | null;
  steps: { queue: string; jobId: string; name: string; state: string; attempts: number; error: string | null }[];
}

/**
 * The test's own read-only view of the command queues (BullMQ directly): how
 * much work is left, which step jobs are running, when each job finished.
 * Cheap enough to poll while thousands of commands run, where polling
 * thousands of GET /v1/jobs would load the machine being measured.
 */
export class QueueWatch {
  private readonly queues: Map<string, Queue>;

  constructor(redisUrl: string) {
    this.queues = new Map(COMMAND_QUEUES.map((name) => [name, new Queue(name, { connection: queueConnectionOptions(redisUrl, 'producer') })]));
  }

  /** Jobs not finished yet, over every command queue; null while Redis does not answer. */
  async pending(): Promise<number | null> {
    try {
      const counts = await Promise.all([...this.queues.values()].map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children')));
      return counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
    } catch {
      return null;
    }
  }

  /** Finished steps, to pace a scenario: step jobs completed or failed in the per-system queues. */
  async finishedSteps(): Promise<number> {
    const counts = await Promise.all(Object.values(SYSTEM_QUEUES).map((name) => this.queues.get(name)!.getJobCounts('completed', 'failed')));
    return counts.reduce((sum, c) => sum + c.completed + c.failed, 0);
  }

  /** Command jobs running right now, intake and steps (queue + id). */
  async activeJobs(): Promise<{ queue: string; jobId: string }[]> {
    const perQueue = await Promise.all([...this.queues].map(async ([name, queue]) => (await queue.getActive()).map((job) => ({ queue: name, jobId: job.id! }))));
    return perQueue.flat();
  }

  /** When a job finished (ms epoch), or null. */
  async finishedOn(queue: string, jobId: string): Promise<number | null> {
    const job = await Job.fromId(this.queues.get(queue)!, jobId);
    return job?.finishedOn ?? null;
  }

  /** Waits until no command job is waiting, delayed or running (two quiet reads in a row). */
  async waitUntilDrained(timeoutMs: number, onTick?: (pending: number) => void): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 2) {
      const pending = await this.pending();
      if (pending !== null) onTick?.(pending);
      quiet = pending === 0 ? quiet + 1 : 0;
      if (Date.now() > deadline) throw new Error(`command queues still have ${pending} unfinished jobs after ${timeoutMs} ms`);
      await sleep(500);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** GET /v1/jobs/{id} for each id (null when the api does not know the job: 404). */
export async function readCommandViews(apiUrl: string, jobIds: readonly string[], concurrency = 12): Promise<Map<string, CommandView | null>> {
  const views = await mapLimit(jobIds, concurrency, async (jobId) => {
    const response = await fetch(`${apiUrl}/v1/jobs/${encodeURIComponent(jobId)}`, { headers: { Authorization: `Bearer ${TEST_API_KEY}` }, signal: AbortSignal.timeout(15_000) });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`GET /v1/jobs/${jobId} → ${response.status}: ${await response.text()}`);
    return (await response.json()) as CommandView;
  });
  return new Map(jobIds.map((jobId, i) => [jobId, views[i]]));
}

const finished = (view: CommandView | null) => view?.state === 'completed' || view?.state === 'failed';

/**
 * Reads every command's final view. Call after the queues drained; a command
 * still unfinished is read again until `timeoutMs`, then reported as it is
 * (the audit counts it as lost).
 */
export async function settleCommands(apiUrl: string, jobIds: readonly string[], timeoutMs = 30_000): Promise<Map<string, CommandView | null>> {
  const views = await readCommandViews(apiUrl, [...new Set(jobIds)]);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = [...views].filter(([, view]) => !finished(view)).map(([jobId]) => jobId);
    if (open.length === 0 || Date.now() > deadline) return views;
    await sleep(1_000);
    for (const [jobId, view] of await readCommandViews(apiUrl, open)) views.set(jobId, view);
  }
}

/** When each command finished: its last job's finishedOn (ms epoch), by command job id. */
export async function commandFinishTimes(watch: QueueWatch, views: Map<string, CommandView | null>): Promise<Map<string, number>> {
  const entries = await mapLimit([...views], 16, async ([jobId, view]) => {
    const last = view?.steps.at(-1);
    return [jobId, last && finished(view) ? await watch.finishedOn(last.queue, last.jobId) : null] as const;
  });
  return new Map(entries.filter((entry): entry is readonly [string, number] => entry[1] !== null));
}
