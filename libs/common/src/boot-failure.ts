import pino from 'pino';
import { createGatewayLogger } from './logger.module';

/**
 * Logs why a process could not start — one pino line on stderr, in the same
 * format as every other line — and exits 1. `reason` is a string for
 * configuration errors (they name the variable, never its value, and need no
 * stack) and the error itself otherwise.
 */
export function exitOnBootFailure(service: string, reason: string | Error): never {
  const logger = createGatewayLogger({ level: 'info', service }, pino.destination({ fd: 2, sync: true }));
  if (typeof reason === 'string') logger.fatal(reason);
  else logger.fatal({ err: reason }, `${service} failed to start: ${reason.message}`);
  process.exit(1);
}
