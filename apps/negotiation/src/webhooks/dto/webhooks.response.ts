import { ApiProperty, OmitType } from '@nestjs/swagger';
import { DeliveryStatus, EndpointStatus, type Attempt, type Delivery, type Endpoint } from '../webhook.model';

/** A seller's webhook endpoint (`Endpoint`); its secret is never shown again after creation. */
export class EndpointView implements Endpoint {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty({ format: 'uri' })
  url!: string;

  @ApiProperty({ type: [String], example: ['dispute.opened', 'dispute.ruled'] })
  eventTypes!: string[];

  @ApiProperty({ enum: Object.values(EndpointStatus), enumName: 'EndpointStatus' })
  status!: EndpointStatus;

  @ApiProperty({ type: String, nullable: true })
  disabledReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  failingSince!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'While failing: not tried before' })
  retryAfter!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CreatedEndpointResponse extends EndpointView {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Shown this once' })
  secret!: string;
}

export class EndpointListResponse {
  @ApiProperty({ type: [EndpointView] })
  items!: EndpointView[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: every endpoint is on one page' })
  nextCursor!: null;
}

export class RotatedSecretResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The new secret, shown this once' })
  secret!: string;

  @ApiProperty({ format: 'date-time', description: 'Until then the old secret still signs too' })
  previousSecretExpiresAt!: string;
}

/** One event sent to one endpoint, retried until it succeeds or fails for good (`Delivery`). */
export class DeliveryView implements Delivery {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  endpointId!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'dispute.ruled' })
  eventType!: string;

  @ApiProperty({ enum: Object.values(DeliveryStatus), enumName: 'DeliveryStatus' })
  status!: DeliveryStatus;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The delivery this one replays' })
  replayOf!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] })
  items!: DeliveryView[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' })
  nextCursor!: string | null;
}

export class AttemptView implements Attempt {
  @ApiProperty({ type: 'integer' })
  attempt!: number;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: 'integer' })
  durationMs!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The endpoint’s HTTP status' })
  statusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}

/** One delivery with its event and every attempt (`attempts` is the log here, not a count). */
export class DeliveryDetailResponse extends OmitType(DeliveryView, ['attempts'] as const) {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event sent (CloudEvents JSON)' })
  event!: unknown;

  @ApiProperty({ type: [AttemptView] })
  attempts!: AttemptView[];
}
