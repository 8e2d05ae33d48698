import { required } from './required';
import {
  canonicalJson,
  chainHash,
  DISPUTE_EXPORT_FORMAT,
  evidenceArchivePath,
  GENESIS_HASH,
  verifyDisputeExport,
  verifyEvidenceFiles,
  type ChainedEvent,
} from './export-verifier';

function bundle(count = 3) {
  const events: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let version = 1; version <= count; version += 1) {
    const link = {
      disputeId: 'd-1',
      version,
      eventId: `e-${version}`,
      type: version === 1 ? 'dispute.opened' : 'dispute.proposal_submitted',
      occurredAt: `2025-07-1${version}T10:00:00.000Z`,
      data: { version, refund: { amountMinor: 999 * version, currency: 'USD' }, note: 'café ✓' },
      prevHash,
    };
    const hash = chainHash(link);
    events.push({ ...link, hash });
    prevHash = hash;
  }
  return {
    format: DISPUTE_EXPORT_FORMAT,
    disputeId: 'd-1',
    exportedAt: '2025-08-01T00:00:00.000Z',
    events,
    headHash: prevHash,
  };
}

describe('verifyDisputeExport', () => {
  it('verifies a well-formed bundle, from its text or its value', () => {
    const value = bundle();
    expect(verifyDisputeExport(value)).toEqual({ ok: true, disputeId: 'd-1', events: 3, headHash: value.headHash });
    expect(verifyDisputeExport(JSON.stringify(value, null, 2)).ok).toBe(true);
  });

  it('hashes canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }] })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });

  it('fails after any byte of an event is changed', () => {
    const text = JSON.stringify(bundle());
    const start = text.indexOf('"events":[') + 10;
    const end = text.indexOf('],"headHash"');
    for (let index = start; index < end; index += 1) {
      const changed = text.slice(0, index) + (text[index] === 'a' ? 'b' : 'a') + text.slice(index + 1);
      expect(verifyDisputeExport(changed).ok).toBe(false);
    }
  });

  it('names what is wrong: a removed, reordered or re-hashed event, a wrong head, bad JSON', () => {
    const value = bundle();
    const removed = { ...value, events: [value.events[0], value.events[2]] };
    expect(verifyDisputeExport(removed)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining(['events[1].version must be 2']),
    });
    const truncated = { ...value, events: value.events.slice(0, 2) };
    expect(verifyDisputeExport(truncated)).toEqual({ ok: false, errors: ["headHash is not the last event's hash"] });
    const rehashed = structuredClone(value);
    const forged = required(rehashed.events[1], 'the second event');
    forged.data = { forged: true };
    forged.hash = chainHash(forged);
    const result = verifyDisputeExport(rehashed);
    expect(result.ok).toBe(false);
    expect(verifyDisputeExport('{')).toMatchObject({ ok: false });
    expect(verifyDisputeExport({ ...value, extra: 1 })).toMatchObject({ ok: false });
    expect(verifyDisputeExport({ ...value, events: [] })).toMatchObject({ ok: false });
  });
});

describe('verifyEvidenceFiles: the files of an export archive against the hashes in the chain', () => {
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);
  const link = (index: number, data: Record<string, unknown>): ChainedEvent => ({
    disputeId: 'd-1',
    version: index,
    eventId: `e-${index}`,
    type: 'evidence.added',
    occurredAt: '2025-07-11T10:00:00.000Z',
    data,
    prevHash: GENESIS_HASH,
    hash: GENESIS_HASH,
  });
  const events = [
    link(1, { evidenceId: 'ev-1', contentType: 'image/jpeg', sha256: A, preserved: true }),
    link(2, { evidenceId: 'ev-2', contentType: 'video/mp4', sha256: B, preserved: true }),
    link(3, { evidenceId: 'ev-3', url: 'https://gone.example.com/x.jpg', preserved: false }),
  ];

  it('accepts every named file with its recorded digest (an unpreserved URL names no file)', () => {
    const digests = new Map([
      [evidenceArchivePath('ev-1', 'image/jpeg'), A],
      ['evidence/ev-2.mp4', B],
    ]);
    expect(verifyEvidenceFiles({ events }, digests)).toEqual({ ok: true, files: 2, errors: [] });
  });

  it('names a changed file, a missing one and one the chain does not name', () => {
    const digests = new Map([
      ['evidence/ev-1.jpg', B],
      ['evidence/extra.pdf', A],
    ]);
    expect(verifyEvidenceFiles({ events }, digests).errors).toEqual([
      'evidence/ev-1.jpg does not match the SHA-256 events[0] records: the file was changed',
      'evidence/ev-2.mp4 is missing (events[1] records it)',
      'evidence/extra.pdf is not named by any evidence.added link of the chain',
    ]);
  });
});
