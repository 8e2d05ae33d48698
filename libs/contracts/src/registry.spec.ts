import {
  COMMAND_TYPES,
  EVENT_TOPIC,
  EVENT_TYPES,
  PAYLOAD_CLASSES,
  Topics,
  assertPayload,
  ContractViolationError,
  topicOf,
  validatePayload,
  type CommandType,
  type EventType,
  type FieldError,
  type MessageType,
} from '@settle/contracts';
import { commandSamples, eventSamples, samplePayload } from '@settle/contracts/testing';

const REMOVE = Symbol('remove');
type Edit = [path: string, value: unknown];

/** Applies `edits` (dotted paths, array indexes as numbers) to a fresh valid sample. */
function broken(type: MessageType, edits: Edit[]): unknown {
  const sample = samplePayload(type) as unknown as Record<string, unknown>;
  for (const [path, value] of edits) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let target = sample;
    for (const key of keys) target = target[key] as Record<string, unknown>;
    if (value === REMOVE) delete target[last];
    else target[last] = value;
  }
  return sample;
}

function errorsOf(type: MessageType, data: unknown): FieldError[] {
  const result = validatePayload(type, data);
  if (result.ok) throw new Error(`${type}: expected the payload to be refused`);
  return result.errors;
}

const ALL_TYPES: MessageType[] = [...EVENT_TYPES, ...COMMAND_TYPES];
const money = (amountMinor: unknown, currency: unknown = 'USD') => ({ amountMinor, currency });

/** At least one broken sample per type: what is wrong, the edits, and the field the error must name. */
const BROKEN: [MessageType, string, Edit[], string][] = [
  [
    'dispute.opened',
    'a sub-reason of another reason',
    [
      ['subReason', 'DAMAGED'],
      ['reason', 'NOT_RECEIVED'],
    ],
    'subReason',
  ],
  ['dispute.opened', 'a refund in a float', [['requested.refund', money(9.99)]], 'requested.refund.amountMinor'],
  ['dispute.opened', 'evidence by FTP', [['evidence.0.url', 'ftp://files.example.com/a.jpg']], 'evidence.0.url'],
  ['dispute.opened', 'an unknown evidence kind', [['evidence.0.kind', 'AUDIO']], 'evidence.0.kind'],
  ['dispute.opened', 'no order snapshot', [['order', REMOVE]], 'order'],
  ['dispute.opened', 'a lower-case country', [['order.buyerCountry', 'fr']], 'order.buyerCountry'],
  [
    'dispute.opened',
    'a listing lot of one',
    [['listingAtPurchase.listing.saleUnit.piecesPerLot', 1]],
    'listingAtPurchase.listing.saleUnit.piecesPerLot',
  ],
  ['dispute.opened', 'a non-locale buyer locale', [['buyerLocale', 'French']], 'buyerLocale'],
  ['dispute.opened', 'a dispute id that is not a UUID', [['disputeId', 'D-1']], 'disputeId'],
  [
    'dispute.seller_responded',
    'a rejection without a counter-proposal',
    [['counterProposal', REMOVE]],
    'counterProposal',
  ],
  ['dispute.seller_responded', 'an acceptance with a counter-proposal', [['action', 'ACCEPT']], 'counterProposal'],
  ['dispute.seller_responded', 'a rejection without a message', [['message', REMOVE]], 'message'],
  ['dispute.proposal_submitted', 'NO_REFUND with a refund', [['proposal.type', 'NO_REFUND']], 'proposal.refund'],
  [
    'dispute.proposal_submitted',
    'an expiry in local time',
    [['proposal.expiresAt', '2025-03-20 09:00']],
    'proposal.expiresAt',
  ],
  ['dispute.proposal_submitted', 'an unknown proposer', [['proposal.by', 'STAFF']], 'proposal.by'],
  ['dispute.agreed', 'version 0', [['version', 0]], 'version'],
  ['dispute.agreed', 'an unknown status', [['status', 'SETTLED']], 'status'],
  ['dispute.auto_accepted', 'a deadline id that is not a UUID', [['deadlineId', 'abc']], 'deadlineId'],
  ['dispute.escalated', 'an unknown cause', [['cause', 'ANGRY_BUYER']], 'cause'],
  [
    'dispute.escalated',
    'a deadline without dueAt or remainingMs',
    [['deadlines.0.dueAt', REMOVE]],
    'deadlines.0.dueAt',
  ],
  ['dispute.ruled', 'a ruling citing nothing', [['ruling.citations', []]], 'ruling.citations'],
  ['dispute.ruled', 'a partial refund without an amount', [['ruling.refund', REMOVE]], 'ruling.refund'],
  ['dispute.ruled', "a seller's-favour ruling with a refund", [['ruling.outcome', 'SELLER_FAVOUR']], 'ruling.refund'],
  ['dispute.ruled', 'an unknown citation kind', [['ruling.citations.0.kind', 'HUNCH']], 'ruling.citations.0.kind'],
  ['dispute.return_requested', 'an unknown currency', [['refund.currency', 'XYZ']], 'refund.currency'],
  ['dispute.return_shipped', 'an empty tracking number', [['trackingNumber', '']], 'trackingNumber'],
  ['dispute.return_received', 'an unknown condition', [['condition', 'BROKEN']], 'condition'],
  ['dispute.resolved', 'NO_REFUND with a refund', [['resolution.outcome', 'NO_REFUND']], 'resolution.refund'],
  ['dispute.resolved', 'no inFavourOf', [['resolution.inFavourOf', REMOVE]], 'resolution.inFavourOf'],
  ['dispute.resolved', 'an unknown way of resolving', [['resolution.by', 'MAGIC']], 'resolution.by'],
  ['dispute.cancelled', 'no actor', [['actor', REMOVE]], 'actor'],
  ['dispute.cancelled', 'an actor of unknown role', [['actor.role', 'ROBOT']], 'actor.role'],
  ['dispute.command_rejected', 'a rule code in prose', [['type', 'stale version']], 'type'],
  ['dispute.command_rejected', 'no category', [['category', REMOVE]], 'category'],
  ['dispute.deadline_adjusted', 'a pause with a due instant', [['adjustment.action', 'PAUSE']], 'adjustment.dueAt'],
  [
    'dispute.deadline_adjusted',
    'an unknown reason code',
    [['adjustment.reasonCode', 'WEATHER']],
    'adjustment.reasonCode',
  ],
  ['deadline.scheduled', 'a due date that does not exist', [['dueAt', '2025-02-30T09:00:00Z']], 'dueAt'],
  ['deadline.scheduled', 'an unknown kind', [['kind', 'REMINDER']], 'kind'],
  ['deadline.reminder', 'no open action', [['openActions', []]], 'openActions'],
  ['deadline.reminder', 'an unknown open action', [['openActions', ['PANIC']]], 'openActions'],
  ['deadline.passed', 'a command id without its type', [['commandType', REMOVE]], 'commandType'],
  ['listing.upserted', 'a lot without its size', [['saleUnit.piecesPerLot', REMOVE]], 'saleUnit.piecesPerLot'],
  ['listing.upserted', 'a negative SKU price', [['skus.0.price.amountMinor', -1]], 'skus.0.price.amountMinor'],
  ['listing.upserted', 'a numeric attribute value', [['attributes', { pieces: 10 }]], 'attributes'],
  ['listing.upserted', 'no SKU', [['skus', []]], 'skus'],
  ['listing.upserted', 'a bad GTIN', [['gtin', '12345']], 'gtin'],
  ['listing.audited', 'a score above 100', [['score', 101]], 'score'],
  ['listing.supply_incident_opened', 'an unknown cause', [['cause', 'BAD_LUCK']], 'cause'],
  [
    'listing.supply_incident_opened',
    'an unknown catalogue action',
    [['requestedActions', ['BURN']]],
    'requestedActions',
  ],
  [
    'listing.supply_incident_updated',
    'a restock date that does not exist',
    [['expectedRestockAt', '2025-02-30T00:00:00Z']],
    'expectedRestockAt',
  ],
  ['listing.supply_incident_closed', 'no close instant', [['closedAt', REMOVE]], 'closedAt'],
  ['order.buyer_notice_requested', 'an empty body', [['body', '']], 'body'],
  ['order.refund_offered', 'a negative refund', [['amount.amountMinor', -1]], 'amount.amountMinor'],
  ['order.refund_accepted', 'no incident', [['incidentId', REMOVE]], 'incidentId'],
  ['listing.audited', 'an unknown severity', [['findings.0.severity', 'HIGH']], 'findings.0.severity'],
  ['listing.audited', 'a finding without a fix', [['findings.0.fix', REMOVE]], 'findings.0.fix'],
  ['listing.flagged', 'an unknown verdict', [['verdict', 'FAIL']], 'verdict'],
  ['listing.flagged', 'a dispute id that is not a UUID', [['disputeIds', ['D-1']]], 'disputeIds'],
  ['evidence.added', 'a stored file without its digest', [['sha256', REMOVE]], 'sha256'],
  ['evidence.added', 'a type that is not allowed', [['contentType', 'application/x-msdownload']], 'contentType'],
  ['evidence.added', 'a URL source without its URL', [['source', 'URL']], 'url'],
  ['message.posted', 'a message from the system', [['author.role', 'SYSTEM']], 'author'],
  ['message.posted', 'an empty body', [['body', '']], 'body'],
  [
    'message.posted',
    'a negative lint span',
    [['lint.findings', [{ rule: 'BLAME', span: { start: -1, end: 3 } }]]],
    'lint.findings.0.span.start',
  ],
  ['order.paid', 'an amount as a string', [['amount.amountMinor', '999']], 'amount.amountMinor'],
  ['order.paid', 'an amount beyond 2^53', [['amount.amountMinor', 2 ** 53]], 'amount.amountMinor'],
  ['order.paid', 'a quantity of zero', [['quantity', 0]], 'quantity'],
  ['order.paid', 'an unknown seller country', [['sellerCountry', 'XX']], 'sellerCountry'],
  ['order.shipped', 'a time with an offset', [['shippedAt', '2025-03-02T12:00:00+02:00']], 'shippedAt'],
  ['order.delivered', 'an unknown proof kind', [['proof.kind', 'SMS']], 'proof.kind'],
  ['tracking.updated', 'an unknown status', [['status', 'LOST']], 'status'],
  ['dispute.command.seller_accept', 'sent by the buyer', [['actor.role', 'BUYER']], 'actor'],
  ['dispute.command.seller_reject', 'no message', [['message', REMOVE]], 'message'],
  [
    'dispute.command.seller_reject',
    'a refund proposal without an amount',
    [['proposal.refund', REMOVE]],
    'proposal.refund',
  ],
  ['dispute.command.submit_proposal', 'sent by staff', [['actor.role', 'STAFF']], 'actor'],
  [
    'dispute.command.submit_proposal',
    'a proposal id that is not a UUID',
    [['proposal.proposalId', 'p1']],
    'proposal.proposalId',
  ],
  ['dispute.command.accept_proposal', 'no proposal id', [['proposalId', REMOVE]], 'proposalId'],
  [
    'dispute.command.escalate',
    'a deadline escalation without its deadline',
    [['cause', 'INTERVENTION_DEADLINE']],
    'deadlineId',
  ],
  ['dispute.command.escalate', 'a cause only the owner may use', [['cause', 'RETURN_PROBLEM']], 'cause'],
  ['dispute.command.auto_accept', 'sent by the seller', [['actor.role', 'SELLER']], 'actor'],
  ['dispute.command.mark_return_shipped', 'no carrier', [['carrier', REMOVE]], 'carrier'],
  ['dispute.command.mark_return_received', 'no condition', [['condition', REMOVE]], 'condition'],
  ['dispute.command.expire_return_shipment', 'no deadline id', [['deadlineId', REMOVE]], 'deadlineId'],
  ['dispute.command.expire_return_receipt', 'a version as a string', [['expectedVersion', '5']], 'expectedVersion'],
  ['dispute.command.record_ruling', 'an empty rationale', [['ruling.rationale', '']], 'ruling.rationale'],
  [
    'dispute.command.record_ruling',
    'a partial refund in another currency code',
    [
      ['ruling.outcome', 'PARTIAL_REFUND'],
      ['ruling.refund', money(100, 'usd')],
    ],
    'ruling.refund.currency',
  ],
  ['dispute.command.cancel', 'no issue time', [['issuedAt', REMOVE]], 'issuedAt'],
  ['dispute.command.cancel', 'no command id', [['commandId', REMOVE]], 'commandId'],
  [
    'dispute.command.record_deadline_adjustment',
    'an extension without its new due instant',
    [['adjustment.action', 'EXTEND']],
    'adjustment.dueAt',
  ],
];

describe('the registry', () => {
  it('has a payload class for every event and command type, and nothing else', () => {
    expect(Object.keys(PAYLOAD_CLASSES).sort()).toEqual([...ALL_TYPES].sort());
    expect(new Set(ALL_TYPES).size).toBe(ALL_TYPES.length);
  });

  it('lists every event type of docs/CONTRACT.md', () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        'dispute.opened',
        'dispute.seller_responded',
        'dispute.proposal_submitted',
        'dispute.agreed',
        'dispute.auto_accepted',
        'dispute.escalated',
        'dispute.ruled',
        'dispute.return_requested',
        'dispute.return_shipped',
        'dispute.return_received',
        'dispute.resolved',
        'dispute.cancelled',
        'dispute.command_rejected',
        'dispute.deadline_adjusted',
        'evidence.added',
        'deadline.scheduled',
        'deadline.reminder',
        'deadline.passed',
        'listing.upserted',
        'listing.audited',
        'listing.flagged',
        'listing.supply_incident_opened',
        'listing.supply_incident_updated',
        'listing.supply_incident_closed',
        'message.posted',
        'order.paid',
        'order.shipped',
        'order.delivered',
        'tracking.updated',
        'order.buyer_notice_requested',
        'order.refund_offered',
        'order.refund_accepted',
      ].sort(),
    );
  });

  it('names every command dispute.command.<snake_case>', () => {
    for (const type of COMMAND_TYPES) expect(type).toMatch(/^dispute\.command\.[a-z]+(?:_[a-z]+)*$/);
  });

  it.each([
    ['dispute.', Topics.DISPUTE_EVENTS],
    ['deadline.', Topics.DEADLINE_EVENTS],
    ['listing.', Topics.LISTING_EVENTS],
    ['message.', Topics.MESSAGE_EVENTS],
    ['order.', Topics.ORDER_EVENTS],
    ['tracking.', Topics.ORDER_EVENTS],
  ])('publishes %s* events on %s', (prefix, topic) => {
    const types = EVENT_TYPES.filter((type) => type.startsWith(prefix));
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(EVENT_TOPIC[type]).toBe(topic);
  });

  it('gives every event a topic and sends every command to the owner', () => {
    expect(Object.keys(EVENT_TOPIC).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of COMMAND_TYPES) expect(topicOf(type)).toBe(Topics.DISPUTE_COMMANDS);
  });

  it('has a sample factory for every type', () => {
    expect(Object.keys(eventSamples).sort()).toEqual([...EVENT_TYPES].sort());
    expect(Object.keys(commandSamples).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(samplePayload('order.paid')).not.toBe(samplePayload('order.paid'));
  });

  it('has at least one broken sample for every type', () => {
    const covered = new Set(BROKEN.map(([type]) => type));
    expect(ALL_TYPES.filter((type) => !covered.has(type))).toEqual([]);
  });
});

describe('validatePayload', () => {
  it.each(ALL_TYPES)('accepts the sample %s, as an instance of its class', (type) => {
    const result = validatePayload(type, samplePayload(type));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value).toBeInstanceOf(PAYLOAD_CLASSES[type]);
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(samplePayload(type));
  });

  it.each(BROKEN)('refuses %s with %s, naming %s', (type, _what, edits, field) => {
    const errors = errorsOf(type, broken(type, edits));
    expect(errors.map((error) => error.field)).toContain(field);
    for (const error of errors) expect(error.message).not.toBe('');
  });

  it.each(ALL_TYPES)('refuses an unknown field on %s', (type) => {
    const errors = errorsOf(type, { ...samplePayload(type), surprise: 1 });
    expect(errors).toEqual([{ field: 'surprise', message: 'is not a known field' }]);
  });

  it('refuses unknown fields in nested objects and arrays', () => {
    const sample = samplePayload('dispute.opened');
    const errors = errorsOf('dispute.opened', {
      ...sample,
      requested: { ...sample.requested, refund: { ...sample.requested.refund, cents: 1 } },
      evidence: [{ ...sample.evidence[0], caption: 'x' }],
    });
    expect(errors).toEqual([
      { field: 'requested.refund.cents', message: 'is not a known field' },
      { field: 'evidence.0.caption', message: 'is not a known field' },
    ]);
  });

  it('converts nothing implicitly, and says what is wrong once per field', () => {
    const errors = errorsOf('order.paid', { ...samplePayload('order.paid'), quantity: '1' });
    expect(errors).toEqual([{ field: 'quantity', message: 'quantity must be an integer number' }]);
  });

  it('names every field a payload lacks', () => {
    expect(errorsOf('order.shipped', {}).map((error) => error.field)).toEqual([
      'orderId',
      'carrier',
      'trackingNumber',
      'shippedAt',
    ]);
  });

  it.each([null, undefined, 'text', 42, [], [{}]])('refuses %p as a payload', (data) => {
    expect(errorsOf('order.paid', data)).toEqual([{ field: '', message: 'must be a JSON object' }]);
  });

  it('refuses an unknown type on the type field', () => {
    expect(validatePayload('dispute.reopened', {})).toEqual({
      ok: false,
      errors: [{ field: 'type', message: '"dispute.reopened" is not a known event or command type' }],
    });
  });

  it('explains a conditional field in words', () => {
    const errors = errorsOf(
      'dispute.proposal_submitted',
      broken('dispute.proposal_submitted', [['proposal.type', 'RESEND']]),
    );
    expect(errors).toEqual([{ field: 'proposal.refund', message: 'refund must be absent when type is RESEND' }]);
    const missing = errorsOf(
      'dispute.seller_responded',
      broken('dispute.seller_responded', [['counterProposal', REMOVE]]),
    );
    expect(missing).toEqual([
      { field: 'counterProposal', message: 'counterProposal is required when action is REJECT' },
    ]);
  });

  it('restricts who may send each command', () => {
    const errors = errorsOf(
      'dispute.command.record_ruling',
      broken('dispute.command.record_ruling', [['actor.role', 'SELLER']]),
    );
    expect(errors).toEqual([{ field: 'actor', message: 'actor.role must be one of: STAFF' }]);
  });

  it('accepts the optional shapes the samples leave out', () => {
    const accept = {
      ...eventSamples['dispute.seller_responded'](),
      action: 'ACCEPT',
      acceptedProposalId: eventSamples['dispute.opened']().proposal.proposalId,
    };
    delete (accept as Partial<typeof accept>).counterProposal;
    delete (accept as Partial<typeof accept>).message;
    expect(validatePayload('dispute.seller_responded', accept).ok).toBe(true);

    const paused = {
      ...eventSamples['dispute.escalated'](),
      deadlines: [{ kind: 'PLATFORM_INTERVENTION', remainingMs: 3_600_000 }],
    };
    expect(validatePayload('dispute.escalated', paused).ok).toBe(true);

    const { updatedAt: _u, version: _v, status: _st, ...bare } = eventSamples['listing.upserted']();
    expect(validatePayload('listing.upserted', bare).ok).toBe(true);

    const piece = eventSamples['listing.upserted']();
    expect(validatePayload('listing.upserted', { ...piece, saleUnit: { type: 'PIECE' }, images: [] }).ok).toBe(true);

    const notShipped = eventSamples['dispute.opened']();
    const { shippedAt: _s, carrier: _c, trackingNumber: _t, ...order } = notShipped.order;
    expect(
      validatePayload('dispute.opened', {
        ...notShipped,
        reason: 'SELLER_REFUSED_SALE',
        subReason: 'ASKED_FOR_MORE_MONEY',
        order,
      }).ok,
    ).toBe(true);

    const refusedUnknown = {
      ...eventSamples['dispute.command_rejected'](),
      status: undefined,
      version: undefined,
      commandId: undefined,
    };
    expect(validatePayload('dispute.command_rejected', JSON.parse(JSON.stringify(refusedUnknown))).ok).toBe(true);
  });
});

describe('assertPayload', () => {
  it('returns the typed payload', () => {
    const command = assertPayload(
      'dispute.command.accept_proposal',
      commandSamples['dispute.command.accept_proposal'](),
    );
    expect(command.proposalId).toBe(commandSamples['dispute.command.accept_proposal']().proposalId);
  });

  it('throws a ContractViolationError with the field errors', () => {
    const run = () => assertPayload('order.shipped' as EventType | CommandType, { orderId: 'O-1' });
    expect(run).toThrow(ContractViolationError);
    expect(run).toThrow(/invalid order\.shipped payload: carrier/);
  });
});
