export * from './dispute.commands';
