/**
 * Valid sample payloads for every event and command type, for tests anywhere in the project
 * (`import { eventSamples, sampleEnvelope } from '@settle/contracts/testing'`). Each factory returns a fresh
 * object, so a test may mutate it. Ids are fixed UUIDv7s; instants tell one coherent story: paid, shipped,
 * disputed, countered, agreed on a return, returned, resolved.
 */
import { createEnvelope, type EventEnvelope } from '../envelope';
import { CommandType, EventType, type MessageType } from '../message-types';
import { topicOf, subjectFieldOf, type PayloadOf } from '../registry';
import type { Money } from '../money';
import type { ListingDto } from '../shared/listing.dto';
import type { OrderSnapshotDto, ProposalDto } from '../shared/dispute.dto';
import type { ActorDto } from '../shared/common.dto';
import { required } from '../required';

export const SAMPLE_IDS = Object.freeze({
  disputeId: '01958a1e-6c00-7a10-8000-0000000000d1',
  buyerProposalId: '01958a1e-6c00-7a10-8000-0000000000b1',
  sellerProposalId: '01958a1e-6c00-7a10-8000-0000000000c1',
  commandId: '01958a1e-6c00-7a10-8000-0000000000a1',
  deadlineId: '01958a1e-6c00-7a10-8000-0000000000e1',
  evidenceId: '01958a1e-6c00-7a10-8000-0000000000f1',
  rulingId: '01958a1e-6c00-7a10-8000-000000000011',
  escalationId: '01958a1e-6c00-7a10-8000-000000000012',
  auditId: '01958a1e-6c00-7a10-8000-000000000013',
  messageId: '01958a1e-6c00-7a10-8000-000000000014',
  orderId: 'ORD-1001',
  buyerId: 'B-42',
  sellerId: 'S-1',
  listingId: 'L-TASSEL-1',
  skuId: 'SKU-RED',
  incidentId: '01958a1e-6c00-7a10-8000-000000000015',
  staffId: 'STAFF-7',
});

export const SAMPLE_TIMES = Object.freeze({
  paidAt: '2025-03-01T08:00:00Z',
  shippedAt: '2025-03-02T10:00:00Z',
  openedAt: '2025-03-14T09:00:00Z',
  respondedAt: '2025-03-15T09:00:00Z',
  agreedAt: '2025-03-16T09:00:00Z',
  returnShippedAt: '2025-03-17T09:00:00Z',
  returnReceivedAt: '2025-03-24T09:00:00Z',
  sellerResponseDueAt: '2025-03-19T09:00:00Z',
  interventionDueAt: '2025-03-21T09:00:00Z',
  returnShipmentDueAt: '2025-03-26T09:00:00Z',
  expiresAt: '2025-03-20T09:00:00Z',
});

const { disputeId, buyerProposalId, sellerProposalId, commandId, deadlineId, evidenceId, rulingId } = SAMPLE_IDS;
const { orderId, buyerId, sellerId, listingId, skuId, staffId, auditId, messageId, escalationId } = SAMPLE_IDS;
const T = SAMPLE_TIMES;

export const sampleMoney = (amountMinor = 999, currency = 'USD'): Money => ({ amountMinor, currency });

const buyer = (): ActorDto => ({ role: 'BUYER', id: buyerId });
const seller = (): ActorDto => ({ role: 'SELLER', id: sellerId });
const system = (): ActorDto => ({ role: 'SYSTEM', id: 'escalation-timer' });
const staff = (): ActorDto => ({ role: 'STAFF', id: staffId });

export function sampleListing(): ListingDto {
  return {
    listingId,
    sellerId,
    category: 'jewellery/pendants',
    title: 'Tassel pendant, red silk, lot of 10',
    description: 'Ten hand-made tassel pendants per lot, 8 cm, red silk thread.',
    images: [{ url: 'https://img.example.com/tassel-main.jpg' }],
    attributes: { material: 'silk', colour: 'red' },
    saleUnit: { type: 'LOT', piecesPerLot: 10 },
    skus: [{ skuId, attributes: { colour: 'red' }, price: sampleMoney(9990), stock: 120 }],
    shipping: {
      fee: sampleMoney(0),
      processingDays: 3,
      promisedDeliveryDays: 20,
      shipsFrom: 'CN',
      shipsTo: ['FR', 'ES', 'BR'],
    },
    brand: 'Generic',
  };
}

export function sampleOrderSnapshot(): OrderSnapshotDto {
  return {
    amount: sampleMoney(),
    paidAt: T.paidAt,
    shippedAt: T.shippedAt,
    promisedDeliveryDays: 20,
    carrier: 'China Post',
    trackingNumber: 'RR123456789CN',
    buyerCountry: 'FR',
    sellerCountry: 'CN',
  };
}

export function sampleBuyerProposal(): ProposalDto {
  return {
    proposalId: buyerProposalId,
    by: 'BUYER',
    type: 'RETURN_AND_REFUND',
    refund: sampleMoney(),
    submittedAt: T.openedAt,
    round: 1,
  };
}

export function sampleSellerProposal(): ProposalDto {
  return {
    proposalId: sellerProposalId,
    by: 'SELLER',
    type: 'REFUND_ONLY',
    refund: sampleMoney(500),
    expiresAt: T.expiresAt,
    submittedAt: T.respondedAt,
    round: 1,
  };
}

const runningDeadlines = () => [
  { kind: 'SELLER_RESPONSE' as const, dueAt: T.sellerResponseDueAt },
  { kind: 'PLATFORM_INTERVENTION' as const, dueAt: T.interventionDueAt },
];

/** The fields every lifecycle event carries, with what a sample needs to vary. */
function transition<S extends string, P extends string>(
  status: S,
  previousStatus: P,
  version: number,
  occurredAt: string,
  actor: ActorDto,
) {
  return { disputeId, status, previousStatus, version, occurredAt, actor, commandId, deadlines: runningDeadlines() };
}

function command(actor: ActorDto, expectedVersion = 2) {
  return { commandId, disputeId, expectedVersion, actor, issuedAt: T.agreedAt };
}

export const eventSamples: { readonly [K in EventType]: () => PayloadOf<K> } = {
  [EventType.DISPUTE_OPENED]: () => ({
    disputeId,
    orderId,
    buyerId,
    sellerId,
    listingId,
    reason: 'NOT_AS_DESCRIBED',
    subReason: 'QUANTITY_SHORT',
    requested: { type: 'RETURN_AND_REFUND', refund: sampleMoney() },
    description: 'The lot had 6 pendants, not 10.',
    evidence: [
      {
        evidenceId,
        kind: 'PHOTO',
        url: 'https://evidence.example.com/parcel.jpg',
        sha256: 'a'.repeat(64),
      },
    ],
    buyerLocale: 'fr-FR',
    order: sampleOrderSnapshot(),
    proposal: sampleBuyerProposal(),
    listingAtPurchase: {
      listing: sampleListing(),
      listingVersion: 3,
      audit: { auditId, verdict: 'PASS', score: 92, findings: [], auditedAt: T.paidAt },
    },
    openedAt: T.openedAt,
    status: 'AWAITING_SELLER',
    version: 1,
    actor: buyer(),
    deadlines: runningDeadlines(),
  }),
  [EventType.DISPUTE_SELLER_RESPONDED]: () => ({
    ...transition('NEGOTIATING', 'AWAITING_SELLER', 2, T.respondedAt, seller()),
    action: 'REJECT',
    counterProposal: sampleSellerProposal(),
    message: 'Sorry for the trouble. We can refund 5.00 USD for the missing pendants.',
    responseDueAt: T.sellerResponseDueAt,
    withinDeadline: true,
  }),
  [EventType.DISPUTE_PROPOSAL_SUBMITTED]: () => ({
    ...transition('AWAITING_SELLER', 'NEGOTIATING', 3, T.respondedAt, buyer()),
    proposal: { ...sampleBuyerProposal(), round: 2 },
    supersedesProposalId: buyerProposalId,
    sellerClockRestarted: true,
  }),
  [EventType.DISPUTE_AGREED]: () => ({
    ...transition('AGREED', 'NEGOTIATING', 3, T.agreedAt, buyer()),
    proposal: sampleSellerProposal(),
    deadlines: [],
  }),
  [EventType.DISPUTE_AUTO_ACCEPTED]: () => ({
    ...transition('AGREED', 'AWAITING_SELLER', 2, T.sellerResponseDueAt, system()),
    proposal: sampleBuyerProposal(),
    deadlineId,
    deadlines: [],
  }),
  [EventType.DISPUTE_ESCALATED]: () => ({
    ...transition('ESCALATED', 'NEGOTIATING', 3, T.interventionDueAt, system()),
    cause: 'INTERVENTION_DEADLINE',
    deadlineId,
    deadlines: [{ kind: 'STAFF_RULING_SLA', dueAt: '2025-03-23T09:00:00Z' }],
  }),
  [EventType.DISPUTE_RULED]: () => ({
    ...transition('RESOLVED', 'ESCALATED', 4, '2025-03-22T09:00:00Z', staff()),
    ruling: {
      rulingId,
      outcome: 'PARTIAL_REFUND',
      refund: sampleMoney(400),
      rationale: 'Photos show 6 of 10 pendants; the listing promised a lot of 10.',
      citations: [
        { kind: 'EVIDENCE', ref: evidenceId },
        { kind: 'POLICY_RULE', ref: 'NAD-QUANTITY' },
      ],
      ruledBy: staffId,
      ruledAt: '2025-03-22T09:00:00Z',
    },
    escalationId,
    deadlines: [],
  }),
  [EventType.DISPUTE_RETURN_REQUESTED]: () => ({
    ...transition('AWAITING_RETURN', 'AGREED', 4, T.agreedAt, buyer()),
    refund: sampleMoney(),
    proposalId: buyerProposalId,
    deadlines: [{ kind: 'RETURN_SHIPMENT', dueAt: T.returnShipmentDueAt }],
  }),
  [EventType.DISPUTE_RETURN_SHIPPED]: () => ({
    ...transition('RETURN_IN_TRANSIT', 'AWAITING_RETURN', 5, T.returnShippedAt, buyer()),
    carrier: 'La Poste',
    trackingNumber: 'LP0001FR',
    shippedAt: T.returnShippedAt,
    deadlines: [{ kind: 'RETURN_RECEIPT', dueAt: '2025-04-01T09:00:00Z' }],
  }),
  [EventType.DISPUTE_RETURN_RECEIVED]: () => ({
    ...transition('RESOLVED', 'RETURN_IN_TRANSIT', 6, T.returnReceivedAt, seller()),
    condition: 'AS_EXPECTED',
    receivedAt: T.returnReceivedAt,
    deadlines: [],
  }),
  [EventType.DISPUTE_RESOLVED]: () => ({
    ...transition('RESOLVED', 'RETURN_IN_TRANSIT', 7, T.returnReceivedAt, seller()),
    resolution: {
      outcome: 'RETURN_AND_REFUND',
      refund: sampleMoney(),
      by: 'AGREEMENT',
      inFavourOf: 'BUYER',
      proposalId: buyerProposalId,
    },
    deadlines: [],
  }),
  [EventType.DISPUTE_CANCELLED]: () => ({
    ...transition('CANCELLED', 'AWAITING_SELLER', 2, T.respondedAt, buyer()),
    reason: 'The parcel arrived after all.',
    deadlines: [],
  }),
  [EventType.DISPUTE_COMMAND_REJECTED]: () => ({
    disputeId,
    commandId,
    commandType: CommandType.ACCEPT_PROPOSAL,
    category: 'STATE_CONFLICT',
    type: 'STALE_VERSION',
    detail: 'The dispute has changed since the sender last saw it; reload it and try again.',
    status: 'NEGOTIATING',
    version: 3,
    expectedVersion: 2,
    actor: buyer(),
    occurredAt: T.agreedAt,
  }),
  [EventType.DISPUTE_DEADLINE_ADJUSTED]: () => ({
    ...transition('AWAITING_SELLER', 'AWAITING_SELLER', 2, T.respondedAt, staff()),
    adjustment: {
      deadlineId,
      kind: 'SELLER_RESPONSE',
      action: 'EXTEND',
      reasonCode: 'PLATFORM_OUTAGE',
      note: 'Seller API was down for six hours.',
      previousDueAt: T.sellerResponseDueAt,
      dueAt: '2025-03-20T09:00:00Z',
    },
  }),
  [EventType.DEADLINE_SCHEDULED]: () => ({
    deadlineId,
    disputeId,
    kind: 'SELLER_RESPONSE',
    dueAt: T.sellerResponseDueAt,
    party: 'SELLER',
    scheduledAt: T.openedAt,
    basedOnVersion: 1,
    remindAt: '2025-03-18T09:00:00Z',
  }),
  [EventType.DEADLINE_REMINDER]: () => ({
    deadlineId,
    disputeId,
    kind: 'SELLER_RESPONSE',
    dueAt: T.sellerResponseDueAt,
    party: 'SELLER',
    openActions: ['RESPOND', 'POST_MESSAGE'],
    remindedAt: '2025-03-18T09:00:00Z',
  }),
  [EventType.DEADLINE_PASSED]: () => ({
    deadlineId,
    disputeId,
    kind: 'SELLER_RESPONSE',
    dueAt: T.sellerResponseDueAt,
    party: 'SELLER',
    passedAt: '2025-03-19T09:00:00.250Z',
    basedOnVersion: 1,
    commandId,
    commandType: CommandType.AUTO_ACCEPT,
  }),
  [EventType.LISTING_UPSERTED]: () => ({
    ...sampleListing(),
    updatedAt: '2025-02-20T12:00:00Z',
    version: 3,
    status: 'ACTIVE',
  }),
  [EventType.LISTING_AUDITED]: () => ({
    auditId,
    listingId,
    sellerId,
    verdict: 'WARN',
    score: 71,
    findings: [
      {
        ruleId: 'SALE_UNIT_PRICE_MISMATCH',
        severity: 'WARN',
        field: 'skus.0.price',
        message: 'A lot of 10 is priced like one piece of your similar listings.',
        fix: 'Check the sale unit, or set the price of the whole lot.',
      },
    ],
    auditedAt: '2025-02-20T12:00:01Z',
    trigger: 'UPSERT',
    listingVersion: 3,
  }),
  [EventType.LISTING_FLAGGED]: () => ({
    listingId,
    sellerId,
    reason: 'DISPUTE_FEEDBACK',
    verdict: 'BLOCK',
    score: 35,
    findings: [
      {
        ruleId: 'DISPUTE_FEEDBACK_ATTRIBUTE',
        severity: 'BLOCK',
        field: 'saleUnit.piecesPerLot',
        message: 'Buyers report receiving fewer pieces than the lot size.',
        fix: 'Correct the pieces per lot, or the title and description.',
      },
    ],
    auditId,
    disputeIds: [disputeId],
    flaggedAt: '2025-03-25T00:00:00Z',
  }),
  [EventType.LISTING_SUPPLY_INCIDENT_OPENED]: () => ({
    incidentId: SAMPLE_IDS.incidentId,
    listingId,
    sellerId,
    skuIds: [],
    cause: 'SUPPLIER_FAILED',
    expectedRestockAt: '2025-03-20T00:00:00Z',
    remedy: 'FULL_REFUND',
    requestedActions: ['EXTEND_PROCESSING_TIME', 'DELIST_UNTIL_RESTOCKED'],
    openedAt: '2025-03-02T09:00:00Z',
  }),
  [EventType.LISTING_SUPPLY_INCIDENT_UPDATED]: () => ({
    incidentId: SAMPLE_IDS.incidentId,
    listingId,
    sellerId,
    expectedRestockAt: '2025-03-27T00:00:00Z',
    updatedAt: '2025-03-05T09:00:00Z',
  }),
  [EventType.LISTING_SUPPLY_INCIDENT_CLOSED]: () => ({
    incidentId: SAMPLE_IDS.incidentId,
    listingId,
    sellerId,
    requestedActions: ['RELIST'],
    closedAt: '2025-03-27T09:00:00Z',
  }),
  [EventType.ORDER_BUYER_NOTICE_REQUESTED]: () => ({
    orderId: SAMPLE_IDS.orderId,
    incidentId: SAMPLE_IDS.incidentId,
    buyerId: SAMPLE_IDS.buyerId,
    sellerId,
    listingId,
    locale: 'en',
    subject: 'About your order ORD-1001',
    body: 'We are sorry: we cannot ship your order ORD-1001. We offer you a full refund of USD 59.98.',
    requestedAt: '2025-03-02T09:00:00Z',
  }),
  [EventType.ORDER_REFUND_OFFERED]: () => ({
    orderId: SAMPLE_IDS.orderId,
    incidentId: SAMPLE_IDS.incidentId,
    buyerId: SAMPLE_IDS.buyerId,
    sellerId,
    remedy: 'FULL_REFUND',
    amount: { amountMinor: 5998, currency: 'USD' },
    offeredAt: '2025-03-02T09:00:00Z',
  }),
  [EventType.ORDER_REFUND_ACCEPTED]: () => ({
    orderId: SAMPLE_IDS.orderId,
    incidentId: SAMPLE_IDS.incidentId,
    buyerId: SAMPLE_IDS.buyerId,
    sellerId,
    amount: { amountMinor: 5998, currency: 'USD' },
    acceptedAt: '2025-03-03T10:00:00Z',
  }),
  [EventType.EVIDENCE_ADDED]: () => ({
    evidenceId,
    disputeId,
    kind: 'PHOTO',
    source: 'UPLOAD',
    preserved: true,
    contentType: 'image/jpeg',
    size: 482_113,
    sha256: 'a'.repeat(64),
    thumbnail: { contentType: 'image/webp', size: 9_210, sha256: 'b'.repeat(64) },
    note: 'The lot as it arrived: 6 pendants.',
    addedBy: buyer(),
    addedAt: T.openedAt,
  }),
  [EventType.MESSAGE_POSTED]: () => ({
    messageId,
    disputeId,
    author: seller(),
    body: 'We are sorry the lot was incomplete. We will refund the missing pieces today.',
    locale: 'en',
    attachments: [{ evidenceId, kind: 'PHOTO', url: 'https://evidence.example.com/packing.jpg' }],
    lint: { ok: true, findings: [] },
    postedAt: T.respondedAt,
  }),
  [EventType.ORDER_PAID]: () => ({
    orderId,
    buyerId,
    sellerId,
    listingId,
    skuId,
    quantity: 1,
    amount: sampleMoney(),
    paidAt: T.paidAt,
    buyerCountry: 'FR',
    sellerCountry: 'CN',
    promisedDeliveryDays: 20,
    buyerLocale: 'fr-FR',
  }),
  [EventType.ORDER_SHIPPED]: () => ({
    orderId,
    carrier: 'China Post',
    trackingNumber: 'RR123456789CN',
    shippedAt: T.shippedAt,
  }),
  [EventType.ORDER_DELIVERED]: () => ({
    orderId,
    deliveredAt: '2025-03-12T15:30:00Z',
    proof: { kind: 'SIGNATURE', url: 'https://carrier.example.com/pod/RR123456789CN.png', reference: 'M. Dupont' },
  }),
  [EventType.TRACKING_UPDATED]: () => ({
    orderId,
    carrier: 'China Post',
    trackingNumber: 'RR123456789CN',
    status: 'CUSTOMS_HELD',
    at: '2025-03-08T04:00:00Z',
    location: 'Paris Roissy customs',
    country: 'FR',
  }),
};

export const commandSamples: { readonly [K in CommandType]: () => PayloadOf<K> } = {
  [CommandType.SELLER_ACCEPT]: () => ({
    ...command(seller(), 1),
    proposalId: buyerProposalId,
    message: 'Refund on its way.',
  }),
  [CommandType.SELLER_REJECT]: () => ({
    ...command(seller(), 1),
    proposal: { proposalId: sellerProposalId, type: 'REFUND_ONLY', refund: sampleMoney(500), expiresAt: T.expiresAt },
    message: 'We can refund 5.00 USD for the missing pendants.',
  }),
  [CommandType.SUBMIT_PROPOSAL]: () => ({
    ...command(buyer()),
    proposal: { proposalId: buyerProposalId, type: 'REFUND_ONLY', refund: sampleMoney(700) },
    supersedesProposalId: buyerProposalId,
  }),
  [CommandType.ACCEPT_PROPOSAL]: () => ({ ...command(buyer()), proposalId: sellerProposalId }),
  [CommandType.ESCALATE]: () => ({
    ...command(buyer()),
    cause: 'BUYER_REQUEST',
    note: 'The seller stopped answering.',
  }),
  [CommandType.AUTO_ACCEPT]: () => ({ ...command(system(), 1), deadlineId, proposalId: buyerProposalId }),
  [CommandType.MARK_RETURN_SHIPPED]: () => ({
    ...command(buyer(), 4),
    carrier: 'La Poste',
    trackingNumber: 'LP0001FR',
    shippedAt: T.returnShippedAt,
  }),
  [CommandType.MARK_RETURN_RECEIVED]: () => ({
    ...command(seller(), 5),
    condition: 'MISSING_ITEMS',
    note: 'Only 4 pendants came back.',
    evidence: [{ evidenceId, kind: 'PHOTO', url: 'https://evidence.example.com/return.jpg' }],
    receivedAt: T.returnReceivedAt,
  }),
  [CommandType.EXPIRE_RETURN_SHIPMENT]: () => ({ ...command(system(), 4), deadlineId }),
  [CommandType.EXPIRE_RETURN_RECEIPT]: () => ({ ...command(system(), 5), deadlineId }),
  [CommandType.RECORD_RULING]: () => ({
    ...command(staff(), 3),
    ruling: {
      rulingId,
      outcome: 'REFUND_BUYER',
      rationale: 'Tracking shows the parcel returned to sender; the buyer never received it.',
      citations: [{ kind: 'TRACKING', ref: 'RR123456789CN' }],
    },
    escalationId,
  }),
  [CommandType.CANCEL]: () => ({ ...command(buyer(), 1), reason: 'Parcel arrived.' }),
  [CommandType.RECORD_DEADLINE_ADJUSTMENT]: () => ({
    ...command(system(), 1),
    adjustment: { deadlineId, kind: 'PLATFORM_INTERVENTION', action: 'PAUSE', reasonCode: 'CUSTOMS_HOLD' },
  }),
};

/** A valid payload of any type (a fresh object). */
export function samplePayload<T extends MessageType>(type: T): PayloadOf<T> {
  const factory = required(
    (eventSamples as Record<string, () => unknown>)[type] ?? (commandSamples as Record<string, () => unknown>)[type],
    `a sample of ${type}`,
  );
  return factory() as PayloadOf<T>;
}

/** A valid envelope around a sample payload, with `subject` set to the payload's aggregate id. */
export function sampleEnvelope<T extends MessageType>(
  type: T,
  data: PayloadOf<T> = samplePayload(type),
  overrides: Partial<EventEnvelope> = {},
): EventEnvelope<PayloadOf<T>> {
  const subject = String((data as unknown as Record<string, unknown>)[subjectFieldOf(type)]);
  return {
    ...createEnvelope({
      type,
      source: topicOf(type) === 'settle.disputes.commands.v1' ? 'negotiation' : 'dispute-intake',
      subject,
      data,
      sellerId,
      correlationId: '01958a1e-6c00-7a10-8000-0000000000cc',
    }),
    ...overrides,
  } as EventEnvelope<PayloadOf<T>>;
}
