/** Staff service levels and seller metrics, computed from the timer's rows (plain TypeScript). */

export interface EscalationFacts {
  status: string;
  escalatedAt: Date;
  dueAt: Date;
  claimedBy: string | null;
  ruledBy: string | null;
  ruledAt: Date | null;
  agreedAfterEscalation: boolean;
}

export interface ServiceLevel {
  escalations: number;
  ruled: number;
  timeToRulingMs: { p50: number | null; p90: number | null };
  /** Ruled after the SLA, or still open past it, over all escalations counted. */
  overdueShare: number;
  /** Escalations the parties settled themselves before a ruling. */
  agreedAfterEscalationShare: number;
}

export interface EscalationMetrics {
  window: string;
  since: string;
  overall: ServiceLevel;
  perStaff: (ServiceLevel & { staffId: string })[];
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? null;
}

function serviceLevel(rows: readonly EscalationFacts[], now: Date): ServiceLevel {
  const ruled = rows.filter((row) => row.ruledAt !== null);
  const times = ruled.map((row) => row.ruledAt!.getTime() - row.escalatedAt.getTime()).sort((a, b) => a - b);
  const overdue = rows.filter((row) =>
    row.ruledAt
      ? row.ruledAt.getTime() > row.dueAt.getTime()
      : row.status !== 'CLOSED' && now.getTime() >= row.dueAt.getTime(),
  );
  const share = (count: number) => (rows.length === 0 ? 0 : Math.round((count / rows.length) * 10_000) / 10_000);
  return {
    escalations: rows.length,
    ruled: ruled.length,
    timeToRulingMs: { p50: percentile(times, 50), p90: percentile(times, 90) },
    overdueShare: share(overdue.length),
    agreedAfterEscalationShare: share(rows.filter((row) => row.agreedAfterEscalation).length),
  };
}

export function escalationMetrics(
  rows: readonly EscalationFacts[],
  window: string,
  since: Date,
  now: Date,
): EscalationMetrics {
  const byStaff = new Map<string, EscalationFacts[]>();
  for (const row of rows) {
    const staffId = row.ruledBy ?? row.claimedBy;
    if (!staffId) continue;
    byStaff.set(staffId, [...(byStaff.get(staffId) ?? []), row]);
  }
  return {
    window,
    since: since.toISOString(),
    overall: serviceLevel(rows, now),
    perStaff: [...byStaff.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([staffId, staffRows]) => ({ staffId, ...serviceLevel(staffRows, now) })),
  };
}

export interface SellerDisputeFacts {
  openedAt: Date;
  escalatedAt: Date | null;
  sellerFirstRespondedAt: Date | null;
  sellerRespondedWithin: boolean | null;
  resolution: { by: string; inFavourOf: string } | null;
}

export interface SellerMetrics {
  windowDays: number;
  disputes: number;
  escalationRate: number;
  sellerAtFaultRate: number;
  medianFirstResponseMs: number | null;
  answeredWithinDeadlineShare: number;
}

/** docs/DOMAIN.md "Seller metrics" that the timer's own projection can give (shipped orders are dispute-intake's). */
export function sellerMetrics(rows: readonly SellerDisputeFacts[], windowDays: number): SellerMetrics {
  const rate = (count: number) => (rows.length === 0 ? 0 : Math.round((count / rows.length) * 10_000) / 10_000);
  const responses = rows
    .filter((row) => row.sellerFirstRespondedAt)
    .map((row) => row.sellerFirstRespondedAt!.getTime() - row.openedAt.getTime())
    .sort((a, b) => a - b);
  return {
    windowDays,
    disputes: rows.length,
    escalationRate: rate(rows.filter((row) => row.escalatedAt).length),
    sellerAtFaultRate: rate(
      rows.filter((row) => row.resolution?.by === 'RULING' && row.resolution.inFavourOf === 'BUYER').length,
    ),
    medianFirstResponseMs: percentile(responses, 50),
    answeredWithinDeadlineShare: rate(rows.filter((row) => row.sellerRespondedWithin === true).length),
  };
}
