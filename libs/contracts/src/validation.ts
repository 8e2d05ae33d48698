// class-transformer's @Type reads design-time types; the library must not rely on its host having loaded this.
import 'reflect-metadata';
import { Type, plainToInstance, type ClassConstructor } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsISO31661Alpha2,
  IsObject,
  ValidateNested,
  IsNotEmpty,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
  registerDecorator,
  validateSync,
  type ValidationArguments,
  type ValidationError,
  type ValidationOptions,
} from 'class-validator';
import type { FieldError } from './errors';
import { isUuid } from './ids';
import { required } from './required';

/*
 * Shared validation: the decorators the payload classes are built from, and one way to run them. Messages
 * follow class-validator's "$property must ..." form; the field path is reported separately.
 */

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Turns `data` into an instance of `cls` and validates it: unknown fields refused (not dropped), nested
 * objects validated, no implicit conversion (the string "1999" is not the number 1999).
 * `path` prefixes every reported field (e.g. `data` for an envelope's payload).
 */
export function validateAs<T extends object>(cls: ClassConstructor<T>, data: unknown, path = ''): ValidationResult<T> {
  if (!isPlainObject(data)) {
    return { ok: false, errors: [{ field: path, message: 'must be a JSON object' }] };
  }
  const reserved = reservedKeys(data, path);
  if (reserved.length > 0) return { ok: false, errors: reserved };
  const instance = plainToInstance(cls, data, { enableImplicitConversion: false, exposeDefaultValues: false });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return errors.length === 0
    ? { ok: true, value: instance }
    : { ok: false, errors: flattenValidationErrors(errors, path) };
}

/**
 * class-validator's error tree as `{ field: "requested.refund.amountMinor", message }` entries, one per field:
 * the message of the top-most failing decorator as written (the most basic check: "must be an integer number"
 * rather than "must not be less than 0" for "12"). Decorators run bottom-up, so that is the last one recorded.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const last = Object.values(error.constraints ?? {}).at(-1);
    const own =
      last === undefined
        ? []
        : [
            {
              field,
              message: last.replace(/^property (\S+) should not exist$/, 'is not a known field'),
            },
          ];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The deepest a JSON body or payload nests (objects and arrays); Settle's deepest contract shape nests 6. */
export const MAX_JSON_DEPTH = 32;
const MAX_REPORTED = 20;
// With the `u` flag a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate.
const UNSTORABLE = /[\0\p{Cs}]/u;

function unstorable(text: string): string | undefined {
  const found = UNSTORABLE.exec(text);
  if (!found) return undefined;
  return found[0] === '\0' ? 'a NUL character' : 'a lone UTF-16 surrogate';
}

/**
 * What no field of a JSON value may be, whatever its class says, in one iterative pass (no recursion, so a
 * 100,000-level body cannot overflow the stack): nesting deeper than `maxDepth`, a reserved name (`__proto__`,
 * `constructor`, `prototype`: "is not a known field"), a NUL character or a lone UTF-16 surrogate in any string or
 * name (Postgres stores neither in text). At most 20 fields are reported. `path` prefixes every field.
 */
export function jsonShapeErrors(value: unknown, path = '', maxDepth = MAX_JSON_DEPTH): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; field: string; depth: number }[] = [{ value, field: path, depth: 0 }];
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const { value: current, field, depth } = stack.pop() as { value: unknown; field: string; depth: number };
    if (typeof current === 'string') {
      const bad = unstorable(current);
      if (bad) errors.push({ field, message: `must not contain ${bad}` });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) {
      errors.push({ field, message: `nests deeper than ${maxDepth} levels` });
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = required(keys[index], 'key');
      const child = field ? `${field}.${key}` : key;
      if (!Array.isArray(current)) {
        if (FORBIDDEN_KEYS.has(key)) {
          errors.push({ field: child, message: 'is not a known field (a reserved name)' });
          continue;
        }
        const bad = unstorable(key);
        if (bad) {
          errors.push({ field: child, message: `is a name with ${bad}` });
          continue;
        }
      }
      stack.push({ value: (current as Record<string, unknown>)[key], field: child, depth: depth + 1 });
    }
  }
  return errors;
}

/** Reserved names (and anything else `jsonShapeErrors` refuses) anywhere in `value`. */
export function reservedKeys(value: unknown, path: string): FieldError[] {
  return jsonShapeErrors(value, path);
}

/** Applies several property decorators as one, in the order TypeScript applies stacked ones (last first). */
export function composeDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorator of [...decorators].reverse()) decorator(target, propertyKey);
  };
}

type Check = (value: unknown, args: ValidationArguments) => boolean;

function custom(
  name: string,
  check: Check,
  message: string | ((args: ValidationArguments) => string),
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyKey as string,
      options,
      validator: {
        validate: check,
        defaultMessage: (args?: ValidationArguments) =>
          typeof message === 'string' ? message : message(args as ValidationArguments),
      },
    });
  };
}

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** RFC 3339 in UTC (`Z`), a real calendar instant: `2025-01-31T09:30:00Z`, `2025-01-31T09:30:00.123Z`. */
export function isUtcInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !UTC_INSTANT.test(value)) return false;
  const parsed = new Date(value);
  // Date rolls 2025-02-30 over to March; comparing the fields back refuses it.
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === value.slice(0, 19);
}

export function IsUtcInstant(options?: ValidationOptions): PropertyDecorator {
  return custom(
    'isUtcInstant',
    (value) => isUtcInstant(value),
    '$property must be an RFC 3339 UTC instant such as 2025-01-31T09:30:00Z',
    options,
  );
}

/** An id Settle mints (disputes, proposals, commands, deadlines, messages): a UUID, v7 when Settle creates it. */
export function IsSettleId(options?: ValidationOptions): PropertyDecorator {
  return custom('isSettleId', (value) => isUuid(value), '$property must be a UUID', options);
}

export const EXTERNAL_ID = /^[\x21-\x7e]{1,128}$/;

/** An id the marketplace owns (order, buyer, seller, listing, SKU): 1 to 128 visible ASCII characters. */
export function IsExternalId(options?: ValidationOptions): PropertyDecorator {
  return custom(
    'isExternalId',
    (value) => typeof value === 'string' && EXTERNAL_ID.test(value),
    '$property must be an id of 1 to 128 visible ASCII characters',
    options,
  );
}

/** A non-empty string of at most `max` characters. */
export function IsText(max: number, options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(IsString(options), IsNotEmpty(options), MaxLength(max, options));
}

export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(
    IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, options),
    MaxLength(2048, options),
  );
}

export function IsSha256Hex(options?: ValidationOptions): PropertyDecorator {
  return Matches(/^[0-9a-f]{64}$/i, {
    message: '$property must be a SHA-256 digest in hex (64 characters)',
    ...options,
  });
}

/** A BCP 47 language tag: `en`, `pt-BR`, `zh-Hant-TW`. */
export function IsLocaleTag(options?: ValidationOptions): PropertyDecorator {
  return Matches(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, {
    message: '$property must be a BCP 47 language tag such as en or pt-BR',
    ...options,
  });
}

/** ISO 3166-1 alpha-2, upper case. */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return composeDecorators(
    IsISO31661Alpha2(options),
    Matches(/^[A-Z]{2}$/, { message: '$property must be an upper-case ISO 3166-1 alpha-2 code', ...options }),
  );
}

/** An amount of minor units JavaScript holds exactly: an integer within ±(2^53 - 1). */
export function IsSafeInteger(options?: ValidationOptions): PropertyDecorator {
  return custom(
    'isSafeInteger',
    (value) => typeof value === 'number' && Number.isSafeInteger(value),
    '$property must be a safe integer (at most 2^53 - 1)',
    options,
  );
}

export interface StringMapLimits {
  maxEntries?: number;
  maxKeyLength?: number;
  maxValueLength?: number;
}

/** A JSON object whose values are all strings (`attributes: { material: "cotton" }`). */
export function IsStringMap(limits: StringMapLimits = {}, options?: ValidationOptions): PropertyDecorator {
  const { maxEntries = 200, maxKeyLength = 100, maxValueLength = 1000 } = limits;
  return custom(
    'isStringMap',
    (value) =>
      isPlainObject(value) &&
      Object.keys(value).length <= maxEntries &&
      Object.entries(value).every(
        ([key, entry]) =>
          key.length > 0 && key.length <= maxKeyLength && typeof entry === 'string' && entry.length <= maxValueLength,
      ),
    `$property must be an object of at most ${maxEntries} names (1-${maxKeyLength} characters) to strings (at most ${maxValueLength} characters)`,
    options,
  );
}

export type Presence = 'required' | 'forbidden' | 'optional';

/**
 * A field whose presence depends on another: `refund` is required for a REFUND_ONLY proposal and forbidden for
 * NO_REFUND. The property's other validators run only when the value is present (or required).
 * `because` completes the message: "refund is required when type is REFUND_ONLY".
 */
export function PresenceDependsOn<T extends object>(
  rule: (object: T) => Presence,
  because: (object: T) => string,
): PropertyDecorator {
  return composeDecorators(
    ValidateIf((object: T, value: unknown) => value !== undefined || rule(object) === 'required'),
    custom(
      'presenceDependsOn',
      (value, args) => {
        const presence = rule(args.object as T);
        if (presence === 'required') return value !== undefined && value !== null;
        if (presence === 'forbidden') return value === undefined;
        return true;
      },
      (args) => {
        const presence = rule(args.object as T);
        return `${args.property} ${presence === 'required' ? 'is required' : 'must be absent'} when ${because(args.object as T)}`;
      },
    ),
  );
}

/** The actor's role must be one of `roles` (a seller cannot send a buyer's command). */
export function ActorRoleIn(roles: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return custom(
    'actorRoleIn',
    (value) =>
      typeof value === 'object' && value !== null && roles.includes((value as { role?: unknown }).role as string),
    `$property.role must be one of: ${roles.join(', ')}`,
    options,
  );
}

/** The value must be one of the sub-reasons listed for the reason held in `reasonProperty`. */
export function IsSubReasonOf(
  reasonProperty: string,
  lookup: (reason: string, subReason: string) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return custom(
    'isSubReasonOf',
    (value, args) =>
      typeof value === 'string' && lookup((args.object as Record<string, unknown>)[reasonProperty] as string, value),
    (args) => `$property must be a sub-reason of ${String((args.object as Record<string, unknown>)[reasonProperty])}`,
    options,
  );
}

/**
 * A nested object, when there is one (its presence is for the decorators before it: @IsDefined, @IsOptional,
 * @ValidateIf): a JSON object, never an array (class-validator's ValidateNested alone lets `"requested": []` through),
 * and valid itself, built as `type` by class-transformer. Every nested DTO is declared with this, Nested or NestedArray.
 */
export function NestedObject(type: () => ClassConstructor<object>): PropertyDecorator {
  return composeDecorators(IsObject({ message: '$property must be a JSON object' }), ValidateNested(), Type(type));
}

/** A required nested object: present, and a NestedObject. With @IsOptional before it, an optional one. */
export function Nested(type: () => ClassConstructor<object>): PropertyDecorator {
  return composeDecorators(IsDefined(), NestedObject(type));
}

/** An array of nested objects, each an object (not an array: `"skus": [[]]`) and valid, with bounds on its length. */
export function NestedArray(
  type: () => ClassConstructor<object>,
  bounds: { min?: number; max: number },
): PropertyDecorator {
  return composeDecorators(
    IsArray(),
    ArrayMinSize(bounds.min ?? 0),
    ArrayMaxSize(bounds.max),
    IsObject({ each: true, message: 'each of $property must be a JSON object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}
