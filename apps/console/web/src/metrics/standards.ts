/**
 * A seller's metrics against the standards it is held to (docs/DOMAIN.md, "Seller metrics"), and what to improve
 * first. Rates are fractions (0.02 = 2 %), null when the service counted nothing to divide by.
 *
 * - closed without seller resolution / shipped orders: at most 2 % to stay above standard, 0.5 % for top sellers
 *   (DOMAIN.md's marketplace figures);
 * - dispute rate (disputes / shipped orders): DOMAIN.md names no figure; held to the same 2 % bound;
 * - escalated, lost (at fault) and answered within the deadline: the platform's policy, the standard staff see on a
 *   case (at most 20 % escalated, at most 10 % lost, at least 90 % answered in time).
 */
export type MetricName =
  | 'closedWithoutSellerResolutionRate'
  | 'answeredWithinDeadlineShare'
  | 'sellerAtFaultRate'
  | 'escalationRate'
  | 'disputeRate';

export interface Standard {
  metric: MetricName;
  /** atMost: lower is better; atLeast: higher is better. */
  direction: 'atMost' | 'atLeast';
  limit: number;
  /** The top sellers' bound, where the domain names one. */
  top?: number;
}

/** In the order a seller should act on them when two miss by as much (a defect first, then what is quickest to fix). */
export const SELLER_STANDARDS: readonly Standard[] = [
  { metric: 'closedWithoutSellerResolutionRate', direction: 'atMost', limit: 0.02, top: 0.005 },
  { metric: 'answeredWithinDeadlineShare', direction: 'atLeast', limit: 0.9 },
  { metric: 'sellerAtFaultRate', direction: 'atMost', limit: 0.1 },
  { metric: 'escalationRate', direction: 'atMost', limit: 0.2 },
  { metric: 'disputeRate', direction: 'atMost', limit: 0.02 },
];

export function standardOf(metric: MetricName): Standard {
  const standard = SELLER_STANDARDS.find((item) => item.metric === metric);
  if (!standard) throw new Error(`no standard for ${metric}`);
  return standard;
}

/** The staff case page's view of the same standard (shares it; one place for the figures). */
export const SELLER_STANDARD = {
  escalationRate: standardOf('escalationRate').limit,
  sellerAtFaultRate: standardOf('sellerAtFaultRate').limit,
  answeredWithinDeadlineShare: standardOf('answeredWithinDeadlineShare').limit,
};

export type Metrics = Record<MetricName, number | null>;
export type Standing = 'top' | 'meets' | 'misses' | 'unknown';

export function meets(standard: Standard, value: number): boolean {
  return standard.direction === 'atMost' ? value <= standard.limit : value >= standard.limit;
}

export function standing(standard: Standard, value: number | null): Standing {
  if (value === null) return 'unknown';
  if (!meets(standard, value)) return 'misses';
  return standard.top !== undefined && value <= standard.top ? 'top' : 'meets';
}

/**
 * How far a value is past its limit, relative to the room the limit leaves: 0 at the limit, > 0 beyond it
 * (0.04 against at most 0.02 is 1: twice the limit; 0.7 answered against at least 0.9 is 2: three times the share
 * allowed late), < 0 inside it (-1 is the best possible value).
 */
export function excess(standard: Standard, value: number): number {
  if (standard.direction === 'atMost') return value / standard.limit - 1;
  return (1 - value) / (1 - standard.limit) - 1;
}

/** Within this share of its limit a met standard is worth watching. */
export const WATCH_MARGIN = 0.2;

export type Advice =
  | { kind: 'improve'; metric: MetricName; value: number; limit: number }
  | { kind: 'watch'; metric: MetricName; value: number; limit: number }
  | { kind: 'keep' }
  | { kind: 'noData' };

/**
 * What to improve first: the metric furthest past its standard (ties go to the earlier in SELLER_STANDARDS); when
 * every measured one meets its standard, the one within WATCH_MARGIN of its limit that is closest to it; else keep
 * going; noData when nothing could be measured.
 */
export function improveFirst(metrics: Metrics): Advice {
  let worst: { standard: Standard; value: number; excess: number } | null = null;
  for (const standard of SELLER_STANDARDS) {
    const value = metrics[standard.metric];
    if (value === null) continue;
    const over = excess(standard, value);
    if (!worst || over > worst.excess) worst = { standard, value, excess: over };
  }
  if (!worst) return { kind: 'noData' };
  const found = { metric: worst.standard.metric, value: worst.value, limit: worst.standard.limit };
  if (worst.excess > 0) return { kind: 'improve', ...found };
  if (worst.excess >= -WATCH_MARGIN) return { kind: 'watch', ...found };
  return { kind: 'keep' };
}

/** The advice from the last 30 days, or from 90 when the last 30 measured nothing; which window it speaks of. */
export function adviceFor(windows: { '30d': Metrics; '90d': Metrics }): { window: '30d' | '90d'; advice: Advice } {
  const recent = improveFirst(windows['30d']);
  if (recent.kind !== 'noData') return { window: '30d', advice: recent };
  return { window: '90d', advice: improveFirst(windows['90d']) };
}
