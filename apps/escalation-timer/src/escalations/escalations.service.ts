import { Injectable } from '@nestjs/common';
import { CommandType, type RulingDecisionDto } from '@settle/contracts';
import { checkRefundLimit } from '@settle/dispute-lifecycle';
import { Outbox, TransactionRunner } from '@settle/messaging';
import {
  Clock,
  Conflict,
  Forbidden,
  NotFound,
  type Page,
  type Principal,
  RuleViolation,
  ValidationFailed,
  decodeCursor,
  toPage,
} from '@settle/platform';
import { toView } from '../deadlines/deadlines.service';
import { DeadlinesRepository } from '../deadlines/deadlines.repository';
import type { DisputeProjectionEntity } from '../disputes/dispute-projection.entity';
import { DisputesRepository } from '../disputes/disputes.repository';
import { PredictionService } from '../prediction/prediction.service';
import { command, newId } from '../shared/outgoing';
import type { ClaimRequest, EscalationQueueQuery, RulingRequest } from './dto/escalation-requests';
import type { EscalationEntity } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';
import { escalationMetrics, sellerMetrics, type EscalationMetrics } from './metrics';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SELLER_METRICS_DAYS = 90;

/** The staff queue: list, case view, claim, ruling, service levels (docs/CONTRACT.md, escalation-timer). */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly escalations: EscalationsRepository,
    private readonly disputes: DisputesRepository,
    private readonly deadlines: DeadlinesRepository,
    private readonly predictions: PredictionService,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async queue(
    query: EscalationQueueQuery,
  ): Promise<Page<ReturnType<typeof this.view> & { summary: ReturnType<typeof caseSummary> }>> {
    const now = this.clock.now();
    const after = query.cursor ? decodeCursor<{ dueAt: string; id: string }>(query.cursor, ['dueAt', 'id']) : undefined;
    const rows = await this.escalations.queue({
      status: query.status,
      overdue: query.overdue,
      now,
      limit: query.limit,
      after,
    });
    const disputes = new Map(
      (await this.disputes.findMany(rows.map((row) => row.disputeId))).map((dispute) => [dispute.disputeId, dispute]),
    );
    return toPage(
      rows,
      query.limit,
      (row) => ({ ...this.view(row, now), summary: caseSummary(disputes.get(row.disputeId)) }),
      (row) => ({ dueAt: row.dueAt.toISOString(), id: row.id }),
    );
  }

  /** The whole case on one page. */
  async case(id: string) {
    const escalation = await this.found(id);
    const dispute = (await this.disputes.find(escalation.disputeId))!;
    const now = this.clock.now();
    const since = new Date(now.getTime() - SELLER_METRICS_DAYS * 86_400_000);
    const [messages, tracking, deadlines, sellerDisputes, prediction] = await Promise.all([
      this.disputes.messages(dispute.disputeId),
      this.disputes.tracking(dispute.orderId),
      this.deadlines.forDispute(dispute.disputeId),
      this.disputes.sellerDisputes(dispute.sellerId, since),
      this.predictions.predict(dispute),
    ]);
    return {
      escalation: this.view(escalation, now),
      dispute: disputeView(dispute),
      messages: messages.map((message) => ({
        messageId: message.messageId,
        author: { role: message.authorRole, id: message.authorId },
        body: message.body,
        postedAt: message.postedAt.toISOString(),
      })),
      listingAtPurchase: dispute.opened.listingAtPurchase ?? null,
      tracking: tracking
        ? {
            status: tracking.status,
            at: tracking.statusAt?.toISOString() ?? null,
            deliveredAt: tracking.deliveredAt?.toISOString() ?? null,
            proof: tracking.proof,
          }
        : null,
      deadlines: deadlines.map(toView),
      sellerMetrics: { sellerId: dispute.sellerId, ...sellerMetrics(sellerDisputes, SELLER_METRICS_DAYS) },
      predictedRuling: prediction,
      history: escalation.history,
    };
  }

  /** One staff member at a time: a second claimer gets 409; a lead may reassign (to someone else or to themself). */
  async claim(id: string, request: ClaimRequest, principal: Principal) {
    const caller = staffIdOf(principal);
    const lead = principal.role === 'lead';
    if (request.assignTo !== undefined && !lead && request.assignTo !== caller) {
      throw new Forbidden('Only a lead may assign a case to someone else.');
    }
    const target = request.assignTo ?? caller;
    return this.transactions.run(async (tx) => {
      const escalation = await this.lockOpen(tx, id);
      const now = this.clock.now();
      if (escalation.status === 'CLAIMED' && escalation.claimedBy !== target) {
        if (!lead) {
          throw new Conflict(
            'ALREADY_CLAIMED',
            `The case is claimed by ${escalation.claimedBy}; a lead may reassign it.`,
            {
              claimedBy: escalation.claimedBy,
            },
          );
        }
        await this.escalations.claim(tx, id, target, now, 'REASSIGNED', caller);
      } else if (escalation.status === 'OPEN') {
        await this.escalations.claim(tx, id, target, now, lead && target !== caller ? 'REASSIGNED' : 'CLAIMED', caller);
      }
      return this.view((await this.escalations.lock(tx, id))!, now);
    });
  }

  /** Only the staff member who claimed the case, or a lead; sent to the dispute's owner as record_ruling. */
  async rule(id: string, request: RulingRequest, principal: Principal) {
    const caller = staffIdOf(principal);
    if (request.outcome === 'PARTIAL_REFUND' && !request.refund) {
      throw new ValidationFailed([{ field: 'refund', message: 'is required for PARTIAL_REFUND' }]);
    }
    if (request.outcome === 'SELLER_FAVOUR' && request.refund) {
      throw new ValidationFailed([{ field: 'refund', message: 'must be absent for SELLER_FAVOUR' }]);
    }
    return this.transactions.run(async (tx) => {
      const escalation = await this.lockOpen(tx, id);
      if (principal.role !== 'lead' && escalation.claimedBy !== caller) {
        throw new Forbidden(
          escalation.claimedBy
            ? `Only ${escalation.claimedBy}, who claimed the case, or a lead may rule on it.`
            : 'Claim the case before ruling on it.',
        );
      }
      if (escalation.rulingSubmittedAt) {
        throw new Conflict('RULING_PENDING', 'A ruling on this case was already sent to the dispute’s owner.');
      }
      const dispute = (await this.disputes.lock(tx, escalation.disputeId))!;
      if (request.refund) {
        const check = checkRefundLimit(request.refund, dispute.opened.order.amount);
        if (!check.ok) throw new RuleViolation(check.rejection.type, check.rejection.detail);
      }
      const now = this.clock.now();
      const ruling: RulingDecisionDto = {
        rulingId: newId(),
        outcome: request.outcome,
        ...(request.refund
          ? { refund: { amountMinor: request.refund.amountMinor, currency: request.refund.currency } }
          : {}),
        rationale: request.rationale,
        citations: request.citations.map((citation) => ({
          kind: citation.kind,
          ref: citation.ref,
          ...(citation.note ? { note: citation.note } : {}),
        })),
      };
      const commandId = newId();
      await this.escalations.submitRuling(tx, id, ruling, caller, now);
      await this.outbox.append(tx, [
        command(CommandType.RECORD_RULING, dispute.disputeId, dispute.sellerId, {
          commandId,
          disputeId: dispute.disputeId,
          expectedVersion: dispute.version,
          actor: { role: 'STAFF' as const, id: caller },
          issuedAt: now.toISOString(),
          ruling,
          escalationId: id,
        }),
      ]);
      return { escalationId: id, disputeId: dispute.disputeId, commandId, status: 'RULING_SUBMITTED', ruling };
    });
  }

  async metrics(window: string): Promise<EscalationMetrics> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - Number(window.slice(0, -1)) * 86_400_000);
    return escalationMetrics(await this.escalations.since(since), window, since, now);
  }

  private async found(id: string): Promise<EscalationEntity> {
    const escalation = UUID.test(id) ? await this.escalations.find(id) : null;
    if (!escalation) throw new NotFound('Escalation', id);
    return escalation;
  }

  private async lockOpen(tx: Parameters<EscalationsRepository['lock']>[0], id: string): Promise<EscalationEntity> {
    const escalation = UUID.test(id) ? await this.escalations.lock(tx, id) : null;
    if (!escalation) throw new NotFound('Escalation', id);
    if (escalation.status === 'RULED' || escalation.status === 'CLOSED') {
      throw new Conflict('ESCALATION_CLOSED', `The case is ${escalation.status}.`, { status: escalation.status });
    }
    return escalation;
  }

  private view(row: EscalationEntity, now: Date) {
    const open = row.status === 'OPEN' || row.status === 'CLAIMED';
    return {
      id: row.id,
      disputeId: row.disputeId,
      sellerId: row.sellerId,
      status: row.status,
      cause: row.cause,
      escalatedAt: row.escalatedAt.toISOString(),
      dueAt: row.dueAt.toISOString(),
      overdue: open && now.getTime() >= row.dueAt.getTime(),
      overdueFlaggedAt: row.overdueFlaggedAt?.toISOString() ?? null,
      claimedBy: row.claimedBy,
      claimedAt: row.claimedAt?.toISOString() ?? null,
      ruling: row.ruling,
      rulingSubmittedBy: row.rulingSubmittedBy,
      ruledBy: row.ruledBy,
      ruledAt: row.ruledAt?.toISOString() ?? null,
      agreedAfterEscalation: row.agreedAfterEscalation,
    };
  }
}

/** The queue's glance at a case's dispute: reason, amounts, buyer country. */
function caseSummary(dispute: DisputeProjectionEntity | undefined) {
  if (!dispute) return null;
  const { order, requested } = dispute.opened;
  return {
    orderId: dispute.orderId,
    reason: dispute.reason,
    subReason: dispute.subReason ?? null,
    paid: order.amount,
    requested,
    buyerCountry: order.buyerCountry,
  };
}

function staffIdOf(principal: Principal): string {
  return principal.staffId ?? principal.keyId;
}

function disputeView(dispute: DisputeProjectionEntity) {
  const opened = dispute.opened;
  return {
    id: dispute.disputeId,
    status: dispute.status,
    version: dispute.version,
    orderId: dispute.orderId,
    buyerId: dispute.buyerId,
    sellerId: dispute.sellerId,
    listingId: dispute.listingId,
    reason: dispute.reason,
    subReason: dispute.subReason,
    requested: opened.requested,
    description: opened.description,
    evidence: opened.evidence,
    order: opened.order,
    openedAt: opened.openedAt,
    escalatedAt: dispute.escalatedAt?.toISOString() ?? null,
    sellerFirstRespondedAt: dispute.sellerFirstRespondedAt?.toISOString() ?? null,
    resolution: dispute.resolution,
  };
}
