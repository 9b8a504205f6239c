import { AlternatingResult, Side } from './ab-rounds';
import { startCpuSecondsMeter } from './cpu-meter';
import { median } from './stats';

/** Prefix of the per-command CPU entries in a round's detail (`cpuMsPerCmd.worker` …). */
const PREFIX = 'cpuMsPerCmd.';

/**
 * What a command costs each process: CPU ms per command over a round, from
 * /proc (Redis's pid included when it runs on this machine). The processes
 * are named by role, so the gateway's and the bare side's line up: `worker`
 * is the gateway worker or the bare BullMQ worker, `api` the gateway api or
 * the bare Fastify route.
 */
export function startCommandCpuMeter(pids: Record<string, number>): (commands: number) => Record<string, number> {
  const used = startCpuSecondsMeter(pids);
  return (commands) => Object.fromEntries(Object.entries(used()).map(([name, seconds]) => [`${PREFIX}${name}`, Number(((seconds * 1000) / commands).toFixed(3))]));
}

/** The median CPU ms per command of each named process, per side, as one note line of the table. */
export function commandCostNote(result: AlternatingResult, processes: readonly string[]): string {
  const side = (name: Side) =>
    processes
      .map((process) => {
        const values = result.rounds[name].map((sample) => Number(sample.detail?.[`${PREFIX}${process}`])).filter(Number.isFinite);
        return values.length > 0 ? `${process} ${median(values).toFixed(2)}` : null;
      })
      .filter((part): part is string => part !== null);
  const total = (name: Side) => {
    const sums = result.rounds[name].map((sample) => processes.reduce((sum, process) => sum + (Number(sample.detail?.[`${PREFIX}${process}`]) || 0), 0));
    return median(sums).toFixed(2);
  };
  return `CPU ms per command (median of rounds): gateway ${side('gateway').join(' · ')} (= ${total('gateway')}); bare ${side('bare').join(' · ')} (= ${total('bare')})`;
}
