export * from './environment';
export * from './eventually';
export * from './kafka-client';
export * from './service-app';
