export * from './gateway-config';
export * from './load-config';
export * from './config.module';
export * from './environment.schema';
export * from './channel-profiles';
export * from './redis-url';
export * from './shipping-time-range';
export * from './akinon-locations';
