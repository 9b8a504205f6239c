export * from './order.factory';
export * from './inbound-snapshot.factory';
