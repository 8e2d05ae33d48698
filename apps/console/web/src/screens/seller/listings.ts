import type { components as Audit } from '../../api/schema/listing-audit';
import type { Money } from '../../format/money';

export type ListingSummary = Audit['schemas']['ListingSummaryView'];
export type AuditResult = Audit['schemas']['AuditView'];
export type Finding = Audit['schemas']['FindingView'];

/**
 * A supply incident as negotiation answers it (issue 19: `GET /v1/supply-incidents`, and with its progress
 * `GET /v1/supply-incidents/{id}`). The service does not document these bodies in its OpenAPI yet, so the shape
 * the page reads is named here.
 */
export interface SupplyIncident {
  id: string;
  listingId: string;
  sellerId: string;
  /** Empty: the whole listing. */
  skuIds: string[];
  cause: string;
  expectedRestockAt: string | null;
  remedy: string;
  waitUntil: string | null;
  status: 'OPEN' | 'CLOSED';
  declaredBy: 'seller' | 'platform';
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface IncidentProgress {
  affectedOrders: number;
  droppedOrders: number;
  noticesSent: number;
  refundsOffered: number;
  ordersSettled: number;
  disputes: number;
  disputesProposed: number;
  disputesAgreed: number;
  disputesWithdrawn: number;
  disputesRefused: number;
  settled: boolean;
}

export interface IncidentOrder {
  orderId: string;
  buyerId: string;
  locale: string;
  amount: Money;
  addedAt: string;
  noticeRequestedAt: string | null;
  refundOfferedAt: string | null;
  droppedAt: string | null;
  settledAt: string | null;
}

export interface IncidentDispute {
  disputeId: string;
  orderId: string;
  /** PROPOSED, AGREED, WITHDRAWN, REFUSED (or a state a later step adds). */
  state: string;
  refusal: string | null;
  updatedAt: string;
}

export interface IncidentDetail extends SupplyIncident {
  progress: IncidentProgress;
  orders: IncidentOrder[];
  disputes: IncidentDispute[];
}

/** The disputes of an incident not yet agreed, withdrawn or refused: those the seller still waits on. */
export function disputesStillOpen(progress: IncidentProgress): number {
  return Math.max(
    0,
    progress.disputes - progress.disputesAgreed - progress.disputesWithdrawn - progress.disputesRefused,
  );
}

/** Open incidents first (newest first), then closed ones (newest closed first). */
export function byIncidentUrgency(a: SupplyIncident, b: SupplyIncident): number {
  if (a.status !== b.status) return a.status === 'OPEN' ? -1 : 1;
  const at = (incident: SupplyIncident) => incident.closedAt ?? incident.openedAt;
  return at(b).localeCompare(at(a));
}

/** Each listing's incidents, in the order above (the listings page shows them on their listing). */
export function incidentsByListing<T extends SupplyIncident>(incidents: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const incident of [...incidents].sort(byIncidentUrgency)) {
    const list = out.get(incident.listingId) ?? [];
    list.push(incident);
    out.set(incident.listingId, list);
  }
  return out;
}

/** Findings most severe first (BLOCK, WARN, INFO), keeping the service's order within a severity. */
const SEVERITY_RANK: Record<string, number> = { BLOCK: 0, WARN: 1, INFO: 2 };
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        (SEVERITY_RANK[a.finding.severity] ?? 3) - (SEVERITY_RANK[b.finding.severity] ?? 3) || a.index - b.index,
    )
    .map((item) => item.finding);
}

/** Why a listing is flagged, as the service decides it from its latest audit (dispute feedback first). */
export function flagOf(audit: AuditResult | null): ListingSummary['flaggedBy'] {
  if (audit?.trigger === 'DISPUTE_FEEDBACK') return 'DISPUTE_FEEDBACK';
  return audit?.verdict === 'BLOCK' ? 'AUDIT_BLOCK' : null;
}

/** The listings after an audit on demand: that listing's latest audit and flag replaced, the order kept until reload. */
export function withAudit(listings: readonly ListingSummary[], audit: AuditResult): ListingSummary[] {
  return listings.map((listing) => {
    if (listing.listingId !== audit.listingId) return listing;
    const flaggedBy = flagOf(audit);
    return { ...listing, audit, flagged: flaggedBy !== null, flaggedBy };
  });
}
