import { escalationWindow, type Dispute, type Policy } from '@settle/dispute-lifecycle';
import type { DisputeEventEntity } from './dispute-event.entity';
import type { DisputeEntity } from './dispute.entity';
import { wireProposal } from './wire-events';

/** One deadline as GET shows it: running (`dueAt`) or paused (`remainingMs`), with its adjustments. */
export interface DeadlineView {
  kind: string;
  dueAt: string | null;
  remainingMs?: number;
  adjustments?: unknown[];
}

/** The deadlines running on a dispute, plus the buyer's escalation window while it can still matter (policy). */
export function deadlinesOf(state: Dispute, policy: Policy): DeadlineView[] {
  const running: DeadlineView[] = state.deadlines.map((deadline) => ({
    kind: deadline.kind,
    dueAt: deadline.dueAt,
    ...(deadline.remainingMs !== undefined ? { remainingMs: deadline.remainingMs } : {}),
    ...(deadline.adjustments?.length ? { adjustments: [...deadline.adjustments] } : {}),
  }));
  if (['OPENED', 'AWAITING_SELLER', 'NEGOTIATING'].includes(state.status)) {
    const window = escalationWindow(state, policy);
    running.push(
      { kind: 'BUYER_ESCALATION_OPENS', dueAt: window.opensAt.toISOString() },
      { kind: 'BUYER_ESCALATION_CLOSES', dueAt: window.closesAt.toISOString() },
    );
  }
  return running;
}

export function historyEntry(event: DisputeEventEntity) {
  return {
    eventId: event.eventId,
    type: event.type,
    version: event.version,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/** A dispute in a list: what identifies it and where it stands. */
export function disputeSummary(entity: DisputeEntity, policy: Policy) {
  const { opened, state } = entity;
  return {
    id: entity.id,
    status: entity.status,
    version: entity.version,
    orderId: entity.orderId,
    buyerId: entity.buyerId,
    sellerId: entity.sellerId,
    listingId: entity.listingId,
    reason: opened.reason,
    subReason: opened.subReason,
    requested: opened.requested,
    openedAt: entity.openedAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    deadlines: deadlinesOf(state, policy),
  };
}

/** The whole dispute (docs/CONTRACT.md `GET /v1/disputes/{id}`), its history oldest first. */
export function disputeView(entity: DisputeEntity, history: DisputeEventEntity[], policy: Policy) {
  const { opened, state } = entity;
  const last = (type: string) => [...history].reverse().find((event) => event.type === type)?.data;
  return {
    ...disputeSummary(entity, policy),
    parties: { buyerId: entity.buyerId, sellerId: entity.sellerId },
    description: opened.description,
    evidence: opened.evidence,
    buyerLocale: opened.buyerLocale,
    order: opened.order,
    ...(opened.listingAtPurchase ? { listingAtPurchase: opened.listingAtPurchase } : {}),
    proposals: {
      buyer: state.currentBuyerProposal ? wireProposal(state.currentBuyerProposal) : null,
      seller: state.currentSellerProposal ? wireProposal(state.currentSellerProposal) : null,
      all: state.proposals.map(wireProposal),
    },
    ...(state.agreement ? { agreement: state.agreement } : {}),
    ...(state.escalation ? { escalation: state.escalation } : {}),
    ...(state.returnShipment ? { returnShipment: state.returnShipment } : {}),
    ruling: last('dispute.ruled')?.ruling ?? null,
    resolution: last('dispute.resolved')?.resolution ?? null,
    ...(state.cancellation ? { cancellation: state.cancellation } : {}),
    history: history.map(historyEntry),
  };
}
