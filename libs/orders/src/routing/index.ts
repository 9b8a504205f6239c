export * from './routing-rule';
export * from './decide-route';
export * from './parse-routing-rules';
export * from './decimal-compare';
export * from './routing-record';
