import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '@settle/platform';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-types';

export class CreateEndpointBody {
  @ApiProperty({ example: 'https://seller.example.com/settle/webhooks' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({
    example: ['dispute.opened', 'deadline.reminder', 'message.posted'],
    description: '`*` for every type',
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: 'eventTypes must each be one of: $constraint1' })
  eventTypes!: string[];
}

export class DeliveriesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  endpointId?: string;

  @ApiPropertyOptional({ enum: ['PENDING', 'SUCCEEDED', 'FAILED'], enumName: 'DeliveryStatus' })
  @IsOptional()
  @IsIn(['PENDING', 'SUCCEEDED', 'FAILED'])
  status?: string;
}
