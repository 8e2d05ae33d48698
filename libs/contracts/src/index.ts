export * from './commands';
export * from './enums';
export * from './envelope';
export * from './errors';
export * from './events';
export * from './ids';
export * from './message-types';
export * from './money';
export * from './registry';
export * from './required';
export * from './shared/common.dto';
export * from './shared/deadline.dto';
export * from './shared/dispute.dto';
export * from './shared/listing.dto';
export * from './shared/money.dto';
export * from './topics';
export {
  flattenValidationErrors,
  isPlainObject,
  isUtcInstant,
  jsonShapeErrors,
  MAX_JSON_DEPTH,
  validateAs,
  type Presence,
  type StringMapLimits,
  type ValidationResult,
} from './validation';
export * from './export-verifier';
export * from './evidence-checklist';
