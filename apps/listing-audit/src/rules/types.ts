import type { AuditVerdict, FindingSeverity, ListingDto, ListingStatus } from '@settle/contracts';

/**
 * The listing an audit reads: docs/CONTRACT.md's Listing, plus whether buyers can order it now and, when the audit
 * knows it, since when buyers have seen it (its first version's `validFrom`; added when versions are read, never
 * stored in one).
 */
export type AuditedListing = ListingDto & { status?: ListingStatus; listedSince?: string };

/** The rule families of docs/DOMAIN.md ("Listing quality"). */
export type RuleFamily =
  | 'image'
  | 'attributes'
  | 'title'
  | 'sale-unit'
  | 'pricing'
  | 'supply'
  | 'counterfeit'
  | 'duplicates'
  | 'dispute-feedback';

/** What the catalogue says about a rule (`GET /v1/rules`): stable id, severity, the field it points at, fix. */
export interface RuleDefinition {
  id: string;
  family: RuleFamily;
  severity: FindingSeverity;
  /** The field it points at; `<n>`/`<name>` stand for the index or attribute a finding names. */
  field: string;
  /** What the rule checks, in one sentence. */
  summary: string;
  /** The fix a seller can apply (a finding may make it more precise). */
  fix: string;
}

export interface Finding {
  ruleId: string;
  severity: FindingSeverity;
  field: string;
  message: string;
  fix: string;
}

/** One hit of a rule: where, and what exactly is wrong (the rule's definition supplies the rest). */
export interface RuleHit {
  field?: string;
  message: string;
  fix?: string;
}

/** What probing an image over HTTP found (images/image-probe.ts). */
export type ImageFacts =
  | { url: string; outcome: 'OK'; width: number; height: number; format: string }
  /** Timed out, refused, reset, 5xx: possibly transient. */
  | { url: string; outcome: 'UNREACHABLE'; reason: string }
  /** Answered, but not with an image we can show (404, 410, HTML, unknown bytes). */
  | { url: string; outcome: 'BROKEN'; reason: string };

/** Another listing that uses one of this listing's image URLs. */
export interface ImageUse {
  url: string;
  listingId: string;
  sellerId: string;
  category: string;
  title: string;
  /** The other listing's attributes: the same material and colour say it is the same product. */
  attributes?: Record<string, string>;
}

/** A NOT_AS_DESCRIBED dispute on the listing (the feedback loop). */
export interface DisputeSignal {
  disputeId: string;
  subReason: string;
  description: string;
}

/** A supply incident the seller declared on the listing and has not closed (issue 19). */
export interface ActiveSupplyIncident {
  incidentId: string;
  cause: string;
  /** The SKUs that cannot ship; empty: the whole listing. */
  skuIds: readonly string[];
  openedAt: string;
  expectedRestockAt?: string;
}

/** Everything beyond the listing itself that some rule reads. All optional: a rule without its input stays quiet. */
export interface AuditContext {
  /** The latest version of the seller's other listings (same seller, other listing ids). */
  sellerListings?: readonly AuditedListing[];
  /** Other listings using this listing's image URLs. */
  imageUses?: readonly ImageUse[];
  /** Probe results aligned with `listing.images` (undefined entries were not probed); absent when images are off. */
  images?: readonly (ImageFacts | undefined)[];
  /** NOT_AS_DESCRIBED disputes that triggered a feedback re-audit. */
  disputes?: readonly DisputeSignal[];
  /** The listing's open supply incidents. */
  supplyIncidents?: readonly ActiveSupplyIncident[];
}

export interface AuditOutcome {
  verdict: AuditVerdict;
  score: number;
  findings: Finding[];
}
