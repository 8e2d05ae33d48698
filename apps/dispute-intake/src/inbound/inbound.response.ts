import { ApiProperty } from '@nestjs/swagger';

export class InboundAcceptedResponse {
  @ApiProperty({ enum: [true] })
  accepted!: true;

  @ApiProperty({ description: 'The webhook-id, now the event’s id on its topic' })
  eventId!: string;
}
