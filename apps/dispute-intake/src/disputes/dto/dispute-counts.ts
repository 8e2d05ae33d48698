import { ApiProperty, PickType } from '@nestjs/swagger';
import type { DisputeStatus } from '@settle/contracts';
import { ListDisputesQuery } from './list-disputes.query';

/** `GET /v1/disputes/counts?sellerId=&orderId=` (a seller counts its own only): the list's filters but status. */
export class DisputeCountsQuery extends PickType(ListDisputesQuery, ['sellerId', 'orderId'] as const) {}

export interface DisputeCounts {
  byStatus: Record<DisputeStatus, number>;
}

/** Every status named, zero when none. */
export class StatusCountsView implements Record<DisputeStatus, number> {
  @ApiProperty({ type: 'integer', minimum: 0 })
  OPENED!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  AWAITING_SELLER!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  NEGOTIATING!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  AGREED!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  ESCALATED!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  AWAITING_RETURN!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  RETURN_IN_TRANSIT!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  RESOLVED!: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  CANCELLED!: number;
}

export class DisputeCountsResponse implements DisputeCounts {
  @ApiProperty({ type: StatusCountsView, description: 'How many disputes are in each status' })
  byStatus!: StatusCountsView;
}
