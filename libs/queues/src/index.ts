export * from './queue-names';
export * from './command-payloads';
export * from './command-jobs';
export * from './command-job-options';
export * from './queue-connection';
export * from './step-jobs';
export * from './queue-metrics-keys';
export * from './command-applicability';
