import { IsDefined, IsIn, IsInt, IsOptional, Matches, MaxLength, Min } from 'class-validator';
import { ContractViolationError, type FieldError } from './errors';
import { isUuid, uuidv7 } from './ids';
import { isKnownType, subjectFieldOf, validatePayload, type PayloadOf } from './registry';
import type { MessageType } from './message-types';
import {
  EXTERNAL_ID,
  IsExternalId,
  IsSettleId,
  IsText,
  IsUtcInstant,
  isPlainObject,
  isUtcInstant,
  reservedKeys,
  validateAs,
} from './validation';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const DATA_CONTENT_TYPE = 'application/json';

/**
 * Every event and command on Kafka (and every webhook body): CloudEvents 1.0 attribute names in JSON
 * (docs/CONTRACT.md, "Events"), plus Settle's extensions `sellerid`, `correlationid`, `causationid`, `aggregateversion`
 * (CloudEvents allows only lower-case letters and digits in attribute names).
 */
export interface EventEnvelope<T = unknown> {
  /** UUIDv7 when Settle minted it; consumers accept any UUID. The inbox deduplicates on it. */
  id: string;
  type: string;
  /** The producing service, e.g. `dispute-intake`. */
  source: string;
  specversion: typeof CLOUDEVENTS_SPEC_VERSION;
  /** RFC 3339 UTC. */
  time: string;
  /** The aggregate id (disputeId, listingId or orderId): also the Kafka key. */
  subject: string;
  datacontenttype: typeof DATA_CONTENT_TYPE;
  data: T;
  /** The seller concerned, so webhooks and seller-scoped reads need not open `data`. */
  sellerid?: string;
  /** Shared by everything one request caused, across services. */
  correlationid: string;
  /** The id of the event or command that caused this one. */
  causationid?: string;
  /** The aggregate's version after this event (a dispute's `version`). */
  aggregateversion?: number;
}

/**
 * The extension attributes' names before they followed CloudEvents 1.0 (camelCase), and their names now. A consumer
 * still reads the old spelling (parseEnvelope renames it), so nothing produced before the change is lost.
 */
export const LEGACY_EXTENSION_NAMES = {
  sellerId: 'sellerid',
  correlationId: 'correlationid',
  causationId: 'causationid',
  aggregateVersion: 'aggregateversion',
} as const;

/** An envelope whose type is known, with its payload typed. */
export type TypedEnvelope<T extends MessageType> = EventEnvelope<PayloadOf<T>> & { type: T };

/** What createEnvelope builds an envelope from (the extensions as the code names them; the envelope spells them as CloudEvents does). */
export interface CreateEnvelopeInput<T> {
  type: string;
  source: string;
  subject: string;
  data: T;
  sellerId?: string;
  correlationId?: string;
  causationId?: string;
  aggregateVersion?: number;
  id?: string;
  time?: string;
}

const EVENT_TYPE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;

/** Validates what a consumer receives. Unknown attributes are refused, like unknown fields everywhere. */
export class EventEnvelopeDto implements EventEnvelope {
  @IsSettleId()
  id!: string;

  @MaxLength(200)
  @Matches(EVENT_TYPE, {
    message: '$property must be a dotted type such as dispute.opened',
  })
  type!: string;

  @IsText(200)
  source!: string;

  @IsIn([CLOUDEVENTS_SPEC_VERSION])
  specversion!: typeof CLOUDEVENTS_SPEC_VERSION;

  @IsUtcInstant()
  time!: string;

  @IsText(200)
  subject!: string;

  @IsIn([DATA_CONTENT_TYPE])
  datacontenttype!: typeof DATA_CONTENT_TYPE;

  @IsDefined()
  data!: unknown;

  @IsOptional()
  @IsExternalId()
  sellerid?: string;

  @IsText(200)
  correlationid!: string;

  @IsOptional()
  @IsText(200)
  causationid?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  aggregateversion?: number;
}

export interface EnvelopeOptions {
  /**
   * Also validate the payload: for a type this library knows, `data` must pass its class and `subject` must equal
   * its aggregate id (types it does not know pass with the envelope checked only). Default: true when parsing
   * (every consumed message), false when creating: the outbox checks the attributes only (its payloads are typed
   * where they are built, and the plain check below is what keeps it fast), while the test harnesses opt in so a
   * malformed sample fails where it is made rather than in a consumer's dead-letter topic.
   */
  validateData?: boolean;
}

/**
 * Builds an envelope (id UUIDv7, time now, correlationId a new UUIDv7 unless given) and checks its attributes;
 * throws a ContractViolationError when they (or, with `validateData`, the payload) break the contract.
 */
export function createEnvelope<T>(input: CreateEnvelopeInput<T>, options: EnvelopeOptions = {}): EventEnvelope<T> {
  const envelope: EventEnvelope<T> = {
    id: input.id ?? uuidv7(),
    type: input.type,
    source: input.source,
    specversion: CLOUDEVENTS_SPEC_VERSION,
    time: input.time ?? new Date().toISOString(),
    subject: input.subject,
    datacontenttype: DATA_CONTENT_TYPE,
    data: input.data,
    correlationid: input.correlationId ?? uuidv7(),
  };
  if (input.sellerId !== undefined) envelope.sellerid = input.sellerId;
  if (input.causationId !== undefined) envelope.causationid = input.causationId;
  if (input.aggregateVersion !== undefined) envelope.aggregateversion = input.aggregateVersion;
  const validateData = options.validateData ?? false;
  // The common case, an envelope a service builds from well-formed values, passes the plain checks below at a
  // fraction of class-validator's cost (the outbox builds thousands per second); anything they do not vouch for is
  // decided, and explained, by the full validation.
  if (!validateData && attributesPlainlyValid(envelope)) return envelope;
  const errors = envelopeErrors(envelope, { validateData });
  if (errors.length > 0) throw new ContractViolationError(errors, `invalid ${input.type} envelope`);
  return envelope;
}

function isText200(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

/**
 * A sufficient condition for EventEnvelopeDto to accept an envelope createEnvelope built (its own keys, its constants):
 * never true where the DTO would refuse (a property test holds the two together); false only sends the envelope to
 * the full validation.
 */
export function attributesPlainlyValid(envelope: EventEnvelope): boolean {
  return (
    isUuid(envelope.id) &&
    typeof envelope.type === 'string' &&
    envelope.type.length <= 200 &&
    EVENT_TYPE.test(envelope.type) &&
    isText200(envelope.source) &&
    isUtcInstant(envelope.time) &&
    isText200(envelope.subject) &&
    envelope.data !== undefined &&
    envelope.data !== null &&
    isText200(envelope.correlationid) &&
    (envelope.sellerid === undefined ||
      (typeof envelope.sellerid === 'string' && EXTERNAL_ID.test(envelope.sellerid))) &&
    (envelope.causationid === undefined || isText200(envelope.causationid)) &&
    (envelope.aggregateversion === undefined ||
      (Number.isInteger(envelope.aggregateversion) && envelope.aggregateversion >= 0)) &&
    reservedKeys(envelope, '').length === 0
  );
}

/**
 * JSON-parses and validates a received message; throws ContractViolationError naming every bad field. The
 * extensions' old camelCase names are read as their CloudEvents names (LEGACY_EXTENSION_NAMES).
 */
export function parseEnvelope(raw: Buffer | Uint8Array | string, options: EnvelopeOptions = {}): EventEnvelope {
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ContractViolationError([{ field: '', message: `is not valid JSON (${(error as Error).message})` }]);
  }
  parsed = withCloudEventsNames(parsed);
  const errors = envelopeErrors(parsed, options);
  if (errors.length > 0) throw new ContractViolationError(errors);
  return parsed as EventEnvelope;
}

/**
 * An envelope written before the extensions followed CloudEvents 1.0, with their names as they are now. Both
 * spellings at once must agree; a disagreement is left for the validation to refuse (as an unknown attribute).
 */
export function withCloudEventsNames(candidate: unknown): unknown {
  if (!isPlainObject(candidate)) return candidate;
  const legacy = Object.keys(LEGACY_EXTENSION_NAMES).filter((name) => Object.hasOwn(candidate, name));
  if (legacy.length === 0) return candidate;
  const renamed: Record<string, unknown> = { ...candidate };
  for (const name of legacy as (keyof typeof LEGACY_EXTENSION_NAMES)[]) {
    const current = LEGACY_EXTENSION_NAMES[name];
    if (renamed[current] === undefined) renamed[current] = renamed[name];
    if (renamed[current] === renamed[name]) delete renamed[name];
  }
  return renamed;
}

/** Narrows a parsed envelope to a known type (its payload already validated by parseEnvelope). */
export function isEnvelopeOf<T extends MessageType>(envelope: EventEnvelope, type: T): envelope is TypedEnvelope<T> {
  return envelope.type === type;
}

const DATA_STAND_IN = Object.freeze({});

function envelopeErrors(candidate: unknown, options: EnvelopeOptions): FieldError[] {
  if (!isPlainObject(candidate)) return [{ field: '', message: 'must be a JSON object (an event envelope)' }];
  // The envelope's own rules ask of `data` only that it is there (its class, below, checks the rest): validated with a
  // stand-in for a present `data`, after the reserved names of the whole envelope, the answer is the same, without
  // class-transformer first copying the whole payload.
  const reserved = reservedKeys(candidate, '');
  if (reserved.length > 0) return reserved;
  const present = candidate.data !== undefined && candidate.data !== null;
  const result = validateAs(EventEnvelopeDto, present ? { ...candidate, data: DATA_STAND_IN } : candidate);
  if (!result.ok) return result.errors;
  const envelope = candidate as unknown as EventEnvelope;
  if (options.validateData === false || !isKnownType(envelope.type)) return [];
  const payload = validatePayload(envelope.type, envelope.data);
  if (!payload.ok) {
    return payload.errors.map((error) => ({
      field: error.field ? `data.${error.field}` : 'data',
      message: error.message,
    }));
  }
  const subjectField = subjectFieldOf(envelope.type);
  const aggregateId = (envelope.data as Record<string, unknown>)[subjectField];
  if (aggregateId !== envelope.subject) {
    return [{ field: 'subject', message: `must equal data.${subjectField} (${String(aggregateId)})` }];
  }
  return [];
}
