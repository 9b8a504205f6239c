import { bootTracing } from '@app/common/tracing/start-tracing';

// The entrypoint's first import, so the instrumentations are in place before http, fastify or ioredis load.
bootTracing('worker');
