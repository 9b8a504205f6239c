import pino, { Logger } from 'pino';
import { createGatewayLogger } from './logger.module';

/**
 * The logger for a process's few start and stop lines (`api listening`,
 * `worker started`, `SIGTERM received: draining`): the gateway's pino format,
 * at `info` whatever LOG_LEVEL says — with LOG_LEVEL=warn an operator (and
 * a test waiting for the line) still sees that the process is up.
 */
export function bootLogger(service: string): Logger {
  return createGatewayLogger({ level: 'info', service });
}

/**
 * Logs why a process could not start — one pino line on stderr — and exits
 * 1. `reason` is a string for configuration errors (they name the variable,
 * never its value, and need no stack) and the error itself otherwise.
 */
export function exitOnBootFailure(service: string, reason: string | Error): never {
  const logger = createGatewayLogger({ level: 'info', service }, pino.destination({ fd: 2, sync: true }));
  if (typeof reason === 'string') logger.fatal(reason);
  // The message and stack only: pino's error serializer would copy every property, and a client's error
  // can carry its credentials (ioredis puts the AUTH command on a reply error, axios the request headers).
  else logger.fatal({ err: { type: reason.name, message: reason.message, stack: reason.stack } }, `${service} failed to start: ${reason.message}`);
  process.exit(1);
}
