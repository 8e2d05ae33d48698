import { randomFillSync } from 'node:crypto';
import { required } from './required';

/*
 * UUIDv7 (RFC 9562 section 5.7): 48-bit Unix milliseconds, then randomness, so ids sort by creation time and
 * index well. Generated here rather than with the `uuid` package: uuid 14 ships ES modules only, which jest's
 * CommonJS runtime cannot load without transforming node_modules. Within one millisecond the 12-bit `rand_a`
 * field is a counter seeded at random (RFC 9562 section 6.2, method 1), so ids from one process are strictly
 * increasing.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

let lastMs = -1;
let counter = 0;

/*
 * Randomness is drawn from the CSPRNG in batches (as Node's own randomUUID does) rather than with one call per id, and
 * each id gets bytes no other id gets: the same ids, for a fraction of the cost on a hot path minting several per
 * request.
 */
const RANDOM_BYTES = 10;
const POOL_SIZE = RANDOM_BYTES * 256;
let pool = new Uint8Array(0);
let poolOffset = 0;

/** The byte at `index` of a buffer at least that long (RANDOM_BYTES). */
const byteAt = (bytes: Uint8Array, index: number): number => required(bytes[index], `random byte ${index}`);

function freshRandom(): Uint8Array {
  if (poolOffset + RANDOM_BYTES > pool.length) {
    pool = randomFillSync(new Uint8Array(POOL_SIZE));
    poolOffset = 0;
  }
  poolOffset += RANDOM_BYTES;
  return pool.subarray(poolOffset - RANDOM_BYTES, poolOffset);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A new UUIDv7. Without `at`, ids from this process are strictly increasing (the clock stepping back included);
 * with `at` (Unix milliseconds, for tests and back-dated records) the id encodes exactly that instant.
 */
export function uuidv7(at?: number): string {
  const random = freshRandom();
  if (at !== undefined) return format(at, ((byteAt(random, 0) & 0x0f) << 8) | byteAt(random, 1), random);
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = ((byteAt(random, 0) & 0x07) << 8) | byteAt(random, 1); // start in the lower half so the counter has room to grow
  } else {
    counter += 1; // same millisecond, or the clock stepped back: keep the order by counting
    if (counter > 0xfff) {
      lastMs += 1;
      counter = 0;
    }
  }
  return format(lastMs, counter, random);
}

function format(ms: number, sequence: number, random: Uint8Array): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new RangeError(`${ms} is not a UUIDv7 timestamp`);
  const bytes = new Uint8Array(16);
  const high = Math.floor(ms / 2 ** 32);
  const low = ms >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (byteAt(random, 2) & 0x3f);
  bytes.set(random.subarray(3, 10), 9);
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Any RFC 9562 UUID (versions 1 to 8). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7_PATTERN.test(value);
}

/** The Unix milliseconds a UUIDv7 was minted at. */
export function uuidv7Timestamp(id: string): number {
  if (!UUID_V7_PATTERN.test(id)) throw new TypeError(`"${id}" is not a UUIDv7`);
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
