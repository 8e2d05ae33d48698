import { Topics, type EventEnvelope } from '@settle/contracts';
import { eventually } from '@settle/testing';
import type { Journeys, Seller } from './journey';

const USD = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/**
 * A tassel pendant as the marketplace publishes it (listing.upserted): by the piece, or as a lot of 10 at the price of
 * one piece (the sale-unit mistake the audit flags with SALE_UNIT_PRICE_MISMATCH once the seller's pieces exist).
 */
export function pendantListing(sellerId: string, listingId: string, colour: string, lot: boolean) {
  return {
    listingId,
    sellerId,
    category: 'jewellery/pendants',
    title: `Tassel pendant, ${colour} silk thread, 8 cm${lot ? ', lot of 10' : ''}`,
    description: `Hand-made tassel pendant${lot ? 's' : ''} of ${colour} silk thread, 8 cm long, with a gold-plated cap.${lot ? ' Lot of 10.' : ''}`,
    images: [
      { url: `https://img.example.com/${listingId}-front.jpg` },
      { url: `https://img.example.com/${listingId}-side.jpg` },
      { url: `https://img.example.com/${listingId}-ruler.jpg` },
    ],
    attributes: { material: 'silk', colour, length: '8 cm' },
    saleUnit: lot ? { type: 'LOT', piecesPerLot: 10 } : { type: 'PIECE' },
    skus: [{ skuId: `SKU-${colour}`, attributes: { colour }, price: USD(999), stock: 40 }],
    shipping: { fee: USD(150), processingDays: 3, promisedDeliveryDays: 20, shipsFrom: 'CN', shipsTo: ['FR', 'US'] },
    brand: 'Generic',
    status: 'ACTIVE',
  };
}

/**
 * docs/DOMAIN.md's tassel-pendant case as the marketplace publishes it: the seller's red and green pendants by the
 * piece (each audited), then the blue lot of 10 at the price of one piece. Resolves with the lot's listing.flagged.
 */
export async function publishTasselPendants(
  journeys: Journeys,
  seller: Seller,
  ids: { red: string; green: string; lot: string },
): Promise<EventEnvelope> {
  for (const [colour, listingId] of [
    ['red', ids.red],
    ['green', ids.green],
  ] as const) {
    await journeys.inbound(
      'listing.upserted',
      listingId,
      pendantListing(seller.sellerId, listingId, colour, false),
      seller.sellerId,
    );
    await journeys.waitForEvent(Topics.LISTING_EVENTS, 'listing.audited', listingId);
  }
  await journeys.inbound(
    'listing.upserted',
    ids.lot,
    pendantListing(seller.sellerId, ids.lot, 'blue', true),
    seller.sellerId,
  );
  return journeys.waitForEvent(Topics.LISTING_EVENTS, 'listing.flagged', ids.lot);
}

/**
 * A returning buyer pays for six lots that night; the seller will not sell at that price, and the buyer opens a
 * SELLER_REFUSED_SALE dispute (retried while dispute-intake does not know the order yet: 422 ORDER_UNKNOWN).
 * Resolves with the dispute as dispute-intake answered its opening.
 */
export async function openRefusedSale(
  journeys: Journeys,
  seller: Seller,
  sale: { lotId: string; orderId: string; buyerId: string; evidence?: { kind: string; url: string }[] },
): Promise<{ id: string } & Record<string, any>> {
  const { lotId, orderId, buyerId } = sale;
  await journeys.inbound(
    'order.paid',
    orderId,
    {
      orderId,
      buyerId,
      sellerId: seller.sellerId,
      listingId: lotId,
      skuId: 'SKU-blue',
      quantity: 6,
      amount: USD(5_994),
      paidAt: new Date().toISOString(),
      buyerCountry: 'FR',
      sellerCountry: 'CN',
      promisedDeliveryDays: 3,
    },
    seller.sellerId,
  );
  return eventually(
    async () => {
      const response = await journeys.cluster.call('dispute-intake', 'POST', '/v1/disputes', {
        key: journeys.platform,
        headers: { 'idempotency-key': `refused-${orderId}-${Date.now()}` },
        body: {
          orderId,
          buyerId,
          sellerId: seller.sellerId,
          listingId: lotId,
          reason: 'SELLER_REFUSED_SALE',
          subReason: 'ASKED_FOR_MORE_MONEY',
          requested: { type: 'REFUND_ONLY', refund: USD(5_994) },
          description: 'The seller asks me to pay ten times the price after I paid for six lots.',
          evidence: sale.evidence ?? [],
          buyerLocale: 'fr-FR',
        },
      });
      return response.status === 201 ? response.body : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250, what: 'the order to be known to dispute-intake' },
  );
}
