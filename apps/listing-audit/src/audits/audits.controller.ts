import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  ApiProblems,
  BODY_LIMITS,
  BodyLimit,
  Clock,
  CurrentPrincipal,
  type Principal,
  Roles,
  ValidationFailed,
  assertSellerScope,
} from '@settle/platform';
import { ImageProber } from '../images/image-prober';
import { AuditsService, type ListingAtInstant, type StoredAudit } from './audits.service';
import { AuditHistoryQuery } from './dto/audit-history.query';
import { AUDIT_LISTING_EXAMPLE, AuditListingRequest } from './dto/audit-listing.request';
import { AuditPageView, AuditView, ListingAtInstantView, ListingSummaryPage } from './dto/audit.response';
import { SellerListingsQuery } from './dto/seller-listings.query';
import type { Page } from '@settle/platform';

@ApiTags('listing audits')
@ApiBearerAuth()
@ApiExtraModels(AuditPageView, ListingAtInstantView)
@Controller('v1')
@ApiProblems(401, 403)
export class AuditsController {
  constructor(
    private readonly audits: AuditsService,
    private readonly images: ImageProber,
    private readonly clock: Clock,
  ) {}

  @Post('listing-audits')
  @BodyLimit(BODY_LIMITS.document)
  @HttpCode(200)
  @Roles('platform', 'seller')
  @ApiOperation({
    summary: 'Audit a listing',
    description:
      'Stores the listing as a new version (unless unchanged), runs every rule, records the audit and announces it ' +
      '(listing.audited; listing.flagged when it blocks). A seller may audit its own listings only.',
  })
  @ApiBody({ type: AuditListingRequest, examples: { tasselLot: { value: AUDIT_LISTING_EXAMPLE } } })
  @ApiOkResponse({ type: AuditView })
  @ApiProblems(
    400,
    [404, 'Another seller’s listing'],
    [409, 'The listing belongs to another seller (LISTING_SELLER_MISMATCH)'],
    413,
    415,
  )
  async audit(@CurrentPrincipal() principal: Principal, @Body() request: AuditListingRequest): Promise<StoredAudit> {
    assertSellerScope(principal, request.sellerId, 'Listing', request.listingId);
    const owner = await this.audits.ownerOf(request.listingId);
    if (owner !== undefined) assertSellerScope(principal, owner, 'Listing', request.listingId);
    const listing = { ...request };
    const images = await this.images.probe(listing);
    return this.audits.audit({ listing, trigger: 'MANUAL', validFrom: this.clock.now(), images });
  }

  @Get('listings')
  @Roles('seller', 'staff', 'lead', 'platform')
  @ApiOperation({
    summary: "A seller's listings with their latest audit, flagged first",
    description:
      'Flagged (the latest audit blocks, or disputes asked for it) first, then those that warn, then the rest; ' +
      'within each, the lowest score first. A seller key sees its own; other keys name the seller (?sellerId=).',
  })
  @ApiOkResponse({ type: ListingSummaryPage })
  @ApiProblems(400)
  listings(@CurrentPrincipal() principal: Principal, @Query() query: SellerListingsQuery) {
    const sellerId = principal.role === 'seller' ? principal.sellerId : query.sellerId;
    if (!sellerId) throw new ValidationFailed([{ field: 'sellerId', message: 'is required with this key' }]);
    return this.audits.sellerListings(sellerId, query.limit, query.cursor);
  }

  @Post('listings/:listingId/audits')
  @HttpCode(200)
  @Roles('platform', 'seller')
  @ApiOperation({
    summary: "Audit a listing's latest version again, now",
    description: 'The rules run on the version Settle holds (trigger MANUAL), with its images probed again.',
  })
  @ApiOkResponse({ type: AuditView })
  @ApiProblems([404, 'No such listing, or another seller’s'])
  async auditAgain(
    @CurrentPrincipal() principal: Principal,
    @Param('listingId') listingId: string,
  ): Promise<StoredAudit> {
    const listing = await this.audits.latestListing(listingId);
    assertSellerScope(principal, listing.sellerId, 'Listing', listingId);
    const images = await this.images.probe(listing);
    return this.audits.audit({ listing, trigger: 'MANUAL', validFrom: this.clock.now(), images });
  }

  @Get('listings/:listingId/audits')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({
    summary: "A listing's audits, newest first; with ?at=, the version and audit in force at that instant",
  })
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(AuditPageView) }, { $ref: getSchemaPath(ListingAtInstantView) }] },
  })
  @ApiProblems(400, [404, 'Another seller’s listing, or no version at that instant'])
  async history(
    @CurrentPrincipal() principal: Principal,
    @Param('listingId') listingId: string,
    @Query() query: AuditHistoryQuery,
  ): Promise<Page<StoredAudit> | ListingAtInstant> {
    const owner = await this.audits.ownerOf(listingId);
    if (owner !== undefined) assertSellerScope(principal, owner, 'Listing', listingId);
    if (query.at !== undefined) return this.audits.atInstant(listingId, new Date(query.at));
    return this.audits.history(listingId, query.limit, query.cursor);
  }
}
