/**
 * How fast a command job whose worker died (SIGKILL, OOM, lost host) runs
 * again. BullMQ's defaults (30 s lock, stalled check every 30 s) left such a
 * job waiting 60–90 s (measured: `npm run test:faults`, worker SIGKILL). A
 * live worker renews its lock every lockDuration / 2, whatever the job is
 * waiting for, so 15 s only expires for a dead worker or an event loop
 * blocked that long — and even then the re-run is safe: steps read the
 * remote order first and find their job id in the order history.
 */
export const STALL_RECOVERY = { lockDuration: 15_000, stalledInterval: 5_000 } as const;
