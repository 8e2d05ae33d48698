import { ApiProperty } from '@nestjs/swagger';
import {
  MoneyDto,
  SUPPLY_INCIDENT_CAUSES,
  SUPPLY_REMEDIES,
  type SupplyIncidentCause,
  type SupplyRemedy,
} from '@settle/contracts';
import {
  DisputeOutcome,
  DisputeProposalState,
  SupplyIncidentStatus,
  type IncidentProgress,
  type SupplyIncident,
} from '../supply-incident';
import type { IncidentDisputeProgress, IncidentOrderProgress } from '../supply-incidents.repository';

const date = { type: String, format: 'date-time' } as const;
const nullableDate = { ...date, nullable: true } as const;

/** A supply incident (`SupplyIncident`). */
export class SupplyIncidentView implements SupplyIncident {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'L-X36' })
  listingId!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty({ type: [String], description: 'The SKUs that cannot ship; empty: the whole listing' })
  skuIds!: string[];

  @ApiProperty({ enum: SUPPLY_INCIDENT_CAUSES, enumName: 'SupplyIncidentCause' })
  cause!: SupplyIncidentCause;

  @ApiProperty(nullableDate)
  expectedRestockAt!: string | null;

  @ApiProperty({ enum: SUPPLY_REMEDIES, enumName: 'SupplyRemedy' })
  remedy!: SupplyRemedy;

  @ApiProperty(nullableDate)
  waitUntil!: string | null;

  @ApiProperty({ enum: Object.values(SupplyIncidentStatus), enumName: 'SupplyIncidentStatus' })
  status!: SupplyIncidentStatus;

  @ApiProperty({ enum: ['seller', 'platform'] })
  declaredBy!: 'seller' | 'platform';

  @ApiProperty(date)
  openedAt!: string;

  @ApiProperty(date)
  updatedAt!: string;

  @ApiProperty(nullableDate)
  closedAt!: string | null;
}

/** What the incident has done so far (`IncidentProgress`). */
export class IncidentProgressView implements IncidentProgress {
  @ApiProperty({ description: 'Orders in the incident (paid, not shipped), without those that shipped after all' })
  affectedOrders!: number;

  @ApiProperty({ description: 'Orders that shipped after all and left the incident' })
  droppedOrders!: number;

  @ApiProperty()
  noticesSent!: number;

  @ApiProperty()
  refundsOffered!: number;

  @ApiProperty({ description: 'Buyers who took the refund (order.refund_accepted)' })
  refundsAccepted!: number;

  @ApiProperty({ description: 'Refund accepted, or the dispute agreed on a refund, withdrawn or closed for the buyer' })
  ordersSettled!: number;

  @ApiProperty({ description: 'Open disputes on the orders when they joined, or opened since' })
  disputes!: number;

  @ApiProperty({ description: 'The seller’s proposal queued or sent, not yet answered by the dispute’s owner' })
  disputesQueued!: number;

  @ApiProperty({ description: 'The proposal applied and the withdrawal request posted' })
  disputesProposed!: number;

  @ApiProperty({ description: 'The dispute’s state refused the proposal (see each dispute’s refusal)' })
  disputesRefused!: number;

  @ApiProperty()
  disputesAgreed!: number;

  @ApiProperty()
  disputesWithdrawn!: number;

  @ApiProperty({ description: 'Closed otherwise (a ruling)' })
  disputesClosed!: number;

  @ApiProperty({ description: 'Not yet agreed, withdrawn or closed' })
  disputesOpen!: number;

  @ApiProperty({ description: 'Every order still in the incident is settled (the seller’s webhook says so once)' })
  settled!: boolean;
}

export class IncidentOrderView implements IncidentOrderProgress {
  @ApiProperty()
  orderId!: string;

  @ApiProperty()
  buyerId!: string;

  @ApiProperty({ example: 'fr', description: 'The language of the notice' })
  locale!: string;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;

  @ApiProperty(date)
  addedAt!: string;

  @ApiProperty(nullableDate)
  noticeRequestedAt!: string | null;

  @ApiProperty(nullableDate)
  refundOfferedAt!: string | null;

  @ApiProperty(nullableDate)
  droppedAt!: string | null;

  @ApiProperty(nullableDate)
  settledAt!: string | null;

  @ApiProperty(nullableDate)
  refundAcceptedAt!: string | null;
}

export class IncidentDisputeView implements IncidentDisputeProgress {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty()
  orderId!: string;

  @ApiProperty({
    enum: Object.values(DisputeProposalState),
    enumName: 'IncidentProposalState',
    description: 'The seller’s proposal: queued, sent to the owner, applied, or refused',
  })
  state!: DisputeProposalState;

  @ApiProperty({ enum: Object.values(DisputeOutcome), enumName: 'IncidentDisputeOutcome' })
  outcome!: DisputeOutcome;

  @ApiProperty({ type: String, nullable: true, description: '`RULE: detail` when the proposal was refused' })
  refusal!: string | null;

  @ApiProperty({ type: String, nullable: true })
  proposalId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The withdrawal request posted' })
  messageId!: string | null;

  @ApiProperty(date)
  updatedAt!: string;
}

/** An incident with its progress, order by order and dispute by dispute. */
export class SupplyIncidentDetail extends SupplyIncidentView {
  @ApiProperty({ type: IncidentProgressView })
  progress!: IncidentProgressView;

  @ApiProperty({ type: [IncidentOrderView] })
  orders!: IncidentOrderView[];

  @ApiProperty({ type: [IncidentDisputeView] })
  disputes!: IncidentDisputeView[];
}

export class SupplyIncidentPage {
  @ApiProperty({ type: [SupplyIncidentView] })
  items!: SupplyIncidentView[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' })
  nextCursor!: string | null;
}
