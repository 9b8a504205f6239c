import type { Job } from 'bullmq';
import { noteRemoteAnswer, noteRemoteNoAnswer } from '@app/adapters';
import { deadLetterReason, WorkerMetrics } from './worker-metrics';

const NOW = 1_800_000_000_000;

function job(overrides: Partial<{ queueName: string; timestamp: number; processedOn: number; attemptsMade: number; delay: number }> = {}): Job {
  return {
    queueName: overrides.queueName ?? 'commands-flexport',
    timestamp: overrides.timestamp ?? NOW - 2_000,
    processedOn: overrides.processedOn ?? NOW - 300,
    attemptsMade: overrides.attemptsMade ?? 1,
    opts: { delay: overrides.delay },
  } as unknown as Job;
}

async function scrape(metrics: WorkerMetrics): Promise<string> {
  return metrics.registry.metrics();
}

describe('WorkerMetrics', () => {
  it('times an attempt by queue, system, account and outcome, and the first attempt’s wait in the queue', async () => {
    const metrics = new WorkerMetrics();
    metrics.attempt(job(), 'completed', NOW);
    const text = await scrape(metrics);
    expect(text).toContain('gateway_step_duration_seconds_bucket{le="0.5",queue="commands-flexport",system="flexport",account="main",outcome="completed"} 1');
    expect(text).toContain('gateway_step_duration_seconds_bucket{le="0.25",queue="commands-flexport",system="flexport",account="main",outcome="completed"} 0');
    expect(text).toMatch(/gateway_step_duration_seconds_sum\{queue="commands-flexport",system="flexport",account="main",outcome="completed"\} 0\.3\n/);
    // Added 2 s before now, taken 0.3 s before now: 1.7 s in the queue.
    expect(text).toMatch(/gateway_queue_wait_seconds_sum\{queue="commands-flexport",system="flexport",account="main"\} 1\.7\n/);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('labels an account queue’s attempts with its account', async () => {
    const metrics = new WorkerMetrics();
    metrics.attempt(job({ queueName: 'commands-joom.eu' }), 'completed', NOW);
    const text = await scrape(metrics);
    expect(text).toMatch(/gateway_step_duration_seconds_count\{queue="commands-joom.eu",system="joom",account="eu",outcome="completed"\} 1\n/);
    expect(text).toMatch(/gateway_queue_wait_seconds_count\{queue="commands-joom.eu",system="joom",account="eu"\} 1\n/);
  });

  it('leaves a delay out of the wait, and a retry’s backoff out altogether', async () => {
    const metrics = new WorkerMetrics();
    metrics.attempt(job({ delay: 1_500 }), 'completed', NOW);
    metrics.attempt(job({ attemptsMade: 3, timestamp: NOW - 60_000 }), 'retried', NOW);
    const text = await scrape(metrics);
    expect(text).toMatch(/gateway_queue_wait_seconds_sum\{queue="commands-flexport",system="flexport",account="main"\} 0\.2\n/);
    expect(text).toMatch(/gateway_queue_wait_seconds_count\{queue="commands-flexport",system="flexport",account="main"\} 1\n/);
    expect(text).toMatch(/gateway_step_duration_seconds_count\{queue="commands-flexport",system="flexport",account="main",outcome="retried"\} 1\n/);
  });

  it('counts every call to a system by account and how it ended, until it is destroyed', async () => {
    const metrics = new WorkerMetrics();
    for (const status of [200, 201, 404, 429, 503]) noteRemoteAnswer('joom', status);
    noteRemoteNoAnswer('flexport');
    noteRemoteAnswer('joom', 503, Date.now(), 'eu');
    noteRemoteNoAnswer('joom', 'eu');
    const text = await scrape(metrics);
    expect(text).toContain('gateway_remote_responses_total{system="joom",account="eu",class="5xx"} 1');
    expect(text).toContain('gateway_remote_responses_total{system="joom",account="eu",class="no_answer"} 1');
    expect(text).toContain('gateway_remote_responses_total{system="joom",account="main",class="2xx"} 2');
    expect(text).toContain('gateway_remote_responses_total{system="joom",account="main",class="4xx"} 1');
    expect(text).toContain('gateway_remote_responses_total{system="joom",account="main",class="429"} 1');
    expect(text).toContain('gateway_remote_responses_total{system="joom",account="main",class="5xx"} 1');
    expect(text).toContain('gateway_remote_responses_total{system="flexport",account="main",class="no_answer"} 1');
    metrics.onModuleDestroy();
    noteRemoteAnswer('joom', 200);
    expect(await scrape(metrics)).toContain('gateway_remote_responses_total{system="joom",account="main",class="2xx"} 2');
  });

  it('counts dead letters by queue, system, account and the code their reason starts with', async () => {
    const metrics = new WorkerMetrics();
    metrics.deadLetter(job(), new Error('on_hold: The order is on hold — fraud_review (operator)'));
    metrics.deadLetter(job(), new Error('on_hold: another order'));
    metrics.deadLetter(job({ queueName: 'commands-joom.eu' }), new Error('connect ECONNREFUSED 127.0.0.1:4000'));
    const text = await scrape(metrics);
    expect(text).toContain('gateway_dead_letters_total{queue="commands-flexport",system="flexport",account="main",reason="on_hold"} 2');
    expect(text).toContain('gateway_dead_letters_total{queue="commands-joom.eu",system="joom",account="eu",reason="gave_up"} 1');
    expect(deadLetterReason('illegal_transition: from ready to shipped')).toBe('illegal_transition');
    expect(deadLetterReason('Error: no code here')).toBe('gave_up');
  });

  it('ignores a job that never started', async () => {
    const metrics = new WorkerMetrics();
    metrics.attempt({ ...job(), processedOn: undefined } as Job, 'failed', NOW);
    expect(await scrape(metrics)).not.toMatch(/gateway_step_duration_seconds_count\{/);
  });
});
