import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ValidationFailed, type FieldError } from '../errors';

/** Flattens class-validator's tree into `{ field: "requested.refund.amountMinor", message }` entries. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'is not a known field'),
    }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
let metadataMemoized = false;

/**
 * class-validator looks up a class's rules on every object it validates, scanning the rules of every decorated class
 * in the process (an `instanceof` per class, for inherited rules) and grouping them by property again: for a body with
 * nested DTOs that is most of its cost. Rules are only ever added when a class is defined, so the lookups are memoized
 * per class and options until the next rule is added; class-validator reads the results and never changes them. Same
 * rules, same errors, same order. Idempotent; `createValidationPipe` does it.
 */
export function memoizeValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (metadataMemoized) return;
  metadataMemoized = true;
  let lookups = new Map<string, TargetMetadatas>();
  let grouped = new WeakMap<TargetMetadatas, ReturnType<MetadataStorage['groupByPropertyName']>>();
  const targets = new Map<unknown, number>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  const forget = () => {
    lookups = new Map();
    grouped = new WeakMap();
  };
  storage.addValidationMetadata = (metadata) => {
    forget();
    addRule(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let id = targets.get(target);
    if (id === undefined) targets.set(target, (id = targets.size));
    const key = `${id}|${schema}|${always}|${strictGroups}|${groups === undefined ? '-' : JSON.stringify(groups)}`;
    let found = lookups.get(key);
    if (!found) lookups.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
}

/** One global pipe: bodies and queries validated, unknown fields refused (400), not ignored. */
export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => new ValidationFailed(fieldErrors(errors)),
  });
}
