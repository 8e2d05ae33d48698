import { Injectable } from '@nestjs/common';
import {
  CatalogueAction,
  EventType,
  Topics,
  uuidv7,
  type BuyerNoticeRequestedPayload,
  type OrderPaidPayload,
  type RefundAcceptedPayload,
  type RefundOfferedPayload,
  type SupplyIncidentClosedPayload,
  type SupplyIncidentOpenedPayload,
  type SupplyIncidentUpdatedPayload,
} from '@settle/contracts';
import { Outbox, TransactionRunner, type OutgoingEvent, type Transaction } from '@settle/messaging';
import {
  Clock,
  Conflict,
  NotFound,
  RuleViolation,
  ValidationFailed,
  decodeCursor,
  encodeCursor,
  type Page,
  type Principal,
} from '@settle/platform';
import type { DeclareIncidentBody, IncidentsQuery, UpdateIncidentBody } from './dto/supply-incidents.dto';
import {
  DisputeOutcome,
  DisputeProposalState,
  affects,
  buyerNotice,
  close,
  declare,
  openingActions,
  updateRestock,
  isSettled,
  type Decision,
  type IncidentProgress,
  type SupplyIncident,
} from './supply-incident';
import { IncidentProposalWorker } from './incident-proposals.worker';
import { IncidentSettlement } from './incident-settlement.service';
import { SupplyIncidentsRepository, type ListingOrder } from './supply-incidents.repository';

/**
 * Events per outbox INSERT (each one statement of five unnest arrays, whatever its size). A 10,000-order incident
 * writes 20,000 events, ~14 MB; measured at load 1.5 (prepare and INSERT, three runs each): 500 a statement
 * 0.72-0.99 s, 1,000 1.03-1.29 s, 250 0.94-1.05 s, 5,000 1.2 s, all 20,000 in one 2.1-2.2 s.
 */
const OUTBOX_CHUNK = 500;

/**
 * The supply incident (issue 19): declared, updated and closed here, its effects written in the same transaction
 * as the state they follow from. The affected orders' notices and offers go out with the rows that record them
 * (supply_incident_orders, one per incident and order), so a retry or a redelivery never sends one twice. The open
 * disputes on those orders are queued in the same transaction (supply_incident_disputes, one per incident and
 * dispute) and proposed in bounded batches by IncidentProposalWorker.
 */
@Injectable()
export class SupplyIncidentsService {
  constructor(
    private readonly incidents: SupplyIncidentsRepository,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly proposals: IncidentProposalWorker,
    private readonly settlement: IncidentSettlement,
    private readonly clock: Clock,
  ) {}

  async declare(principal: Principal, body: DeclareIncidentBody): Promise<SupplyIncident> {
    const now = this.clock.now();
    const declared = await this.transactions.run(async (tx) => {
      const listing = await this.incidents.lockListing(tx, body.listingId);
      if (!listing || (principal.role === 'seller' && listing.sellerId !== principal.sellerId)) {
        throw new NotFound('Listing', body.listingId);
      }
      const open = await this.incidents.openIncidentsOf(tx, listing.listingId);
      const incident = decided(
        declare(body, {
          id: uuidv7(),
          listing,
          open,
          declaredBy: principal.role === 'seller' ? 'seller' : 'platform',
          now,
        }),
      );
      await this.incidents.insertIncident(tx, incident);
      const opened: SupplyIncidentOpenedPayload = {
        incidentId: incident.id,
        listingId: incident.listingId,
        sellerId: incident.sellerId,
        skuIds: incident.skuIds,
        cause: incident.cause,
        ...(incident.expectedRestockAt ? { expectedRestockAt: incident.expectedRestockAt } : {}),
        remedy: incident.remedy,
        ...(incident.waitUntil ? { waitUntil: incident.waitUntil } : {}),
        requestedActions: openingActions(),
        openedAt: incident.openedAt,
      };
      await this.outbox.append(tx, [listingEvent(EventType.LISTING_SUPPLY_INCIDENT_OPENED, incident, opened)]);
      const orders = await this.incidents.unshippedOrdersOf(tx, incident.listingId);
      await this.addOrders(
        tx,
        incident,
        orders.filter((order) => affects(incident, order)),
        now,
      );
      return incident;
    });
    this.proposals.wake();
    return declared;
  }

  async updateRestock(principal: Principal, id: string, body: UpdateIncidentBody): Promise<SupplyIncident> {
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const incident = decided(
        updateRestock(await this.ownIncident(principal, id, tx), body.expectedRestockAt ?? null, now),
      );
      await this.incidents.saveIncident(tx, incident);
      const updated: SupplyIncidentUpdatedPayload = {
        incidentId: incident.id,
        listingId: incident.listingId,
        sellerId: incident.sellerId,
        ...(incident.expectedRestockAt ? { expectedRestockAt: incident.expectedRestockAt } : {}),
        updatedAt: incident.updatedAt,
      };
      await this.outbox.append(tx, [listingEvent(EventType.LISTING_SUPPLY_INCIDENT_UPDATED, incident, updated)]);
      return incident;
    });
  }

  async close(principal: Principal, id: string): Promise<SupplyIncident> {
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const incident = decided(close(await this.ownIncident(principal, id, tx), now));
      await this.incidents.saveIncident(tx, incident);
      const closed: SupplyIncidentClosedPayload = {
        incidentId: incident.id,
        listingId: incident.listingId,
        sellerId: incident.sellerId,
        requestedActions: [CatalogueAction.RELIST],
        closedAt: incident.closedAt ?? incident.updatedAt,
      };
      await this.outbox.append(tx, [listingEvent(EventType.LISTING_SUPPLY_INCIDENT_CLOSED, incident, closed)]);
      return incident;
    });
  }

  async get(principal: Principal, id: string) {
    const incident = await this.ownIncident(principal, id);
    const [orders, disputes] = await Promise.all([
      this.incidents.ordersOf(incident.id),
      this.incidents.disputesOf(incident.id),
    ]);
    const inIncident = orders.filter((order) => !order.droppedAt);
    const proposals = (state: DisputeProposalState) => disputes.filter((dispute) => dispute.state === state).length;
    const outcomes = (outcome: DisputeOutcome) => disputes.filter((dispute) => dispute.outcome === outcome).length;
    const progress: IncidentProgress = {
      affectedOrders: inIncident.length,
      droppedOrders: orders.length - inIncident.length,
      noticesSent: inIncident.filter((order) => order.noticeRequestedAt).length,
      refundsOffered: inIncident.filter((order) => order.refundOfferedAt).length,
      refundsAccepted: inIncident.filter((order) => order.refundAcceptedAt).length,
      ordersSettled: inIncident.filter((order) => order.settledAt).length,
      disputes: disputes.length,
      disputesQueued: proposals(DisputeProposalState.PENDING) + proposals(DisputeProposalState.SENT),
      disputesProposed: proposals(DisputeProposalState.PROPOSED),
      disputesRefused: proposals(DisputeProposalState.REFUSED),
      disputesAgreed: outcomes(DisputeOutcome.AGREED),
      disputesWithdrawn: outcomes(DisputeOutcome.WITHDRAWN),
      disputesClosed: outcomes(DisputeOutcome.CLOSED),
      disputesOpen: outcomes(DisputeOutcome.OPEN),
      settled: isSettled(orders),
    };
    return { ...incident, progress, orders, disputes };
  }

  async list(principal: Principal, query: IncidentsQuery): Promise<Page<SupplyIncident>> {
    const limit = query.limit ?? 50;
    const before = query.cursor ? decodeCursor<{ id: string }>(query.cursor, ['id']).id : undefined;
    const sellerId = principal.role === 'seller' ? principal.sellerId : query.sellerId;
    const items = await this.incidents.listIncidents(sellerId, before, limit + 1);
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return { items: page, nextCursor: items.length > limit && last ? encodeCursor({ id: last.id }) : null };
  }

  /** order.paid, in the order consumer's transaction: an order of a listing under an open incident joins it. */
  async onOrderPaid(tx: Transaction, paid: OrderPaidPayload): Promise<void> {
    await this.incidents.shareListing(tx, paid.listingId);
    await this.incidents.lockOrder(tx, paid.orderId);
    const open = await this.incidents.openIncidentsOf(tx, paid.listingId);
    const order: ListingOrder = {
      orderId: paid.orderId,
      buyerId: paid.buyerId,
      sellerId: paid.sellerId,
      listingId: paid.listingId,
      skuId: paid.skuId,
      buyerLocale: paid.buyerLocale ?? null,
      amount: paid.amount,
      shippedAt: null,
    };
    const now = this.clock.now();
    for (const incident of open.filter((candidate) => affects(candidate, order))) {
      await this.addOrders(tx, incident, [order], now);
    }
  }

  /** order.shipped, in the order consumer's transaction: the order drops out of its incidents. */
  async onOrderShipped(tx: Transaction, orderId: string, shippedAt: string): Promise<void> {
    await this.incidents.shareListingOfOrder(tx, orderId);
    const at = this.clock.now().toISOString();
    // The orders left may all be settled already: the seller hears it now.
    for (const incidentId of await this.incidents.dropShipped(tx, orderId, shippedAt)) {
      await this.settlement.tellIfSettled(tx, incidentId, at);
    }
  }

  /** order.refund_accepted, in the order consumer's transaction: the buyer took the refund; the order is settled. */
  async onRefundAccepted(tx: Transaction, accepted: RefundAcceptedPayload): Promise<void> {
    await this.settlement.settleOrder(tx, accepted.incidentId, accepted.orderId, this.clock.now().toISOString(), true);
  }

  private async addOrders(tx: Transaction, incident: SupplyIncident, orders: ListingOrder[], now: Date) {
    const at = now.toISOString();
    const notices = new Map(orders.map((order) => [order.orderId, buyerNotice(incident, order)]));
    const added = await this.incidents.addOrders(
      tx,
      incident.id,
      orders.map((order) => ({
        orderId: order.orderId,
        buyerId: order.buyerId,
        locale: notices.get(order.orderId)?.locale ?? 'en',
        amount: order.amount,
      })),
      at,
    );
    const events: OutgoingEvent[] = [];
    for (const order of orders) {
      // Each notice is filled once (above), for the row and for its event.
      const notice = notices.get(order.orderId);
      if (!notice || !added.has(order.orderId)) continue;
      const requested: BuyerNoticeRequestedPayload = {
        orderId: order.orderId,
        incidentId: incident.id,
        buyerId: order.buyerId,
        sellerId: incident.sellerId,
        listingId: incident.listingId,
        locale: notice.locale,
        subject: notice.subject,
        body: notice.body,
        requestedAt: at,
      };
      const offered: RefundOfferedPayload = {
        orderId: order.orderId,
        incidentId: incident.id,
        buyerId: order.buyerId,
        sellerId: incident.sellerId,
        remedy: incident.remedy,
        amount: order.amount,
        ...(incident.waitUntil ? { waitUntil: incident.waitUntil } : {}),
        offeredAt: at,
      };
      events.push(orderEvent(EventType.ORDER_BUYER_NOTICE_REQUESTED, order.orderId, incident, requested));
      events.push(orderEvent(EventType.ORDER_REFUND_OFFERED, order.orderId, incident, offered));
    }
    for (let start = 0; start < events.length; start += OUTBOX_CHUNK) {
      await this.outbox.append(tx, events.slice(start, start + OUTBOX_CHUNK));
    }
    if (added.size === 0) return;
    // Their open disputes are queued here, in the same transaction, and proposed by IncidentProposalWorker.
    await this.incidents.queueDisputesOfOrders(tx, incident.id, incident.sellerId, [...added], at);
    // An order joining an incident the seller heard was settled: the seller hears it again once this one settles.
    await this.incidents.markSettledNotified(tx, incident.id, null);
  }

  private async ownIncident(principal: Principal, id: string, tx?: Transaction): Promise<SupplyIncident> {
    const incident = await this.incidents.findIncident(id, tx);
    if (!incident || (principal.role === 'seller' && incident.sellerId !== principal.sellerId)) {
      throw new NotFound('Supply incident', id);
    }
    return incident;
  }
}

function decided<T>(decision: Decision<T>): T {
  if (decision.ok) return decision.value;
  const { code, field, message } = decision.refusal;
  const errors = [{ field, message }];
  if (code === 'VALIDATION_FAILED') throw new ValidationFailed(errors, message);
  if (code === 'SUPPLY_INCIDENT_ALREADY_OPEN' || code === 'SUPPLY_INCIDENT_CLOSED') {
    throw new Conflict(code, message, { errors });
  }
  throw new RuleViolation(code, message, { errors });
}

function listingEvent<T>(type: string, incident: SupplyIncident, data: T): OutgoingEvent<T> {
  return { topic: Topics.LISTING_EVENTS, type, subject: incident.listingId, sellerId: incident.sellerId, data };
}

function orderEvent<T>(type: string, orderId: string, incident: SupplyIncident, data: T): OutgoingEvent<T> {
  return { topic: Topics.ORDER_EVENTS, type, subject: orderId, sellerId: incident.sellerId, data };
}
