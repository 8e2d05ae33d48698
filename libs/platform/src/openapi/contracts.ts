import type { ApiPropertyOptions } from '@nestjs/swagger';
import {
  ActiveDeadlineDto,
  ACTOR_ROLES,
  ActorDto,
  AUDIT_VERDICTS,
  AuditFindingDto,
  AuditResultDto,
  CITATION_KINDS,
  CitationDto,
  DEADLINE_ADJUSTMENTS,
  DEADLINE_KINDS,
  DEADLINE_REASON_CODES,
  DeadlineAdjustmentDto,
  EVIDENCE_KINDS,
  EvidenceDto,
  EvidenceItemDto,
  FINDING_SEVERITIES,
  IN_FAVOUR_OF,
  LintFindingDto,
  ListingAtPurchaseDto,
  ListingDto,
  ListingImageDto,
  MessageLintDto,
  MoneyDto,
  OrderSnapshotDto,
  PROPOSAL_BY,
  PROPOSAL_TYPES,
  ProposalDto,
  ProposalTermsDto,
  REQUESTED_RESOLUTIONS,
  RequestedDto,
  RESOLUTION_BY,
  RESOLUTION_OUTCOMES,
  ResolutionDto,
  RULING_OUTCOMES,
  RulingDecisionDto,
  RulingDto,
  SALE_UNIT_TYPES,
  SaleUnitDto,
  ShippingDto,
  SkuDto,
  TextSpanDto,
  TRACKING_STATUSES,
} from '@settle/contracts';

/**
 * The OpenAPI description of the shared contract classes (libs/contracts), which stay free of frameworks (docs/CONVENTIONS.md, "Domain code")
 * and so carry no swagger decorator. Each class gets the static metadata factory that @nestjs/swagger's own CLI
 * plugin generates (`_OPENAPI_METADATA_FACTORY`): swagger reads it when it builds a schema, for the class and every
 * subclass (an app's DTO that extends a contract class), whatever order the modules were loaded in. The types make
 * every property of a class be described, so a field added to a contract fails to compile until it is.
 */
const METADATA_FACTORY_NAME = '_OPENAPI_METADATA_FACTORY';

type Described<T, Inherited> = { [K in Exclude<keyof T, keyof Inherited>]-?: ApiPropertyOptions };

function describeContract<T extends object>(target: abstract new () => T, properties: Described<T, object>): void;
function describeContract<T extends P, P extends object>(
  target: abstract new () => T,
  parent: abstract new () => P,
  properties: Described<T, P>,
): void;
function describeContract(
  target: abstract new () => object,
  parentOrProperties: (abstract new () => object) | Record<string, ApiPropertyOptions>,
  own?: Record<string, ApiPropertyOptions>,
): void {
  const properties = own ?? (parentOrProperties as Record<string, ApiPropertyOptions>);
  Object.defineProperty(target, METADATA_FACTORY_NAME, {
    configurable: true,
    value: () => Object.fromEntries(Object.entries(properties).map(([key, options]) => [key, { ...options }])),
  });
}

const optional = (options: ApiPropertyOptions = {}): ApiPropertyOptions =>
  ({ ...options, required: false }) as ApiPropertyOptions;

describeContract(MoneyDto, {
  amountMinor: { type: 'integer', minimum: 0, example: 1999, description: 'In minor units of the currency' },
  currency: { example: 'USD', description: 'ISO 4217' },
});

describeContract(ActorDto, {
  role: { enum: ACTOR_ROLES, enumName: 'ActorRole' },
  id: { example: 'S-1' },
});

describeContract(EvidenceDto, {
  kind: { enum: EVIDENCE_KINDS, enumName: 'EvidenceKind' },
  url: { format: 'uri', example: 'https://img.example.com/lot.jpg' },
  sha256: optional({ pattern: '^[0-9a-f]{64}$' }),
});

describeContract(EvidenceItemDto, EvidenceDto, {
  evidenceId: { format: 'uuid' },
  addedAt: optional({ format: 'date-time' }),
});

describeContract(CitationDto, {
  kind: { enum: CITATION_KINDS, enumName: 'CitationKind' },
  ref: { maxLength: 200, description: 'The cited item’s id, or the rule id for POLICY_RULE' },
  note: optional({ maxLength: 1000 }),
});

describeContract(DeadlineAdjustmentDto, {
  deadlineId: { format: 'uuid' },
  kind: { enum: DEADLINE_KINDS, enumName: 'DeadlineKind' },
  action: { enum: DEADLINE_ADJUSTMENTS, enumName: 'DeadlineAdjustment' },
  reasonCode: { enum: DEADLINE_REASON_CODES, enumName: 'DeadlineReasonCode' },
  note: optional({ maxLength: 2000 }),
  previousDueAt: optional({ format: 'date-time' }),
  dueAt: optional({ format: 'date-time', description: 'The new due instant (EXTEND, RESUME)' }),
});

describeContract(RequestedDto, {
  type: { enum: REQUESTED_RESOLUTIONS, enumName: 'RequestedResolution' },
  refund: { type: () => MoneyDto },
});

describeContract(ProposalTermsDto, {
  proposalId: { format: 'uuid' },
  type: { enum: PROPOSAL_TYPES, enumName: 'ProposalType' },
  refund: optional({ type: () => MoneyDto, description: 'For REFUND_ONLY and RETURN_AND_REFUND' }),
  expiresAt: optional({ format: 'date-time' }),
});

describeContract(ProposalDto, ProposalTermsDto, {
  by: { enum: PROPOSAL_BY, enumName: 'ProposalBy' },
  submittedAt: { format: 'date-time' },
  round: optional({ type: 'integer', minimum: 1 }),
});

describeContract(OrderSnapshotDto, {
  amount: { type: () => MoneyDto },
  paidAt: { format: 'date-time' },
  shippedAt: optional({ format: 'date-time' }),
  promisedDeliveryDays: { type: 'integer', minimum: 0, maximum: 365 },
  carrier: optional({ maxLength: 100 }),
  trackingNumber: optional({ maxLength: 100 }),
  deliveredAt: optional({ format: 'date-time' }),
  buyerCountry: { example: 'FR' },
  sellerCountry: { example: 'CN' },
  trackingStatus: optional({ enum: TRACKING_STATUSES, enumName: 'TrackingStatus' }),
  skuId: optional(),
  quantity: optional({ type: 'integer', minimum: 1 }),
});

describeContract(RulingDecisionDto, {
  rulingId: { format: 'uuid' },
  outcome: { enum: RULING_OUTCOMES, enumName: 'RulingOutcome' },
  refund: optional({ type: () => MoneyDto }),
  rationale: { maxLength: 10_000 },
  citations: { type: () => [CitationDto] },
});

describeContract(RulingDto, RulingDecisionDto, {
  ruledBy: { description: 'The staff member’s id' },
  ruledAt: { format: 'date-time' },
});

describeContract(ResolutionDto, {
  outcome: { enum: [...new Set(RESOLUTION_OUTCOMES)], enumName: 'ResolutionOutcome' },
  refund: optional({ type: () => MoneyDto }),
  by: { enum: RESOLUTION_BY, enumName: 'ResolutionBy' },
  inFavourOf: { enum: IN_FAVOUR_OF, enumName: 'InFavourOf' },
  proposalId: optional({ format: 'uuid' }),
  rulingId: optional({ format: 'uuid' }),
});

describeContract(ActiveDeadlineDto, {
  kind: { enum: DEADLINE_KINDS, enumName: 'DeadlineKind' },
  dueAt: optional({ format: 'date-time', description: 'While running' }),
  remainingMs: optional({ type: 'integer', minimum: 0, description: 'While paused' }),
});

describeContract(ListingImageDto, {
  url: { format: 'uri' },
});

describeContract(SaleUnitDto, {
  type: { enum: SALE_UNIT_TYPES, enumName: 'SaleUnitType' },
  piecesPerLot: optional({ type: 'integer', minimum: 2, description: 'For LOT only' }),
});

describeContract(SkuDto, {
  skuId: {},
  attributes: { type: 'object', additionalProperties: { type: 'string' } },
  price: { type: () => MoneyDto },
  stock: { type: 'integer', minimum: 0 },
});

describeContract(ShippingDto, {
  fee: { type: () => MoneyDto },
  processingDays: { type: 'integer', minimum: 0 },
  promisedDeliveryDays: { type: 'integer', minimum: 0 },
  shipsFrom: { example: 'CN' },
  shipsTo: { type: [String], example: ['FR', 'US'] },
});

describeContract(ListingDto, {
  listingId: {},
  sellerId: {},
  category: {},
  title: {},
  description: {},
  images: { type: () => [ListingImageDto] },
  attributes: { type: 'object', additionalProperties: { type: 'string' } },
  saleUnit: { type: () => SaleUnitDto },
  skus: { type: () => [SkuDto] },
  shipping: { type: () => ShippingDto },
  brand: optional(),
  gtin: optional(),
});

describeContract(AuditFindingDto, {
  ruleId: { example: 'SALE_UNIT_PRICE_MISMATCH' },
  severity: { enum: FINDING_SEVERITIES, enumName: 'FindingSeverity' },
  field: { example: 'saleUnit' },
  message: {},
  fix: {},
});

describeContract(AuditResultDto, {
  auditId: { format: 'uuid' },
  verdict: { enum: AUDIT_VERDICTS, enumName: 'AuditVerdict' },
  score: { minimum: 0, maximum: 100 },
  findings: { type: () => [AuditFindingDto] },
  auditedAt: { format: 'date-time' },
});

describeContract(ListingAtPurchaseDto, {
  listing: { type: () => ListingDto },
  listingVersion: optional({ type: 'integer', minimum: 1 }),
  audit: optional({ type: () => AuditResultDto, description: 'The audit in force when the buyer paid' }),
});

describeContract(TextSpanDto, {
  start: { type: 'integer', minimum: 0 },
  end: { type: 'integer', minimum: 0 },
});

describeContract(LintFindingDto, {
  rule: { example: 'FORBIDDEN_PHRASE:CALM_DOWN' },
  span: { type: () => TextSpanDto },
  suggestion: optional(),
});

describeContract(MessageLintDto, {
  ok: {},
  findings: { type: () => [LintFindingDto] },
});
