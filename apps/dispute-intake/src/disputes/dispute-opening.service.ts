import { Inject, Injectable } from '@nestjs/common';
import {
  Topics,
  isSubReasonOf,
  SUB_REASONS,
  uuidv7,
  type DisputeOpenedPayload,
  type EvidenceItemDto,
  type OrderSnapshotDto,
} from '@settle/contracts';
import { open, type OrderSnapshot, type Policy } from '@settle/dispute-lifecycle';
import { Outbox } from '@settle/messaging';
import {
  Clock,
  Conflict,
  type IdempotencyClaim,
  POLICY,
  RuleViolation,
  idempotencyRecordInsert,
} from '@settle/platform';
import { evidenceSection } from '../evidence/evidence.view';
import { listingAtPurchase as listingAtPurchaseOf } from '../listings/listing-at-purchase';
import { snapshotOf } from '../orders/order-snapshot';
import { OrdersRepository } from '../orders/orders.repository';
import { rejectionError } from '../shared/rejections';
import { DisputeEntity } from './dispute.entity';
import { disputeView } from './dispute.view';
import { DisputesRepository } from './disputes.repository';
import type { OpenDisputeRequest } from './dto/open-dispute.request';
import { wireDeadlines, wireProposal, type WireEvent } from './wire-events';

/** The request field each opening rule is about, so the problem's `errors` name it. */
const OPENING_RULE_FIELD: Readonly<Record<string, string>> = {
  UNKNOWN_REASON: 'reason',
  INVALID_SUB_REASON: 'subReason',
  EVIDENCE_REQUIRED: 'evidence',
  INVALID_EVIDENCE: 'evidence',
  INVALID_REQUESTED_TYPE: 'requested.type',
  REFUND_ABOVE_PAID: 'requested.refund.amountMinor',
  CURRENCY_MISMATCH: 'requested.refund.currency',
  INVALID_AMOUNT: 'requested.refund.amountMinor',
  UNKNOWN_CURRENCY: 'order.amount.currency',
  INVALID_ORDER: 'order',
  DISPUTE_WINDOW_NOT_OPEN: 'order.shippedAt',
  DISPUTE_WINDOW_CLOSED: 'order.shippedAt',
};

export class DisputeAlreadyOpen extends Conflict {
  constructor(orderId: string, disputeId?: string) {
    super(
      'DISPUTE_ALREADY_OPEN',
      `Order ${orderId} already has an open dispute${disputeId ? ` (${disputeId})` : ''}.`,
      {
        errors: [{ field: 'orderId', message: 'already has an open dispute' }],
        ...(disputeId ? { disputeId } : {}),
      },
    );
  }
}

/**
 * Opens a dispute: every check of docs/DOMAIN.md (through the lifecycle's `open`), the order snapshot from the body or
 * the order projection, the listing and audit in force when the order was paid, then the dispute row, its first
 * hash-chained event, `dispute.opened` in the outbox and the request's Idempotency-Key record, in one statement.
 * Two round trips in all: one read (the order's open dispute, the listing and audit at purchase), one write.
 */
@Injectable()
export class DisputeOpeningService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly orders: OrdersRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Opens the dispute and returns the response (`GET /v1/disputes/{id}`'s view), recorded under `claim` with it. */
  async open(request: OpenDisputeRequest, claim?: IdempotencyClaim): Promise<ReturnType<typeof disputeView>> {
    const now = this.clock.now();
    if (!isSubReasonOf(request.reason, request.subReason)) {
      const allowed = SUB_REASONS[request.reason].join(', ');
      throw new RuleViolation('INVALID_SUB_REASON', `${request.reason} takes one of ${allowed}.`, {
        errors: [{ field: 'subReason', message: `must be one of ${allowed} for ${request.reason}` }],
      });
    }
    const order = request.order ?? (await this.knownOrder(request));
    const paidAt = new Date(order.paidAt);
    const facts = await this.disputes.openingFacts(
      request.orderId,
      request.listingId,
      Number.isNaN(paidAt.getTime()) ? null : paidAt,
    );
    if (facts.openDisputeId) throw new DisputeAlreadyOpen(request.orderId, facts.openDisputeId);

    const disputeId = uuidv7();
    const evidence: EvidenceItemDto[] = (request.evidence ?? []).map((item) => ({
      evidenceId: uuidv7(),
      kind: item.kind,
      url: item.url,
      ...(item.sha256 ? { sha256: item.sha256 } : {}),
      addedAt: now.toISOString(),
    }));
    const opened = open(
      {
        disputeId,
        orderId: request.orderId,
        buyerId: request.buyerId,
        sellerId: request.sellerId,
        listingId: request.listingId,
        reason: request.reason,
        subReason: request.subReason,
        requested: {
          type: request.requested.type,
          refund: { amountMinor: request.requested.refund.amountMinor, currency: request.requested.refund.currency },
        },
        order: plainOrder(order),
        description: request.description,
        evidence: evidence.map(({ kind, url, sha256 }) => ({ kind, url, ...(sha256 ? { sha256 } : {}) })),
        proposalId: uuidv7(),
      },
      now,
      this.policy,
    );
    if (!opened.ok) {
      throw rejectionError(opened.rejection, undefined, OPENING_RULE_FIELD[opened.rejection.type] ?? 'order');
    }
    const { event, dispute } = opened;
    const listingAtPurchase = facts.listingVersion ? listingAtPurchaseOf(facts.listingVersion, facts.audit) : undefined;
    const data = {
      disputeId,
      orderId: request.orderId,
      buyerId: request.buyerId,
      sellerId: request.sellerId,
      listingId: request.listingId,
      reason: request.reason,
      subReason: request.subReason,
      requested: dispute.requested,
      description: request.description,
      evidence,
      buyerLocale: request.buyerLocale,
      order: event.data.order,
      proposal: wireProposal(event.data.proposal),
      ...(listingAtPurchase ? { listingAtPurchase } : {}),
      openedAt: event.at,
      status: dispute.status,
      version: 1,
      actor: { role: 'BUYER', id: request.buyerId },
      deadlines: wireDeadlines(event.data.deadlines),
    };
    // Built from the request as the pipe validated it (the same contract DTOs) and from the lifecycle's own values;
    // the integration tests check the published payload against the contract (validatePayload), so the hot path
    // does not run class-validator over the same payload a second time.
    const wire: WireEvent = { type: event.type, data, domain: event, occurredAt: event.at, version: 1 };
    const entity = Object.assign(new DisputeEntity(), {
      id: disputeId,
      orderId: request.orderId,
      buyerId: request.buyerId,
      sellerId: request.sellerId,
      listingId: request.listingId,
      status: dispute.status,
      version: dispute.version,
      openedAt: now,
      updatedAt: now,
      state: dispute,
      opened: data as unknown as DisputeOpenedPayload,
    });
    const first = { ...wire, eventId: uuidv7() };
    const firstRow = this.disputes.firstEvent(entity, first);
    const history = [firstRow];
    // A new dispute holds no evidence files yet (GET /v1/disputes/{id} lists them as they are uploaded).
    const view = { ...disputeView(entity, history, this.policy), ...evidenceSection(entity.opened, []) };
    try {
      await this.disputes.insertOpened(
        entity,
        firstRow,
        (firstParam) =>
          this.outbox.prepare(
            [
              {
                id: first.eventId,
                time: first.occurredAt,
                topic: Topics.DISPUTE_EVENTS,
                type: first.type,
                subject: disputeId,
                sellerId: request.sellerId,
                aggregateVersion: first.version,
                data: first.data,
              },
            ],
            firstParam,
          ),
        claim && ((firstParam) => idempotencyRecordInsert(claim, 201, view, firstParam)),
      );
    } catch (error) {
      // Two openings raced: the partial unique index let one through.
      if (this.disputes.isSecondOpenDispute(error)) throw new DisputeAlreadyOpen(request.orderId);
      throw error;
    }
    return view;
  }

  /** The order as order events made it known, when the body carries no snapshot. */
  private async knownOrder(request: OpenDisputeRequest): Promise<OrderSnapshotDto> {
    const known = await this.orders.find(request.orderId);
    const snapshot = known ? snapshotOf(known) : undefined;
    if (!known || !snapshot) {
      throw new RuleViolation(
        'ORDER_UNKNOWN',
        `Order ${request.orderId} is not known from order events; send its snapshot in \`order\`.`,
        { errors: [{ field: 'order', message: 'is required: the order is not known from order events' }] },
      );
    }
    for (const party of ['buyerId', 'sellerId'] as const) {
      if (known[party] !== null && known[party] !== request[party]) {
        throw new RuleViolation('ORDER_PARTY_MISMATCH', `Order ${request.orderId} has another ${party}.`, {
          errors: [{ field: party, message: `is not the order's ${party}` }],
        });
      }
    }
    return snapshot;
  }
}

/** The snapshot as plain data (the request's DTO instances stored as JSON would carry nothing else anyway). */
function plainOrder(order: OrderSnapshotDto): OrderSnapshot {
  return JSON.parse(JSON.stringify(order)) as OrderSnapshot;
}
