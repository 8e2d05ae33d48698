export * from './samples';
export * from './open-dispute';
