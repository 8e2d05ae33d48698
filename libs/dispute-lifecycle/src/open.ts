import { type Money, isKnownCurrency } from '@settle/contracts/money';
import { isKnownCountry } from './calendar';
import { isInstantString, isList, nonEmpty } from './checks';
import type { OpenDisputeInput } from './commands';
import {
  type Dispute,
  type OrderSnapshot,
  type Proposal,
  DISPUTE_REASONS,
  EVIDENCE_KINDS,
  REQUESTED_TYPES,
  SUB_REASONS,
  TRACKING_STATUSES,
} from './domain';
import { assertInstant } from './duration';
import type { DisputeOpened } from './events';
import { evolve } from './evolve';
import { type Policy, checkOpeningWindow, checkRefundLimit, deadlineFor } from './policy';
import { type Check, type Rejection, reject } from './rejections';

export type OpenResult =
  | {
      readonly ok: true;
      readonly event: DisputeOpened;
      readonly events: readonly [DisputeOpened];
      readonly dispute: Dispute;
    }
  | { readonly ok: false; readonly rejection: Rejection };

/** Opens a dispute: every check of docs/DOMAIN.md for a new dispute, then its first event and state. */
export function open(input: OpenDisputeInput, now: Date, policy: Policy): OpenResult {
  assertInstant(now, 'now');
  const refused = (rejection: Rejection): OpenResult => ({ ok: false, rejection: rejection });
  for (const field of ['disputeId', 'orderId', 'buyerId', 'sellerId', 'listingId'] as const) {
    if (!nonEmpty(input[field])) return refused(reject('INVALID_ORDER', `${field} is required.`));
  }
  if (!DISPUTE_REASONS.includes(input.reason)) {
    return refused(reject('UNKNOWN_REASON', `"${String(input.reason)}" is not one of ${DISPUTE_REASONS.join(', ')}.`));
  }
  // Every reason has its sub-reasons (libs/contracts/src/enums.ts); the buyer picks one of them.
  const allowed: readonly string[] = SUB_REASONS[input.reason];
  const subReason = input.subReason ?? null;
  if (subReason === null || !allowed.includes(subReason)) {
    return refused(
      reject('INVALID_SUB_REASON', `${input.reason} takes one of ${allowed.join(', ')}; got ${String(subReason)}.`),
    );
  }
  const evidence = input.evidence ?? [];
  if (!isList(evidence)) return refused(reject('INVALID_EVIDENCE', 'evidence is a list.'));
  for (const [i, item] of evidence.entries()) {
    if (!item || !EVIDENCE_KINDS.includes(item.kind) || !/^https?:\/\/\S+$/i.test(String(item.url))) {
      return refused(
        reject('INVALID_EVIDENCE', `evidence[${i}] needs a kind (${EVIDENCE_KINDS.join(', ')}) and an http(s) URL.`),
      );
    }
  }
  if (input.reason === 'NOT_AS_DESCRIBED' && !evidence.some((item) => item.kind !== 'TRACKING')) {
    return refused(reject('EVIDENCE_REQUIRED'));
  }
  if (!input.requested || !REQUESTED_TYPES.includes(input.requested.type)) {
    return refused(reject('INVALID_REQUESTED_TYPE'));
  }
  const orderCheck = checkOrder(input.order);
  if (!orderCheck.ok) return refused(orderCheck.rejection);
  const refundCheck = checkRefundLimit(input.requested.refund, input.order.amount);
  if (!refundCheck.ok) return refused(refundCheck.rejection);
  const order = normalizeOrder(input.order);
  const windowCheck = checkOpeningWindow(order, now, policy);
  if (!windowCheck.ok) return refused(windowCheck.rejection);

  const at = now.toISOString();
  const proposalId = input.proposalId ?? `${input.disputeId}:P1`;
  if (!nonEmpty(proposalId)) return refused(reject('INVALID_ORDER', 'proposalId must be a non-empty string.'));
  const proposal: Proposal = {
    proposalId,
    by: 'BUYER',
    type: input.requested.type,
    refund: input.requested.refund,
    submittedAt: at,
    round: 1,
  };
  const ctx = { sellerCountry: order.sellerCountry, buyerCountry: order.buyerCountry };
  const event: DisputeOpened = {
    type: 'dispute.opened',
    disputeId: input.disputeId,
    version: 1,
    at,
    data: {
      orderId: input.orderId,
      buyerId: input.buyerId,
      sellerId: input.sellerId,
      listingId: input.listingId,
      reason: input.reason,
      subReason,
      requested: { type: input.requested.type, refund: input.requested.refund },
      order,
      proposal,
      ...(input.description !== undefined ? { description: input.description } : {}),
      evidence,
      deadlines: [
        { kind: 'SELLER_RESPONSE', dueAt: deadlineFor('SELLER_RESPONSE', now, policy, ctx).toISOString() },
        { kind: 'PLATFORM_INTERVENTION', dueAt: deadlineFor('PLATFORM_INTERVENTION', now, policy, ctx).toISOString() },
      ],
    },
  };
  return { ok: true, event, events: [event], dispute: evolve(undefined, event) };
}

function checkOrder(order: OrderSnapshot | undefined): Check {
  const bad = (detail: string): Check => ({ ok: false, rejection: reject('INVALID_ORDER', detail) });
  if (!order || typeof order !== 'object') return bad('the order snapshot is required.');
  const amount = order.amount as Money | undefined;
  if (!amount || typeof amount.currency !== 'string') return bad('order.amount is required.');
  if (!isKnownCurrency(amount.currency)) {
    return {
      ok: false,
      rejection: reject('UNKNOWN_CURRENCY', `"${amount.currency}" is not a known ISO 4217 currency.`),
    };
  }
  if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor <= 0) {
    return {
      ok: false,
      rejection: reject('INVALID_AMOUNT', 'order.amount is a positive whole number of minor units.'),
    };
  }
  if (!isInstantString(order.paidAt)) return bad('order.paidAt must be an RFC 3339 instant.');
  if (order.shippedAt !== undefined) {
    if (!isInstantString(order.shippedAt)) return bad('order.shippedAt must be an RFC 3339 instant.');
    if (Date.parse(order.shippedAt) < Date.parse(order.paidAt)) return bad('order.shippedAt is before order.paidAt.');
  }
  if (order.deliveredAt !== undefined && !isInstantString(order.deliveredAt)) {
    return bad('order.deliveredAt must be an RFC 3339 instant.');
  }
  if (!Number.isInteger(order.promisedDeliveryDays) || order.promisedDeliveryDays < 0) {
    return bad('order.promisedDeliveryDays must be a whole number ≥ 0.');
  }
  if (order.trackingStatus !== undefined && !TRACKING_STATUSES.includes(order.trackingStatus)) {
    return bad(`order.trackingStatus must be one of ${TRACKING_STATUSES.join(', ')}.`);
  }
  for (const field of ['buyerCountry', 'sellerCountry'] as const) {
    if (!isKnownCountry(order[field])) return bad(`order.${field} must be an ISO 3166-1 alpha-2 country code.`);
  }
  return { ok: true };
}

function normalizeOrder(order: OrderSnapshot): OrderSnapshot {
  const iso = (value: string) => new Date(value).toISOString();
  return {
    ...order,
    paidAt: iso(order.paidAt),
    ...(order.shippedAt !== undefined ? { shippedAt: iso(order.shippedAt) } : {}),
    ...(order.deliveredAt !== undefined ? { deliveredAt: iso(order.deliveredAt) } : {}),
  };
}
