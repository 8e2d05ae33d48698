import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTOR_ROLES,
  ActorDto,
  DISPUTE_REASONS,
  ESCALATION_CAUSES,
  EvidenceItemDto,
  ListingAtPurchaseDto,
  MoneyDto,
  OrderSnapshotDto,
  RequestedDto,
  ResolutionDto,
  RulingDecisionDto,
  TRACKING_STATUSES,
} from '@settle/contracts';
import { DisputeHeaderView } from '@settle/platform';
import { DeadlineResponse } from '../../deadlines/dto/deadline.response';
import { PredictedRulingView } from '../../prediction/dto/predicted-ruling.response';
import type { EscalationHistoryEntry } from '../escalation.entity';
import type { EscalationMetrics, SellerMetrics, ServiceLevel } from '../metrics';
import { QUEUE_STATUSES } from './escalation-requests';

const HISTORY_ACTIONS = ['ESCALATED', 'CLAIMED', 'REASSIGNED', 'RULING_SUBMITTED', 'RULED', 'OVERDUE', 'CLOSED'];

export class EscalationHistoryEntryView implements EscalationHistoryEntry {
  @ApiProperty({ enum: HISTORY_ACTIONS, enumName: 'EscalationHistoryAction' })
  action!: EscalationHistoryEntry['action'];

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiPropertyOptional({ description: 'The staff member who did it' })
  by?: string;

  @ApiPropertyOptional()
  note?: string;
}

/** An escalation in the staff queue. */
/** What a staff member scans in the queue before opening a case: the dispute's reason, amounts and buyer country. */
export class EscalationCaseSummary {
  @ApiProperty()
  orderId!: string;

  @ApiProperty({ enum: DISPUTE_REASONS, enumName: 'DisputeReason' })
  reason!: string;

  @ApiProperty({ type: String, nullable: true })
  subReason!: string | null;

  @ApiProperty({ type: MoneyDto, description: 'What the buyer paid' })
  paid!: MoneyDto;

  @ApiProperty({ type: RequestedDto, description: 'What the buyer asked for when opening' })
  requested!: RequestedDto;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2' })
  buyerCountry!: string;
}

export class EscalationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty({ enum: QUEUE_STATUSES, enumName: 'EscalationStatus' })
  status!: string;

  @ApiProperty({ enum: ESCALATION_CAUSES, enumName: 'EscalationCause' })
  cause!: string;

  @ApiProperty({ format: 'date-time' })
  escalatedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'The staff ruling SLA' })
  dueAt!: string;

  @ApiProperty({ description: 'Open (or claimed) past its due time' })
  overdue!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  overdueFlaggedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The staff member holding the case' })
  claimedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  claimedAt!: string | null;

  @ApiProperty({ type: RulingDecisionDto, nullable: true, description: 'The ruling sent, once one was' })
  ruling!: RulingDecisionDto | null;

  @ApiProperty({ type: String, nullable: true })
  rulingSubmittedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  ruledBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  ruledAt!: string | null;

  @ApiProperty({ description: 'The parties settled themselves after the escalation' })
  agreedAfterEscalation!: boolean;
}

/** A queue row: the escalation and its dispute at a glance. */
export class EscalationQueueItem extends EscalationView {
  @ApiProperty({
    type: EscalationCaseSummary,
    nullable: true,
    description: 'The dispute at a glance (null if this service has not heard of the dispute yet)',
  })
  summary!: EscalationCaseSummary | null;
}

export class EscalationPage {
  @ApiProperty({ type: [EscalationQueueItem] })
  items!: EscalationQueueItem[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' })
  nextCursor!: string | null;
}

export class CaseDisputeView extends DisputeHeaderView {
  @ApiProperty()
  description!: string;

  @ApiProperty({ type: [EvidenceItemDto] })
  evidence!: EvidenceItemDto[];

  @ApiProperty({ type: OrderSnapshotDto })
  order!: OrderSnapshotDto;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  escalatedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sellerFirstRespondedAt!: string | null;

  @ApiProperty({ type: ResolutionDto, nullable: true })
  resolution!: ResolutionDto | null;
}

export class CaseMessageAuthorView implements Pick<ActorDto, 'id'> {
  @ApiProperty({ enum: ACTOR_ROLES, enumName: 'ActorRole' })
  role!: string;

  @ApiProperty()
  id!: string;
}

export class CaseMessageView {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ type: CaseMessageAuthorView })
  author!: CaseMessageAuthorView;

  @ApiProperty()
  body!: string;

  @ApiProperty({ format: 'date-time' })
  postedAt!: string;
}

export class TrackingProofView {
  @ApiProperty({ example: 'SIGNATURE' })
  kind!: string;

  @ApiPropertyOptional({ format: 'uri' })
  url?: string;

  @ApiPropertyOptional()
  reference?: string;
}

export class CaseTrackingView {
  @ApiProperty({ type: String, enum: TRACKING_STATUSES, enumName: 'TrackingStatus', nullable: true })
  status!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the carrier said so' })
  at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ type: TrackingProofView, nullable: true, description: 'Proof of delivery' })
  proof!: TrackingProofView | null;
}

export class CaseSellerMetricsView implements SellerMetrics {
  @ApiProperty()
  sellerId!: string;

  @ApiProperty({ type: 'integer' })
  windowDays!: number;

  @ApiProperty({ type: 'integer' })
  disputes!: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  escalationRate!: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  sellerAtFaultRate!: number;

  @ApiProperty({ type: 'integer', nullable: true })
  medianFirstResponseMs!: number | null;

  @ApiProperty({ minimum: 0, maximum: 1 })
  answeredWithinDeadlineShare!: number;
}

/** The whole case on one page. */
export class CaseView {
  @ApiProperty({ type: EscalationView })
  escalation!: EscalationView;

  @ApiProperty({ type: CaseDisputeView })
  dispute!: CaseDisputeView;

  @ApiProperty({ type: [CaseMessageView], description: 'The message thread, oldest first' })
  messages!: CaseMessageView[];

  @ApiProperty({
    type: ListingAtPurchaseDto,
    nullable: true,
    description: 'The listing as the buyer saw it when paying, with the audit in force then',
  })
  listingAtPurchase!: ListingAtPurchaseDto | null;

  @ApiProperty({ type: CaseTrackingView, nullable: true })
  tracking!: CaseTrackingView | null;

  @ApiProperty({ type: [DeadlineResponse] })
  deadlines!: DeadlineResponse[];

  @ApiProperty({ type: CaseSellerMetricsView })
  sellerMetrics!: CaseSellerMetricsView;

  @ApiProperty({ type: PredictedRulingView })
  predictedRuling!: PredictedRulingView;

  @ApiProperty({ type: [EscalationHistoryEntryView] })
  history!: EscalationHistoryEntryView[];
}

export class RulingSubmittedResponse {
  @ApiProperty({ format: 'uuid' })
  escalationId!: string;

  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ format: 'uuid', description: 'The record_ruling command sent to the dispute’s owner' })
  commandId!: string;

  @ApiProperty({ enum: ['RULING_SUBMITTED'] })
  status!: string;

  @ApiProperty({ type: RulingDecisionDto })
  ruling!: RulingDecisionDto;
}

export class TimeToRulingView {
  @ApiProperty({ type: 'integer', nullable: true })
  p50!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  p90!: number | null;
}

export class ServiceLevelView implements ServiceLevel {
  @ApiProperty({ type: 'integer' })
  escalations!: number;

  @ApiProperty({ type: 'integer' })
  ruled!: number;

  @ApiProperty({ type: TimeToRulingView })
  timeToRulingMs!: TimeToRulingView;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Ruled after the SLA, or still open past it' })
  overdueShare!: number;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'Settled by the parties before a ruling' })
  agreedAfterEscalationShare!: number;
}

export class StaffServiceLevelView extends ServiceLevelView {
  @ApiProperty()
  staffId!: string;
}

export class EscalationMetricsResponse implements EscalationMetrics {
  @ApiProperty({ example: '30d' })
  window!: string;

  @ApiProperty({ format: 'date-time' })
  since!: string;

  @ApiProperty({ type: ServiceLevelView })
  overall!: ServiceLevelView;

  @ApiProperty({ type: [StaffServiceLevelView] })
  perStaff!: StaffServiceLevelView[];
}
