import { ApiProperty } from '@nestjs/swagger';
import { DISPUTE_REASONS, DISPUTE_STATUSES, RequestedDto } from '@settle/contracts';

/**
 * What identifies a dispute and where it stands, as every service that answers with a dispute writes it first:
 * dispute-intake's DisputeSummaryResponse, escalation-timer's CaseDisputeView, negotiation's NegotiationDisputeView
 * extend it (each keeps its own schema name in its OpenAPI; swagger lists these properties first).
 */
export class DisputeHeaderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: DISPUTE_STATUSES, enumName: 'DisputeStatus' })
  status!: string;

  @ApiProperty({ type: 'integer', description: 'Pass as expectedVersion to act on this state' })
  version!: number;

  @ApiProperty()
  orderId!: string;

  @ApiProperty()
  buyerId!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty()
  listingId!: string;

  @ApiProperty({ enum: DISPUTE_REASONS, enumName: 'DisputeReason' })
  reason!: string;

  @ApiProperty()
  subReason!: string;

  @ApiProperty({ type: RequestedDto })
  requested!: RequestedDto;
}
