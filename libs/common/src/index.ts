export * from './log-redaction';
export * from './logger.module';
export * from './validation-problems';
export * from './graceful-shutdown';
export * from './payload-shape';
export * from './text-rules';
export * from './display-url';
export * from './boot-failure';
