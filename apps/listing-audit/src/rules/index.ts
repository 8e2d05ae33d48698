export * from './config';
export * from './engine';
export * from './feedback.rules';
export * from './rule';
export * from './supply.rules';
export * from './types';
