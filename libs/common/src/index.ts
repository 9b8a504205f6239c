export * from './log-redaction';
export * from './logger.module';
