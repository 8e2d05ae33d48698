import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Money, SupplyIncidentCause, SupplyRemedy } from '@settle/contracts';
import type { Transaction } from '@settle/messaging';
import { DataSource } from 'typeorm';
import type {
  DisputeOutcome,
  DisputeProposalState,
  KnownListing,
  SupplyIncident,
  SupplyIncidentStatus,
} from './supply-incident';

/** An order of the listing as order events told it: what the incident needs to decide and to write the notice. */
export interface ListingOrder {
  orderId: string;
  buyerId: string;
  sellerId: string;
  listingId: string;
  skuId: string | null;
  buyerLocale: string | null;
  amount: Money;
  shippedAt: string | null;
}

export interface IncidentOrderProgress {
  orderId: string;
  buyerId: string;
  locale: string;
  amount: Money;
  addedAt: string;
  noticeRequestedAt: string | null;
  refundOfferedAt: string | null;
  droppedAt: string | null;
  settledAt: string | null;
  refundAcceptedAt: string | null;
}

export interface IncidentDisputeProgress {
  disputeId: string;
  orderId: string;
  /** The seller's proposal: PENDING, SENT, PROPOSED or REFUSED (`refusal` says why). */
  state: DisputeProposalState;
  /** The dispute: OPEN, AGREED, WITHDRAWN or CLOSED. */
  outcome: DisputeOutcome;
  refusal: string | null;
  proposalId: string | null;
  messageId: string | null;
  updatedAt: string;
}

/** A dispute row of an incident as the proposal worker and the dispute events need it. */
export interface IncidentDisputeRow {
  incidentId: string;
  disputeId: string;
  orderId: string;
  state: DisputeProposalState;
  outcome: DisputeOutcome;
  commandId: string | null;
  attempts: number;
}

/** A queued dispute claimed by the proposal worker, with what it needs to decide. */
export interface PendingProposal extends IncidentDisputeRow {
  incidentOpen: boolean;
  orderDropped: boolean;
}

type DisputeRow = {
  incident_id: string;
  dispute_id: string;
  order_id: string;
  state: DisputeProposalState;
  outcome: DisputeOutcome;
  command_id: string | null;
  attempts: number;
};

const toDisputeRow = (row: DisputeRow): IncidentDisputeRow => ({
  incidentId: row.incident_id,
  disputeId: row.dispute_id,
  orderId: row.order_id,
  state: row.state,
  outcome: row.outcome,
  commandId: row.command_id,
  attempts: row.attempts,
});

type IncidentRow = {
  id: string;
  listing_id: string;
  seller_id: string;
  sku_ids: string[];
  cause: string;
  expected_restock_at: Date | null;
  remedy: string;
  wait_until: Date | null;
  status: string;
  declared_by: string;
  opened_at: Date;
  updated_at: Date;
  closed_at: Date | null;
};

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

function toIncident(row: IncidentRow): SupplyIncident {
  return {
    id: row.id,
    listingId: row.listing_id,
    sellerId: row.seller_id,
    skuIds: row.sku_ids,
    cause: row.cause as SupplyIncidentCause,
    expectedRestockAt: iso(row.expected_restock_at),
    remedy: row.remedy as SupplyRemedy,
    waitUntil: iso(row.wait_until),
    status: row.status as SupplyIncidentStatus,
    declaredBy: row.declared_by as 'seller' | 'platform',
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: iso(row.closed_at),
  };
}

@Injectable()
export class SupplyIncidentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async upsertListing(tx: Transaction, listing: KnownListing, at: string): Promise<void> {
    await tx.query(
      `INSERT INTO supply_listings (listing_id, seller_id, sku_ids, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (listing_id) DO UPDATE SET seller_id = EXCLUDED.seller_id, sku_ids = EXCLUDED.sku_ids,
         updated_at = EXCLUDED.updated_at`,
      [listing.listingId, listing.sellerId, listing.skuIds, at],
    );
  }

  /** The listing, locked until the transaction ends: declarations on one listing take turns (one open incident). */
  async lockListing(tx: Transaction, listingId: string): Promise<KnownListing | null> {
    const [row] = await tx.query<{ listing_id: string; seller_id: string; sku_ids: string[] }[]>(
      `SELECT listing_id, seller_id, sku_ids FROM supply_listings WHERE listing_id = $1 FOR UPDATE`,
      [listingId],
    );
    return row ? { listingId: row.listing_id, sellerId: row.seller_id, skuIds: row.sku_ids } : null;
  }

  /**
   * An order event's side of the declaration's lock: a shared lock on the listing, so an order consumed while an
   * incident is being declared waits for it (and then sees the incident), or is seen by it (the declaration waits for
   * the order's transaction); orders of one listing do not wait for each other.
   */
  async shareListing(tx: Transaction, listingId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM supply_listings WHERE listing_id = $1 FOR SHARE`, [listingId]);
  }

  /** The listing of an order this service knows, under the same shared lock. */
  async shareListingOfOrder(tx: Transaction, orderId: string): Promise<void> {
    await tx.query(
      `SELECT 1 FROM supply_listings WHERE listing_id = (SELECT listing_id FROM buyer_orders WHERE order_id = $1)
       FOR SHARE`,
      [orderId],
    );
  }

  async openIncidentsOf(tx: Transaction, listingId: string): Promise<SupplyIncident[]> {
    const rows = await tx.query<IncidentRow[]>(
      `SELECT * FROM supply_incidents WHERE listing_id = $1 AND status = 'OPEN' ORDER BY id`,
      [listingId],
    );
    return rows.map(toIncident);
  }

  async insertIncident(tx: Transaction, incident: SupplyIncident): Promise<void> {
    await tx.query(
      `INSERT INTO supply_incidents (id, listing_id, seller_id, sku_ids, cause, expected_restock_at, remedy, wait_until,
         status, declared_by, opened_at, updated_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        incident.id,
        incident.listingId,
        incident.sellerId,
        incident.skuIds,
        incident.cause,
        incident.expectedRestockAt,
        incident.remedy,
        incident.waitUntil,
        incident.status,
        incident.declaredBy,
        incident.openedAt,
        incident.updatedAt,
        incident.closedAt,
      ],
    );
  }

  async saveIncident(tx: Transaction, incident: SupplyIncident): Promise<void> {
    await tx.query(
      `UPDATE supply_incidents SET expected_restock_at = $2, status = $3, updated_at = $4, closed_at = $5 WHERE id = $1`,
      [incident.id, incident.expectedRestockAt, incident.status, incident.updatedAt, incident.closedAt],
    );
  }

  /** The incident, locked for the transaction when `tx` is given. */
  async findIncident(id: string, tx?: Transaction): Promise<SupplyIncident | null> {
    const [row] = tx
      ? await tx.query<IncidentRow[]>(`SELECT * FROM supply_incidents WHERE id = $1 FOR UPDATE`, [id])
      : await this.dataSource.query<IncidentRow[]>(`SELECT * FROM supply_incidents WHERE id = $1`, [id]);
    return row ? toIncident(row) : null;
  }

  /** Newest first; one seller's only when `sellerId` is given. */
  async listIncidents(sellerId: string | undefined, before: string | undefined, limit: number) {
    const rows = await this.dataSource.query<IncidentRow[]>(
      `SELECT * FROM supply_incidents
       WHERE ($1::text IS NULL OR seller_id = $1) AND ($2::uuid IS NULL OR id < $2)
       ORDER BY id DESC LIMIT $3`,
      [sellerId ?? null, before ?? null, limit],
    );
    return rows.map(toIncident);
  }

  /** The listing's orders that are paid and not shipped (the caller keeps those of the incident's SKUs). */
  async unshippedOrdersOf(tx: Transaction, listingId: string): Promise<ListingOrder[]> {
    const rows = await tx.query<
      {
        order_id: string;
        buyer_id: string;
        seller_id: string;
        listing_id: string;
        sku_id: string | null;
        buyer_locale: string | null;
        amount_minor: string;
        currency: string;
      }[]
    >(
      `SELECT order_id, buyer_id, seller_id, listing_id, sku_id, buyer_locale, amount_minor, currency
       FROM buyer_orders WHERE listing_id = $1 AND shipped_at IS NULL AND delivered_at IS NULL ORDER BY order_id`,
      [listingId],
    );
    return rows.map((row) => ({
      orderId: row.order_id,
      buyerId: row.buyer_id,
      sellerId: row.seller_id,
      listingId: row.listing_id,
      skuId: row.sku_id,
      buyerLocale: row.buyer_locale,
      amount: { amountMinor: Number(row.amount_minor), currency: row.currency },
      shippedAt: null,
    }));
  }

  /**
   * Adds the orders to the incident with their notice and offer recorded at `at`; returns the ids of those not
   * there before (a redelivered order event or a retried declaration adds nothing, so sends nothing twice).
   */
  async addOrders(
    tx: Transaction,
    incidentId: string,
    orders: { orderId: string; buyerId: string; locale: string; amount: Money }[],
    at: string,
  ): Promise<Set<string>> {
    if (orders.length === 0) return new Set();
    const rows = await tx.query<{ order_id: string }[]>(
      `INSERT INTO supply_incident_orders (incident_id, order_id, buyer_id, buyer_locale, amount_minor, currency,
         added_at, notice_requested_at, refund_offered_at)
       SELECT $1, o.order_id, o.buyer_id, o.locale, o.amount_minor, o.currency, $2, $2, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
         AS o (order_id, buyer_id, locale, amount_minor, currency)
       ON CONFLICT (incident_id, order_id) DO NOTHING
       RETURNING order_id`,
      [
        incidentId,
        at,
        orders.map((order) => order.orderId),
        orders.map((order) => order.buyerId),
        orders.map((order) => order.locale),
        orders.map((order) => order.amount.amountMinor),
        orders.map((order) => order.amount.currency),
      ],
    );
    return new Set(rows.map((row) => row.order_id));
  }

  /** An order that shipped after all drops out of every incident it was in (unless already settled). */
  async dropShipped(tx: Transaction, orderId: string, at: string): Promise<string[]> {
    const [rows] = await tx.query<[{ incident_id: string }[], number]>(
      `UPDATE supply_incident_orders SET dropped_at = $2
       WHERE order_id = $1 AND dropped_at IS NULL AND settled_at IS NULL RETURNING incident_id`,
      [orderId, at],
    );
    return rows.map((row) => row.incident_id);
  }

  async ordersOf(incidentId: string): Promise<IncidentOrderProgress[]> {
    const rows = await this.dataSource.query<
      {
        order_id: string;
        buyer_id: string;
        buyer_locale: string;
        amount_minor: string;
        currency: string;
        added_at: Date;
        notice_requested_at: Date | null;
        refund_offered_at: Date | null;
        dropped_at: Date | null;
        settled_at: Date | null;
        refund_accepted_at: Date | null;
      }[]
    >(`SELECT * FROM supply_incident_orders WHERE incident_id = $1 ORDER BY order_id`, [incidentId]);
    return rows.map((row) => ({
      orderId: row.order_id,
      buyerId: row.buyer_id,
      locale: row.buyer_locale,
      amount: { amountMinor: Number(row.amount_minor), currency: row.currency },
      addedAt: row.added_at.toISOString(),
      noticeRequestedAt: iso(row.notice_requested_at),
      refundOfferedAt: iso(row.refund_offered_at),
      droppedAt: iso(row.dropped_at),
      settledAt: iso(row.settled_at),
      refundAcceptedAt: iso(row.refund_accepted_at),
    }));
  }

  async disputesOf(incidentId: string): Promise<IncidentDisputeProgress[]> {
    const rows = await this.dataSource.query<
      (DisputeRow & {
        refusal: string | null;
        proposal_id: string | null;
        message_id: string | null;
        updated_at: Date;
      })[]
    >(`SELECT * FROM supply_incident_disputes WHERE incident_id = $1 ORDER BY dispute_id`, [incidentId]);
    return rows.map((row) => ({
      disputeId: row.dispute_id,
      orderId: row.order_id,
      state: row.state,
      outcome: row.outcome,
      refusal: row.refusal,
      proposalId: row.proposal_id,
      messageId: row.message_id,
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  /**
   * An order event's and a dispute opening's lock on one order, so that an order joining an incident and a dispute
   * opened on it, consumed at once from two topics, never miss each other (taken after the listing's shared lock).
   */
  async lockOrder(tx: Transaction, orderId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('supply-order:' || $1, 0))`, [orderId]);
  }

  /** The open incidents this order is in (not dropped). */
  async openIncidentsOfOrder(tx: Transaction, orderId: string): Promise<string[]> {
    const rows = await tx.query<{ incident_id: string }[]>(
      `SELECT o.incident_id FROM supply_incident_orders o JOIN supply_incidents i ON i.id = o.incident_id
       WHERE o.order_id = $1 AND o.dropped_at IS NULL AND i.status = 'OPEN' ORDER BY o.incident_id`,
      [orderId],
    );
    return rows.map((row) => row.incident_id);
  }

  /**
   * Queues the seller's proposal for every open dispute (as this service's projection knows it) on these orders of the
   * incident: one row per (incident, dispute), so a retried declaration or a redelivered event queues nothing twice.
   * Returns how many were queued.
   */
  async queueDisputesOfOrders(
    tx: Transaction,
    incidentId: string,
    sellerId: string,
    orderIds: string[],
    at: string,
  ): Promise<number> {
    if (orderIds.length === 0) return 0;
    const rows = await tx.query<{ dispute_id: string }[]>(
      `INSERT INTO supply_incident_disputes (incident_id, dispute_id, order_id, state, updated_at, queued_at)
       SELECT $1, p.id::uuid, p.order_id, 'PENDING', $3, $3 FROM dispute_projection p
       WHERE p.order_id = ANY($4::text[]) AND p.seller_id = $2 AND p.status NOT IN ('RESOLVED', 'CANCELLED')
       ON CONFLICT (incident_id, dispute_id) DO NOTHING
       RETURNING dispute_id`,
      [incidentId, sellerId, at, orderIds],
    );
    return rows.length;
  }

  /** Up to `limit` queued proposals, oldest first, locked for this transaction (other replicas skip them). */
  async claimPending(tx: Transaction, limit: number): Promise<PendingProposal[]> {
    const rows = await tx.query<(DisputeRow & { incident_status: string; dropped_at: Date | null })[]>(
      `SELECT d.incident_id, d.dispute_id, d.order_id, d.state, d.outcome, d.command_id, d.attempts,
         i.status AS incident_status, o.dropped_at
       FROM supply_incident_disputes d
       JOIN supply_incidents i ON i.id = d.incident_id
       JOIN supply_incident_orders o ON o.incident_id = d.incident_id AND o.order_id = d.order_id
       WHERE d.state = 'PENDING' ORDER BY d.queued_at, d.dispute_id LIMIT $1
       FOR UPDATE OF d SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      ...toDisputeRow(row),
      incidentOpen: row.incident_status === 'OPEN',
      orderDropped: row.dropped_at !== null,
    }));
  }

  /** The proposals sent (their commands in the outbox), each with its command id: one statement for the batch. */
  async markSent(tx: Transaction, sent: { row: IncidentDisputeRow; commandId: string }[], at: string): Promise<void> {
    if (sent.length === 0) return;
    await tx.query(
      `UPDATE supply_incident_disputes d SET state = 'SENT', command_id = s.command_id, updated_at = $4
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS s (incident_id, dispute_id, command_id)
       WHERE d.incident_id = s.incident_id AND d.dispute_id = s.dispute_id`,
      [
        sent.map(({ row }) => row.incidentId),
        sent.map(({ row }) => row.disputeId),
        sent.map(({ commandId }) => commandId),
        at,
      ],
    );
  }

  /** The proposals the lifecycle refused, each with its rule: one statement for the batch. */
  async markRefused(tx: Transaction, refused: { row: IncidentDisputeRow; refusal: string }[], at: string) {
    if (refused.length === 0) return;
    await tx.query(
      `UPDATE supply_incident_disputes d SET state = 'REFUSED', refusal = r.refusal, updated_at = $4
       FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS r (incident_id, dispute_id, refusal)
       WHERE d.incident_id = r.incident_id AND d.dispute_id = r.dispute_id`,
      [
        refused.map(({ row }) => row.incidentId),
        refused.map(({ row }) => row.disputeId),
        refused.map(({ refusal }) => refusal.slice(0, 2000)),
        at,
      ],
    );
  }

  /** Sent again later: the owner refused the proposal as stale (this service's projection trailed it). */
  async requeue(tx: Transaction, row: IncidentDisputeRow, at: string): Promise<void> {
    await tx.query(
      `UPDATE supply_incident_disputes SET state = 'PENDING', command_id = NULL, attempts = attempts + 1,
         updated_at = $3, queued_at = $3
       WHERE incident_id = $1 AND dispute_id = $2`,
      [row.incidentId, row.disputeId, at],
    );
  }

  async markProposed(
    tx: Transaction,
    row: IncidentDisputeRow,
    proposalId: string,
    messageId: string,
    at: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE supply_incident_disputes SET state = 'PROPOSED', proposal_id = $3, message_id = $4, updated_at = $5
       WHERE incident_id = $1 AND dispute_id = $2`,
      [row.incidentId, row.disputeId, proposalId, messageId, at],
    );
  }

  async setOutcome(tx: Transaction, row: IncidentDisputeRow, outcome: DisputeOutcome, at: string): Promise<void> {
    await tx.query(
      `UPDATE supply_incident_disputes SET outcome = $3, updated_at = $4 WHERE incident_id = $1 AND dispute_id = $2`,
      [row.incidentId, row.disputeId, outcome, at],
    );
  }

  /** The incidents' rows of one dispute, locked for the transaction. */
  async disputeRows(tx: Transaction, disputeId: string): Promise<IncidentDisputeRow[]> {
    const rows = await tx.query<DisputeRow[]>(
      `SELECT incident_id, dispute_id, order_id, state, outcome, command_id, attempts
       FROM supply_incident_disputes WHERE dispute_id = $1 ORDER BY incident_id FOR UPDATE`,
      [disputeId],
    );
    return rows.map(toDisputeRow);
  }

  /** The order is settled in the incident (refund accepted, or its dispute settled); false when not in it. */
  async settleOrder(
    tx: Transaction,
    incidentId: string,
    orderId: string,
    at: string,
    refundAccepted: boolean,
  ): Promise<boolean> {
    const [rows] = await tx.query<[unknown[], number]>(
      `UPDATE supply_incident_orders SET settled_at = COALESCE(settled_at, $3),
         refund_accepted_at = CASE WHEN $4 THEN COALESCE(refund_accepted_at, $3) ELSE refund_accepted_at END
       WHERE incident_id = $1 AND order_id = $2 AND dropped_at IS NULL RETURNING order_id`,
      [incidentId, orderId, at, refundAccepted],
    );
    return rows.length > 0;
  }

  /**
   * The incident locked for the transaction, with its orders' settlement and whether the seller was told: two
   * orders settled at once in two transactions take turns here, so the last one sees the other and tells the seller.
   */
  async lockSettlement(tx: Transaction, incidentId: string) {
    const [incident] = await tx.query<(IncidentRow & { settled_notified_at: Date | null })[]>(
      `SELECT * FROM supply_incidents WHERE id = $1 FOR UPDATE`,
      [incidentId],
    );
    if (!incident) return null;
    const orders = await tx.query<{ dropped_at: Date | null; settled_at: Date | null }[]>(
      `SELECT dropped_at, settled_at FROM supply_incident_orders WHERE incident_id = $1`,
      [incidentId],
    );
    return {
      incident: toIncident(incident),
      settledNotifiedAt: iso(incident.settled_notified_at),
      orders: orders.map((row) => ({ droppedAt: iso(row.dropped_at), settledAt: iso(row.settled_at) })),
    };
  }

  /** Told (or, with null, to be told again: an order joined after the seller heard the incident was settled). */
  async markSettledNotified(tx: Transaction, incidentId: string, at: string | null): Promise<void> {
    await tx.query(`UPDATE supply_incidents SET settled_notified_at = $2 WHERE id = $1`, [incidentId, at]);
  }
}
