import {
  canonicalJson,
  chainHash,
  DISPUTE_EXPORT_FORMAT,
  GENESIS_HASH,
  verifyDisputeExport,
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
    rehashed.events[1].data = { forged: true };
    rehashed.events[1].hash = chainHash(rehashed.events[1]);
    const result = verifyDisputeExport(rehashed);
    expect(result.ok).toBe(false);
    expect(verifyDisputeExport('{')).toMatchObject({ ok: false });
    expect(verifyDisputeExport({ ...value, extra: 1 })).toMatchObject({ ok: false });
    expect(verifyDisputeExport({ ...value, events: [] })).toMatchObject({ ok: false });
  });
});
