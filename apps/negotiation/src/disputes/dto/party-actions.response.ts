import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ActiveDeadlineDto,
  DISPUTE_STATUSES,
  OrderSnapshotDto,
  ProposalDto,
  ResolutionDto,
  type DisputeStatus,
} from '@settle/contracts';
import { DisputeHeaderView } from '@settle/platform';
import { ToneReportView } from '../../messages/dto/messages.response';
import { CommandStatus } from '../disputes.repository';
import { ProposalState, type DisputeView, type ProposalRecord } from '../projection';

/** A proposal as negotiation keeps it: its terms and where it stands (`ProposalRecord`). */
export class ProposalRecordView extends ProposalDto implements ProposalRecord {
  @ApiProperty({ enum: Object.values(ProposalState), enumName: 'ProposalState' })
  state!: ProposalState;

  @ApiProperty({ type: 'integer', description: 'The dispute version whose event recorded it' })
  recordedAtVersion!: number;
}

/** The dispute as negotiation sees it (`DisputeView`). */
export class NegotiationDisputeView extends DisputeHeaderView implements DisputeView {
  declare status: DisputeStatus;

  @ApiProperty({ example: 'fr-FR' })
  buyerLocale!: string;

  @ApiProperty({ type: OrderSnapshotDto })
  order!: OrderSnapshotDto;

  @ApiProperty({ type: [ProposalRecordView] })
  proposals!: ProposalRecordView[];

  @ApiProperty({ type: [ActiveDeadlineDto] })
  deadlines!: ActiveDeadlineDto[];

  @ApiProperty({ type: ResolutionDto, nullable: true })
  resolution!: ResolutionDto | null;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

/** 200: the owner applied the action within the wait. */
export class ActionAppliedResponse {
  @ApiProperty({ enum: ['APPLIED'] })
  status!: 'APPLIED';

  @ApiProperty({ format: 'uuid' })
  commandId!: string;

  @ApiProperty({ type: NegotiationDisputeView })
  dispute!: NegotiationDisputeView;

  @ApiPropertyOptional({ type: ToneReportView, description: 'The tone check of the message sent with it' })
  lint?: ToneReportView;
}

/** 202: the owner has not answered yet; poll `location`. */
export class ActionPendingResponse {
  @ApiProperty({ enum: ['PENDING'] })
  status!: 'PENDING';

  @ApiProperty({ format: 'uuid' })
  commandId!: string;

  @ApiProperty({
    example: '/v1/commands/0190c7e2-8f3a-7cc1-9c1e-5b2f0e1d2a3b',
    description: 'Also the Location header',
  })
  location!: string;

  @ApiPropertyOptional({ type: ToneReportView })
  lint?: ToneReportView;
}

export class ProposalsResponse {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ enum: DISPUTE_STATUSES, enumName: 'DisputeStatus' })
  status!: DisputeStatus;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ type: [ProposalRecordView], description: 'Every round, in the order they were made' })
  items!: ProposalRecordView[];
}

export class CommandRejectionView {
  @ApiProperty({ example: 'STALE_VERSION', description: 'The rule that refused it' })
  type!: string;

  @ApiProperty({ example: 'conflict' })
  category!: string;

  @ApiProperty()
  detail!: string;
}

/** A party action sent to the dispute's owner, and its answer. */
@ApiExtraModels(CommandRejectionView)
export class CommandResponse {
  @ApiProperty({ format: 'uuid' })
  commandId!: string;

  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ example: 'dispute.command.accept_proposal' })
  type!: string;

  @ApiProperty({ enum: Object.values(CommandStatus), enumName: 'CommandStatus' })
  status!: CommandStatus;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt!: string | null;

  @ApiPropertyOptional({ type: CommandRejectionView, description: 'When REJECTED' })
  rejection?: CommandRejectionView;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'When APPLIED: the events the owner recorded',
  })
  events?: unknown[];

  @ApiProperty({ type: NegotiationDisputeView })
  dispute!: NegotiationDisputeView;
}
