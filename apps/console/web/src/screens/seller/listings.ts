import type { components as Audit } from '../../api/schema/listing-audit';
import type { components as Negotiation } from '../../api/schema/negotiation';

export type ListingSummary = Audit['schemas']['ListingSummaryView'];
export type AuditResult = Audit['schemas']['AuditView'];
export type Finding = Audit['schemas']['FindingView'];

/** A supply incident as negotiation answers it (issue 19): the list's rows, and one with its progress. */
export type SupplyIncident = Negotiation['schemas']['SupplyIncidentView'];
export type IncidentDetail = Negotiation['schemas']['SupplyIncidentDetail'];
export type IncidentProgress = Negotiation['schemas']['IncidentProgressView'];
export type IncidentOrder = Negotiation['schemas']['IncidentOrderView'];
export type IncidentDispute = Negotiation['schemas']['IncidentDisputeView'];

/** Where an order of an incident stands: shipped after all, settled (the buyer took the refund, or else), waiting. */
export function orderStanding(order: IncidentOrder): 'shipped' | 'refundAccepted' | 'settled' | 'waiting' {
  if (order.droppedAt) return 'shipped';
  if (order.refundAcceptedAt) return 'refundAccepted';
  return order.settledAt ? 'settled' : 'waiting';
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
