export * from './channel-adapter.port';
export * from './cancellation-plans.port';
export * from './remote-errors';
export * from './http-client.factory';
export * from './remote-answers';
export * from './remote-request-scope';
export * from './classify-http-failure';
