import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import {
  CATALOGUE_ACTIONS,
  SUPPLY_INCIDENT_CAUSES,
  SUPPLY_REMEDIES,
  type CatalogueAction,
  type SupplyIncidentCause,
  type SupplyRemedy,
} from '../enums';
import { MoneyDto } from '../shared/money.dto';
import { IsExternalId, IsLocaleTag, IsSettleId, IsText, IsUtcInstant, Nested } from '../validation';

/*
 * Supply incidents (issue 19, DOMAIN.md X36): a seller cannot ship a listing. negotiation owns the incident; the
 * listing.* events travel on settle.listings.events.v1 keyed by listingId (the catalogue, which the marketplace owns,
 * acts on requestedActions; listing-audit marks the listing), the order.* events on settle.orders.events.v1 keyed by
 * orderId (the marketplace delivers the notice and makes the offer).
 */

export class SupplyIncidentOpenedPayload {
  @IsSettleId()
  incidentId!: string;

  @IsExternalId()
  listingId!: string;

  @IsExternalId()
  sellerId!: string;

  /** The SKUs that cannot ship; empty means the whole listing. */
  @IsArray()
  @ArrayMaxSize(500)
  @IsExternalId({ each: true })
  skuIds!: string[];

  @IsIn(SUPPLY_INCIDENT_CAUSES)
  cause!: SupplyIncidentCause;

  @IsOptional()
  @IsUtcInstant()
  expectedRestockAt?: string;

  @IsIn(SUPPLY_REMEDIES)
  remedy!: SupplyRemedy;

  /** For WAIT_UNTIL: the date the seller asks buyers to wait until. */
  @IsOptional()
  @IsUtcInstant()
  waitUntil?: string;

  /** What the catalogue is asked to do (extend the processing time, delist until restocked). */
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(CATALOGUE_ACTIONS, { each: true })
  requestedActions!: CatalogueAction[];

  @IsUtcInstant()
  openedAt!: string;
}

export class SupplyIncidentUpdatedPayload {
  @IsSettleId()
  incidentId!: string;

  @IsExternalId()
  listingId!: string;

  @IsExternalId()
  sellerId!: string;

  @IsOptional()
  @IsUtcInstant()
  expectedRestockAt?: string;

  @IsUtcInstant()
  updatedAt!: string;
}

export class SupplyIncidentClosedPayload {
  @IsSettleId()
  incidentId!: string;

  @IsExternalId()
  listingId!: string;

  @IsExternalId()
  sellerId!: string;

  /** RELIST: the listing may be sold again. */
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(CATALOGUE_ACTIONS, { each: true })
  requestedActions!: CatalogueAction[];

  @IsUtcInstant()
  closedAt!: string;
}

/** A notice for the marketplace to deliver to the buyer, written in the buyer's locale from a lint-clean template. */
export class BuyerNoticeRequestedPayload {
  @IsExternalId()
  orderId!: string;

  @IsSettleId()
  incidentId!: string;

  @IsExternalId()
  buyerId!: string;

  @IsExternalId()
  sellerId!: string;

  @IsExternalId()
  listingId!: string;

  @IsLocaleTag()
  locale!: string;

  @IsText(200)
  subject!: string;

  @IsText(4000)
  body!: string;

  @IsUtcInstant()
  requestedAt!: string;
}

/** The seller's offer to the buyer of an order it cannot ship: the marketplace presents it and refunds. */
export class RefundOfferedPayload {
  @IsExternalId()
  orderId!: string;

  @IsSettleId()
  incidentId!: string;

  @IsExternalId()
  buyerId!: string;

  @IsExternalId()
  sellerId!: string;

  @IsIn(SUPPLY_REMEDIES)
  remedy!: SupplyRemedy;

  /** The refund (never above what was paid; the whole of it for FULL_REFUND). */
  @Nested(() => MoneyDto)
  amount!: MoneyDto;

  @IsOptional()
  @IsUtcInstant()
  waitUntil?: string;

  @IsUtcInstant()
  offeredAt!: string;
}

/**
 * The marketplace's answer to an order.refund_offered: the buyer accepted the refund and the marketplace refunds it.
 * The order counts as settled in its incident.
 */
export class RefundAcceptedPayload {
  @IsExternalId()
  orderId!: string;

  @IsSettleId()
  incidentId!: string;

  @IsExternalId()
  buyerId!: string;

  @IsExternalId()
  sellerId!: string;

  /** What is refunded (never above what was paid). */
  @Nested(() => MoneyDto)
  amount!: MoneyDto;

  @IsUtcInstant()
  acceptedAt!: string;
}
