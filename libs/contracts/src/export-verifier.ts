import { createHash } from 'node:crypto';

/*
 * The tamper-evident history of a dispute (docs/DOMAIN.md, "What no other dispute system offers"): each event of a
 * dispute records the SHA-256 of the one before it, so the export bundle can be checked offline by anyone who
 * holds it. dispute-intake computes the chain with `chainHash`; `verifyDisputeExport` checks a bundle.
 */

export const DISPUTE_EXPORT_FORMAT = 'settle.dispute-export.v1';
/** The `prevHash` of a dispute's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One link of the chain: an event of the dispute as published, or a message posted on it (`message.posted`), with
 * its hash and the previous one's.
 */
export interface ChainedEvent {
  disputeId: string;
  /** The link's place in the dispute's chain, 1, 2, 3... (an event's own dispute version is in its `data`). */
  version: number;
  eventId: string;
  type: string;
  /** RFC 3339 UTC. */
  occurredAt: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

export interface DisputeExportBundle {
  format: typeof DISPUTE_EXPORT_FORMAT;
  disputeId: string;
  exportedAt: string;
  /** Every event of the dispute, oldest first. */
  events: ChainedEvent[];
  /** The hash of the last event: what a party keeps to prove later that nothing was appended or removed. */
  headHash: string;
}

export type ExportVerification =
  { ok: true; disputeId: string; events: number; headHash: string } | { ok: false; errors: string[] };

/**
 * JSON with object keys sorted at every level and no whitespace: the same value always gives the same bytes,
 * whatever order a database or a parser left its keys in. Refuses what JSON cannot carry exactly.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON holds finite numbers only');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}

/** The hash of one link: SHA-256 (hex) of the canonical JSON of every field but `hash`. */
export function chainHash(link: Omit<ChainedEvent, 'hash'>): string {
  const material = {
    disputeId: link.disputeId,
    version: link.version,
    eventId: link.eventId,
    type: link.type,
    occurredAt: link.occurredAt,
    data: link.data,
    prevHash: link.prevHash,
  };
  return createHash('sha256').update(canonicalJson(material), 'utf8').digest('hex');
}

const LINK_KEYS = ['data', 'disputeId', 'eventId', 'hash', 'occurredAt', 'prevHash', 'type', 'version'];
const BUNDLE_KEYS = ['disputeId', 'events', 'exportedAt', 'format', 'headHash'];
const HEX64 = /^[0-9a-f]{64}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKeys(value: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(value).sort();
  return own.length === keys.length && own.every((key, index) => key === keys[index]);
}

/**
 * Checks an export bundle offline: its shape, that every event belongs to the dispute, that versions run 1, 2, 3...
 * without a gap, that every `prevHash` is the previous event's `hash` (the first one's is GENESIS_HASH), that every
 * `hash` is the hash of its event, and that `headHash` is the last one. Takes the file's text or a parsed value.
 */
export function verifyDisputeExport(input: unknown): ExportVerification {
  let bundle: unknown = input;
  if (typeof input === 'string') {
    try {
      bundle = JSON.parse(input);
    } catch (error) {
      return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
    }
  }
  if (!isObject(bundle) || !sameKeys(bundle, BUNDLE_KEYS)) {
    return { ok: false, errors: [`a bundle is an object with exactly: ${BUNDLE_KEYS.join(', ')}`] };
  }
  const errors: string[] = [];
  if (bundle.format !== DISPUTE_EXPORT_FORMAT) errors.push(`format must be ${DISPUTE_EXPORT_FORMAT}`);
  if (typeof bundle.disputeId !== 'string') errors.push('disputeId must be a string');
  if (!Array.isArray(bundle.events) || bundle.events.length === 0) {
    return { ok: false, errors: [...errors, 'events must be a non-empty list'] };
  }
  let previous = GENESIS_HASH;
  bundle.events.forEach((link: unknown, index) => {
    const where = `events[${index}]`;
    if (!isObject(link) || !sameKeys(link, LINK_KEYS)) {
      errors.push(`${where} must have exactly: ${LINK_KEYS.join(', ')}`);
      previous = '';
      return;
    }
    if (link.disputeId !== bundle.disputeId) errors.push(`${where}.disputeId is not the bundle's dispute`);
    if (link.version !== index + 1) errors.push(`${where}.version must be ${index + 1}`);
    for (const field of ['eventId', 'type', 'occurredAt'] as const) {
      if (typeof link[field] !== 'string') errors.push(`${where}.${field} must be a string`);
    }
    if (link.prevHash !== previous) errors.push(`${where}.prevHash does not match the previous event's hash`);
    if (typeof link.hash !== 'string' || !HEX64.test(link.hash)) {
      errors.push(`${where}.hash must be a SHA-256 hex digest`);
    } else {
      let expected: string | undefined;
      try {
        expected = chainHash(link as unknown as ChainedEvent);
      } catch (error) {
        errors.push(`${where} cannot be hashed: ${(error as Error).message}`);
      }
      if (expected !== undefined && expected !== link.hash) {
        errors.push(`${where}.hash does not match its content: the event was changed`);
      }
    }
    previous = typeof link.hash === 'string' ? link.hash : '';
  });
  if (bundle.headHash !== previous) errors.push("headHash is not the last event's hash");
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, disputeId: bundle.disputeId as string, events: bundle.events.length, headHash: previous };
}

/** Where an evidence file sits in an export archive: `evidence/<evidenceId>.<extension of its type>`. */
export const EVIDENCE_ARCHIVE_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
};

export function evidenceArchivePath(evidenceId: string, contentType: string): string {
  return `evidence/${evidenceId}.${EVIDENCE_ARCHIVE_EXTENSIONS[contentType] ?? 'bin'}`;
}

/**
 * Checks the evidence files of an export archive against the chain: every preserved `evidence.added` link names a
 * file (`evidenceArchivePath`) whose SHA-256 must be the one the link recorded, and the archive holds no file the
 * chain does not name. `digests` maps each file's path in the archive to the SHA-256 (hex) of its bytes. The bundle
 * itself is checked by verifyDisputeExport; call both.
 */
export function verifyEvidenceFiles(
  bundle: Pick<DisputeExportBundle, 'events'>,
  digests: ReadonlyMap<string, string>,
): { ok: boolean; files: number; errors: string[] } {
  const errors: string[] = [];
  const named = new Set<string>();
  bundle.events.forEach((link, index) => {
    if (link.type !== 'evidence.added' || !isObject(link.data) || link.data.preserved !== true) return;
    const { evidenceId, contentType, sha256 } = link.data;
    if (typeof evidenceId !== 'string' || typeof contentType !== 'string' || typeof sha256 !== 'string') {
      errors.push(`events[${index}] names evidence without its id, type or SHA-256`);
      return;
    }
    const path = evidenceArchivePath(evidenceId, contentType);
    named.add(path);
    const digest = digests.get(path);
    if (digest === undefined) errors.push(`${path} is missing (events[${index}] records it)`);
    else if (digest !== sha256) {
      errors.push(`${path} does not match the SHA-256 events[${index}] records: the file was changed`);
    }
  });
  for (const path of digests.keys()) {
    if (!named.has(path)) errors.push(`${path} is not named by any evidence.added link of the chain`);
  }
  return { ok: errors.length === 0, files: named.size, errors };
}
