import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEADLINE_ADJUSTMENTS,
  DEADLINE_REASON_CODES,
  DISPUTE_EXPORT_FORMAT,
  ESCALATION_CAUSES,
  EvidenceItemDto,
  ListingAtPurchaseDto,
  MoneyDto,
  OrderSnapshotDto,
  PROPOSAL_BY,
  PROPOSAL_TYPES,
  ProposalDto,
  ResolutionDto,
  RETURN_CONDITIONS,
  RulingDto,
  type ChainedEvent,
  type DisputeExportBundle,
} from '@settle/contracts';
import { DisputeHeaderView } from '@settle/platform';
import type {
  Agreement,
  Cancellation,
  DeadlineAdjustment,
  Escalation,
  ReturnShipment,
} from '@settle/dispute-lifecycle';
import { EvidenceChecklistResponse, EvidenceItemResponse } from '../../evidence/dto/evidence.response';
import type { DeadlineView } from '../dispute.view';

const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;

export class DisputeDeadlineAdjustmentView implements DeadlineAdjustment {
  @ApiProperty({ enum: DEADLINE_ADJUSTMENTS, enumName: 'DeadlineAdjustment' })
  action!: DeadlineAdjustment['action'];

  @ApiProperty({ enum: DEADLINE_REASON_CODES, enumName: 'DeadlineReasonCode' })
  reasonCode!: DeadlineAdjustment['reasonCode'];

  @ApiPropertyOptional()
  note?: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** A deadline running on the dispute, or the buyer's escalation window (`DeadlineView`). */
export class DisputeDeadlineView implements DeadlineView {
  @ApiProperty({
    example: 'SELLER_RESPONSE',
    description: 'A deadline kind, or BUYER_ESCALATION_OPENS / BUYER_ESCALATION_CLOSES (the buyer’s window)',
  })
  kind!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while paused' })
  dueAt!: string | null;

  @ApiPropertyOptional({ type: 'integer', description: 'What was left, while paused' })
  remainingMs?: number;

  @ApiPropertyOptional({ type: [DisputeDeadlineAdjustmentView] })
  adjustments?: DisputeDeadlineAdjustmentView[];
}

/** A dispute in a list: what identifies it and where it stands. */
export class DisputeSummaryResponse extends DisputeHeaderView {
  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: [DisputeDeadlineView] })
  deadlines!: DisputeDeadlineView[];
}

export class DisputePageResponse {
  @ApiProperty({ type: [DisputeSummaryResponse] })
  items!: DisputeSummaryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' })
  nextCursor!: string | null;
}

export class PartiesView {
  @ApiProperty()
  buyerId!: string;

  @ApiProperty()
  sellerId!: string;
}

export class DisputeProposalsView {
  @ApiProperty({ type: ProposalDto, nullable: true, description: 'The buyer’s proposal in force' })
  buyer!: ProposalDto | null;

  @ApiProperty({ type: ProposalDto, nullable: true, description: 'The seller’s proposal in force' })
  seller!: ProposalDto | null;

  @ApiProperty({ type: [ProposalDto], description: 'Every proposal, every round' })
  all!: ProposalDto[];
}

export class AgreementView implements Agreement {
  @ApiProperty({ format: 'uuid' })
  proposalId!: string;

  @ApiProperty({ enum: PROPOSAL_TYPES, enumName: 'ProposalType' })
  type!: Agreement['type'];

  @ApiProperty({ type: MoneyDto, description: 'Zero in the order’s currency for RESEND and NO_REFUND' })
  refund!: MoneyDto;

  @ApiProperty({ enum: PROPOSAL_BY, enumName: 'ProposalBy' })
  proposedBy!: Agreement['proposedBy'];

  @ApiProperty({ enum: PROPOSAL_BY, enumName: 'ProposalBy' })
  acceptedBy!: Agreement['acceptedBy'];

  @ApiProperty({ description: 'The seller-response deadline accepted the buyer’s proposal' })
  automatic!: boolean;

  @ApiProperty()
  afterEscalation!: boolean;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class EscalationRecordView implements Escalation {
  @ApiProperty({ enum: PROPOSAL_BY, enumName: 'ProposalBy' })
  by!: Escalation['by'];

  @ApiProperty({ enum: ESCALATION_CAUSES, enumName: 'EscalationCause' })
  cause!: Escalation['cause'];

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class ReturnShipmentView implements ReturnShipment {
  @ApiProperty()
  carrier!: string;

  @ApiProperty()
  trackingNumber!: string;

  @ApiProperty({ format: 'date-time' })
  shippedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  receivedAt?: string;

  @ApiPropertyOptional({ enum: RETURN_CONDITIONS, enumName: 'ReturnCondition' })
  condition?: ReturnShipment['condition'];

  @ApiPropertyOptional()
  note?: string;
}

export class CancellationView implements Cancellation {
  @ApiProperty({ enum: ['BUYER'] })
  by!: 'BUYER';

  @ApiPropertyOptional()
  reason?: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class DisputeHistoryEntryView {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'dispute.opened' })
  type!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ ...ANY_OBJECT, description: 'The event’s payload (docs/CONTRACT.md)' })
  data!: Record<string, unknown>;

  @ApiProperty({ description: 'SHA-256 (hex) of the previous link' })
  prevHash!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of this link' })
  hash!: string;
}

/** The whole dispute (docs/CONTRACT.md `GET /v1/disputes/{id}`), its history oldest first. */
export class DisputeResponse extends DisputeSummaryResponse {
  @ApiProperty({ type: PartiesView })
  parties!: PartiesView;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: [EvidenceItemDto] })
  evidence!: EvidenceItemDto[];

  @ApiProperty({
    type: [EvidenceItemResponse],
    description:
      'The evidence Settle holds (uploads, and URLs it fetched to keep), oldest first: kind, type, size, SHA-256, ' +
      'who added it and when',
  })
  evidenceFiles!: EvidenceItemResponse[];

  @ApiProperty({ type: EvidenceChecklistResponse })
  evidenceChecklist!: EvidenceChecklistResponse;

  @ApiProperty({ example: 'fr-FR' })
  buyerLocale!: string;

  @ApiProperty({ type: OrderSnapshotDto })
  order!: OrderSnapshotDto;

  @ApiPropertyOptional({ type: ListingAtPurchaseDto, description: 'The listing as the buyer saw it when paying' })
  listingAtPurchase?: ListingAtPurchaseDto;

  @ApiProperty({ type: DisputeProposalsView })
  proposals!: DisputeProposalsView;

  @ApiPropertyOptional({ type: AgreementView })
  agreement?: AgreementView;

  @ApiPropertyOptional({ type: EscalationRecordView })
  escalation?: EscalationRecordView;

  @ApiPropertyOptional({ type: ReturnShipmentView })
  returnShipment?: ReturnShipmentView;

  @ApiProperty({ type: RulingDto, nullable: true })
  ruling!: RulingDto | null;

  @ApiProperty({ type: ResolutionDto, nullable: true })
  resolution!: ResolutionDto | null;

  @ApiPropertyOptional({ type: CancellationView })
  cancellation?: CancellationView;

  @ApiProperty({ type: [DisputeHistoryEntryView], description: 'Oldest first' })
  history!: DisputeHistoryEntryView[];
}

export class ChainedEventView implements ChainedEvent {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ type: 'integer', description: 'The link’s place in the chain: 1, 2, 3...' })
  version!: number;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'dispute.opened' })
  type!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ ...ANY_OBJECT, description: 'The event’s payload, or the message posted' })
  data!: unknown;

  @ApiProperty()
  prevHash!: string;

  @ApiProperty()
  hash!: string;
}

/** The tamper-evident export (`settle.dispute-export.v1`), verifiable offline. */
export class DisputeExportResponse implements DisputeExportBundle {
  @ApiProperty({ enum: [DISPUTE_EXPORT_FORMAT] })
  format!: typeof DISPUTE_EXPORT_FORMAT;

  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ type: [ChainedEventView], description: 'Oldest first' })
  events!: ChainedEventView[];

  @ApiProperty({ description: 'The hash of the last event' })
  headHash!: string;
}
