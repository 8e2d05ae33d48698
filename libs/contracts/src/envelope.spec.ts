import fc from 'fast-check';
import {
  attributesPlainlyValid,
  CommandType,
  EventEnvelopeDto,
  ContractViolationError,
  EventType,
  createEnvelope,
  isEnvelopeOf,
  isUuidV7,
  parseEnvelope,
  type EventEnvelope,
  validateAs,
} from '@settle/contracts';
import { SAMPLE_IDS, eventSamples, sampleEnvelope } from '@settle/contracts/testing';

function violation(run: () => unknown): ContractViolationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected a ContractViolationError');
}

const fields = (error: ContractViolationError) => error.errors.map((entry) => entry.field);

describe('createEnvelope', () => {
  const base = {
    type: 'dispute.opened',
    source: 'dispute-intake',
    subject: SAMPLE_IDS.disputeId,
    data: eventSamples['dispute.opened'](),
  };

  it('fills the CloudEvents attributes and mints ids', () => {
    const before = Date.now();
    const envelope = createEnvelope(base);
    expect(envelope).toMatchObject({
      type: 'dispute.opened',
      source: 'dispute-intake',
      specversion: '1.0',
      subject: SAMPLE_IDS.disputeId,
      datacontenttype: 'application/json',
      data: base.data,
    });
    expect(isUuidV7(envelope.id)).toBe(true);
    expect(isUuidV7(envelope.correlationid)).toBe(true);
    expect(envelope.correlationid).not.toBe(envelope.id);
    expect(envelope.time).toMatch(/Z$/);
    expect(Date.parse(envelope.time)).toBeGreaterThanOrEqual(before - 1);
    expect(Object.keys(envelope)).not.toEqual(expect.arrayContaining(['sellerid', 'causationid', 'aggregateversion']));
  });

  it('keeps what the producer gives', () => {
    const envelope = createEnvelope({
      ...base,
      id: '01958a1e-6c00-7a10-8000-00000000aaaa',
      time: '2025-03-14T09:00:00Z',
      sellerId: 'S-1',
      correlationId: 'req-7f3a',
      causationId: '01958a1e-6c00-7a10-8000-00000000bbbb',
      aggregateVersion: 1,
    });
    expect(envelope).toMatchObject({
      id: '01958a1e-6c00-7a10-8000-00000000aaaa',
      time: '2025-03-14T09:00:00Z',
      sellerid: 'S-1',
      correlationid: 'req-7f3a',
      causationid: '01958a1e-6c00-7a10-8000-00000000bbbb',
      aggregateversion: 1,
    });
    // CloudEvents 1.0: attribute names are lower-case letters and digits only.
    expect(Object.keys(envelope).filter((name) => !/^[a-z0-9]+$/.test(name))).toEqual([]);
  });

  it('refuses malformed attributes where the event is produced', () => {
    const error = violation(() => createEnvelope({ ...base, subject: '', time: '2025-03-14 09:00', id: 'x' }));
    expect(fields(error).sort()).toEqual(['id', 'subject', 'time']);
    expect(error.message).toMatch(/invalid dispute\.opened envelope/);
  });

  it('leaves the payload to the consumer unless asked to check it', () => {
    const bench = { ...base, data: { disputeId: SAMPLE_IDS.disputeId, note: 'not a real payload' } };
    expect(() => createEnvelope(bench)).not.toThrow();
    const error = violation(() => createEnvelope(bench, { validateData: true }));
    expect(fields(error)).toEqual(expect.arrayContaining(['data.note', 'data.orderId']));
  });

  it('with validateData, requires the subject to be the aggregate id', () => {
    const error = violation(() => createEnvelope({ ...base, subject: 'another-dispute' }, { validateData: true }));
    expect(error.errors).toEqual([
      { field: 'subject', message: `must equal data.disputeId (${SAMPLE_IDS.disputeId})` },
    ]);
  });
});

describe('attributesPlainlyValid (the fast path of createEnvelope)', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 210 }),
    fc.constantFrom('', ' ', 'dispute.opened', 'Dispute.Opened', 'a.b', 'x'.repeat(200), 'x'.repeat(201), '__proto__'),
  );
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const anything = fc.oneof(text, fc.integer(), fc.double(), fc.constant(null), fc.boolean());
  const candidate = fc.record({
    id: fc.oneof(fc.uuid(), text),
    type: text,
    source: text,
    specversion: fc.constant('1.0' as const),
    time: fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      text,
      fc.constantFrom('2025-01-31T09:30:00Z', '2025-01-31 09:30:00', '2025-02-30T00:00:00Z'),
    ),
    subject: text,
    datacontenttype: fc.constant('application/json' as const),
    data: fc.oneof(fc.dictionary(fc.constantFrom('a', 'b', 'constructor', '__proto__'), anything), fc.constant(null)),
    correlationid: text,
    sellerid: maybe(fc.oneof(text, fc.constant(null as unknown as string))),
    causationid: maybe(text),
    aggregateversion: maybe(fc.oneof(fc.integer({ min: -3, max: 1_000 }), fc.double())),
  });

  it('never vouches for an envelope that EventEnvelopeDto refuses', () => {
    fc.assert(
      fc.property(candidate, (envelope) => {
        const plain = Object.fromEntries(Object.entries(envelope).filter(([, value]) => value !== undefined));
        if (attributesPlainlyValid(plain as unknown as EventEnvelope)) {
          const data = plain.data === null || plain.data === undefined ? plain.data : {};
          expect(validateAs(EventEnvelopeDto, { ...plain, data }).ok).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('vouches for the envelopes services build, so they skip the full validation', () => {
    expect(attributesPlainlyValid(sampleEnvelope('dispute.opened'))).toBe(true);
    expect(attributesPlainlyValid({ ...sampleEnvelope('dispute.opened'), sellerid: 'S 1' })).toBe(false);
  });
});

describe('parseEnvelope', () => {
  it('parses and validates a string or a Buffer', () => {
    const sent = sampleEnvelope('dispute.opened');
    const json = JSON.stringify(sent);
    expect(parseEnvelope(json)).toEqual(sent);
    expect(parseEnvelope(Buffer.from(json))).toEqual(sent);
  });

  it('round-trips an envelope of every known type', () => {
    for (const type of [...Object.values(EventType), ...Object.values(CommandType)]) {
      const sent = sampleEnvelope(type);
      expect(parseEnvelope(JSON.stringify(sent))).toEqual(sent);
    }
  });

  it('narrows a parsed envelope to its type', () => {
    const parsed: EventEnvelope = parseEnvelope(JSON.stringify(sampleEnvelope('order.paid')));
    expect(isEnvelopeOf(parsed, 'order.paid') && parsed.data.amount.currency).toBe('USD');
    expect(isEnvelopeOf(parsed, 'order.shipped')).toBe(false);
  });

  it.each([
    ['not JSON', '{"id":', ''],
    ['empty', '', ''],
    ['an array', '[]', ''],
    ['a JSON string', '"hello"', ''],
  ])('refuses %s', (_what, raw, field) => {
    const error = violation(() => parseEnvelope(raw));
    expect(fields(error)).toEqual([field]);
  });

  it('names every missing attribute', () => {
    const error = violation(() => parseEnvelope('{}'));
    expect(fields(error).sort()).toEqual(
      ['correlationid', 'data', 'datacontenttype', 'id', 'source', 'specversion', 'subject', 'time', 'type'].sort(),
    );
  });

  it.each<[string, Partial<Record<keyof EventEnvelope, unknown>>, string]>([
    ['a non-UUID id', { id: 'evt-1' }, 'id'],
    ['another spec version', { specversion: '0.3' }, 'specversion'],
    ['another content type', { datacontenttype: 'text/xml' }, 'datacontenttype'],
    ['a local time', { time: '2025-03-14T09:00:00+02:00' }, 'time'],
    ['an impossible date', { time: '2025-02-30T09:00:00Z' }, 'time'],
    ['an undotted type', { type: 'DisputeOpened' }, 'type'],
    ['a negative aggregate version', { aggregateversion: -1 }, 'aggregateversion'],
    ['a fractional aggregate version', { aggregateversion: 1.5 }, 'aggregateversion'],
    ['an empty correlation id', { correlationid: '' }, 'correlationid'],
    ['a seller id with spaces', { sellerid: 'S 1' }, 'sellerid'],
  ])('refuses %s', (_what, overrides, field) => {
    const raw = JSON.stringify({ ...sampleEnvelope('order.paid'), ...overrides });
    expect(fields(violation(() => parseEnvelope(raw)))).toEqual([field]);
  });

  it("reads an envelope written with the extensions' old camelCase names (in flight during the change) as today's", () => {
    const sent = createEnvelope({
      type: 'order.paid',
      source: 'marketplace',
      subject: sampleEnvelope('order.paid').subject,
      data: sampleEnvelope('order.paid').data,
      sellerId: 'S-1',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      aggregateVersion: 3,
    });
    const { sellerid, correlationid, causationid, aggregateversion, ...rest } = sent;
    const legacy = {
      ...rest,
      sellerId: sellerid,
      correlationId: correlationid,
      causationId: causationid,
      aggregateVersion: aggregateversion,
    };
    expect(parseEnvelope(JSON.stringify(legacy))).toEqual(sent);
    // Both spellings of one attribute that agree are one attribute; that disagree, a refusal naming the old one.
    expect(parseEnvelope(JSON.stringify({ ...sent, sellerId: 'S-1' }))).toEqual(sent);
    expect(fields(violation(() => parseEnvelope(JSON.stringify({ ...sent, sellerId: 'S-2' }))))).toEqual(['sellerId']);
    // An old-spelling value is validated as the attribute it is.
    expect(fields(violation(() => parseEnvelope(JSON.stringify({ ...legacy, aggregateVersion: -1 }))))).toEqual([
      'aggregateversion',
    ]);
  });

  it('refuses unknown attributes rather than dropping them', () => {
    const raw = JSON.stringify({ ...sampleEnvelope('order.paid'), traceparent: '00-abc' });
    expect(violation(() => parseEnvelope(raw)).errors).toEqual([
      { field: 'traceparent', message: 'is not a known field' },
    ]);
  });

  it('refuses a reserved key smuggled into the payload', () => {
    const raw = JSON.stringify(sampleEnvelope('order.paid')).replace(
      '"orderId"',
      '"__proto__":{"polluted":true},"orderId"',
    );
    expect(fields(violation(() => parseEnvelope(raw)))).toEqual(['data.__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('validates the payload of a known type, naming fields under data', () => {
    const envelope = sampleEnvelope('dispute.opened');
    const raw = JSON.stringify({
      ...envelope,
      data: { ...envelope.data, requested: { type: 'REFUND_ONLY', refund: { amountMinor: 9.99, currency: 'USD' } } },
    });
    const error = violation(() => parseEnvelope(raw));
    expect(error.errors).toEqual([
      { field: 'data.requested.refund.amountMinor', message: 'amountMinor must be an integer number' },
    ]);
    expect(error.message).toMatch(/data\.requested\.refund\.amountMinor amountMinor must be an integer number/);
  });

  it('refuses a subject that is not the payload aggregate id', () => {
    const raw = JSON.stringify(sampleEnvelope('order.paid', undefined, { subject: 'ORD-OTHER' }));
    expect(violation(() => parseEnvelope(raw)).errors).toEqual([
      { field: 'subject', message: 'must equal data.orderId (ORD-1001)' },
    ]);
  });

  it('passes an unknown type with the envelope checked only', () => {
    const sent = createEnvelope({
      type: 'payment.received',
      source: 'spec',
      subject: 'acc-1',
      data: { account: 'acc-1' },
    });
    expect(parseEnvelope(JSON.stringify(sent))).toEqual(sent);
  });

  it('skips the payload when told to', () => {
    const raw = JSON.stringify({ ...sampleEnvelope('order.paid'), data: { anything: true } });
    expect(() => parseEnvelope(raw)).toThrow(ContractViolationError);
    expect(parseEnvelope(raw, { validateData: false }).data).toEqual({ anything: true });
  });

  it('summarises the errors in its message and carries a code', () => {
    const error = violation(() => parseEnvelope('{}'));
    expect(error.code).toBe('CONTRACT_VIOLATION');
    expect(error.name).toBe('ContractViolationError');
    expect(error.message).toMatch(/message does not honour the contract: .*and \d+ more/);
  });
});
