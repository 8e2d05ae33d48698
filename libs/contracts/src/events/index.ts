export * from './deadline.events';
export * from './dispute.events';
export * from './evidence.events';
export * from './listing.events';
export * from './message.events';
export * from './order.events';
export * from './supply-incident.events';
