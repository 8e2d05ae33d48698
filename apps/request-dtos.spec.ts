import { sampleListing } from '@settle/contracts/testing';
import { createValidationPipe, ValidationFailed } from '@settle/platform';
import { getMetadataStorage } from 'class-validator';
import { CancelDisputeRequest } from './dispute-intake/src/disputes/dto/cancel-dispute.request';
import { OpenDisputeRequest } from './dispute-intake/src/disputes/dto/open-dispute.request';
import { ExtendDeadlineRequest } from './escalation-timer/src/deadlines/dto/deadline-requests';
import { ClaimRequest, RulingRequest } from './escalation-timer/src/escalations/dto/escalation-requests';
import { AuditListingRequest } from './listing-audit/src/audits/dto/audit-listing.request';
import {
  ReturnReceiptBody,
  SellerResponseBody,
  SubmitProposalBody,
} from './negotiation/src/disputes/dto/party-actions.dto';
import { PostMessageBody } from './negotiation/src/messages/dto/messages.dto';
import { CreateEndpointBody } from './negotiation/src/webhooks/dto/webhooks.dto';

/** The fields the services' global validation pipe refuses in `body`, or the DTO instance it accepts. */
async function refusedFields(metatype: new () => object, body: unknown): Promise<string[] | object> {
  try {
    return await createValidationPipe().transform(body, { type: 'body', metatype });
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    return error.errors.map((fieldError) => fieldError.field);
  }
}

const evidence = [{ kind: 'PHOTO', url: 'https://evidence.example.com/photo.jpg' }];
const money = { amountMinor: 500, currency: 'USD' };
const openDispute = {
  orderId: 'ORD-1',
  buyerId: 'B-1',
  sellerId: 'S-1',
  listingId: 'L-1',
  reason: 'NOT_AS_DESCRIBED',
  subReason: 'QUANTITY_SHORT',
  requested: { type: 'REFUND_ONLY', refund: money },
  description: 'The lot had 6 pendants, not 10.',
  evidence,
  buyerLocale: 'fr-FR',
};
const ruling = {
  outcome: 'PARTIAL_REFUND',
  refund: money,
  rationale: 'The photos show 6 of 10.',
  citations: [{ kind: 'POLICY_RULE', ref: 'R-1' }],
};

describe('request DTOs of the four services: an array (or any non-object) where an object is expected is refused', () => {
  const cases: [string, new () => object, Record<string, unknown>, Record<string, unknown>, string][] = [
    ['open dispute: requested', OpenDisputeRequest, openDispute, { requested: [] }, 'requested'],
    [
      'open dispute: requested.refund',
      OpenDisputeRequest,
      openDispute,
      { requested: { type: 'REFUND_ONLY', refund: [] } },
      'requested.refund',
    ],
    ['open dispute: order', OpenDisputeRequest, openDispute, { order: [] }, 'order'],
    ['open dispute: evidence', OpenDisputeRequest, openDispute, { evidence: [[]] }, 'evidence'],
    ['listing: shipping', AuditListingRequest, sampleListing() as never, { shipping: [] }, 'shipping'],
    ['listing: saleUnit', AuditListingRequest, sampleListing() as never, { saleUnit: [] }, 'saleUnit'],
    ['listing: skus', AuditListingRequest, sampleListing() as never, { skus: [[]] }, 'skus'],
    ['listing: images[0]', AuditListingRequest, sampleListing() as never, { images: [[]] }, 'images'],
    [
      'listing: skus[0].price',
      AuditListingRequest,
      sampleListing() as never,
      { skus: [{ ...sampleListing().skus[0], price: [] }] },
      'skus.0.price',
    ],
    [
      'seller response: proposal',
      SellerResponseBody,
      { action: 'REJECT', proposal: { type: 'REFUND_ONLY', refund: money }, message: 'Hello' },
      { proposal: [] },
      'proposal',
    ],
    ['proposal: refund', SubmitProposalBody, { type: 'REFUND_ONLY', refund: money }, { refund: [] }, 'refund'],
    ['return receipt: evidence', ReturnReceiptBody, { condition: 'DAMAGED' }, { evidence: [[]] }, 'evidence'],
    ['message: attachments', PostMessageBody, { body: 'Hello' }, { attachments: [[]] }, 'attachments'],
    ['ruling: citations', RulingRequest, ruling, { citations: [[]] }, 'citations'],
    ['ruling: refund', RulingRequest, ruling, { refund: [] }, 'refund'],
  ];

  it.each(cases)('%s', async (_label, metatype, valid, change, field) => {
    expect(await refusedFields(metatype, valid)).toBeInstanceOf(metatype);
    expect(await refusedFields(metatype, { ...valid, ...change })).toContain(field);
  });

  it('refuses an unsafe integer amount in a negotiation proposal', async () => {
    expect(
      await refusedFields(SubmitProposalBody, { type: 'REFUND_ONLY', refund: { ...money, amountMinor: 2 ** 53 } }),
    ).toEqual(['refund.amountMinor']);
  });

  it('declares every nested DTO with Nested, NestedObject or NestedArray (ValidateNested alone lets arrays through)', () => {
    // The request DTOs above are loaded; every class with a ValidateNested property also checks it is an object.
    void [CancelDisputeRequest, ExtendDeadlineRequest, ClaimRequest, CreateEndpointBody];
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, { propertyName: string; type: string; name?: string }[]>;
    };
    const unguarded: string[] = [];
    let checked = 0;
    for (const [target, metadatas] of storage.validationMetadatas) {
      const nested = metadatas.filter((metadata) => metadata.type === 'nestedValidation');
      checked += nested.length;
      for (const { propertyName } of nested) {
        const guarded = metadatas.some(
          (metadata) => metadata.propertyName === propertyName && metadata.name === 'isObject',
        );
        if (!guarded) unguarded.push(`${(target as { name?: string }).name}.${propertyName}`);
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(unguarded).toEqual([]);
  });
});
