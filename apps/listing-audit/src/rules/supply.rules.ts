import { defineRule, type Rule } from './rule';

/**
 * Supply (docs/DOMAIN.md, the set-top box case): a seller who cannot ship a model should extend the processing time and
 * apologise to buyers, delist the model, refund those who ordered, and ask those who disputed to withdraw.
 */

export const SUPPLY_RECOMMENDED_ACTIONS: readonly string[] = [
  'Extend the processing time and message every buyer with an open order, with an apology.',
  'Delist the model so no one else orders it.',
  'Refund the buyers who ordered it and cannot be served.',
  'Ask the buyers who opened disputes to withdraw them once they are refunded.',
];

const ACTIONS_TEXT = SUPPLY_RECOMMENDED_ACTIONS.map((action, index) => `${index + 1}) ${action}`).join(' ');

function isActive(status: string | undefined): boolean {
  return status === undefined || status === 'ACTIVE';
}

export const supplyOutOfStock = defineRule(
  {
    id: 'SUPPLY_OUT_OF_STOCK',
    family: 'supply',
    severity: 'BLOCK',
    field: 'skus',
    summary: 'The listing is active but no variant has stock: buyers can order what cannot be shipped.',
    fix: `Restock, or if the item cannot be supplied: ${ACTIONS_TEXT}`,
  },
  ({ prepared }) => {
    const { skus, status } = prepared.listing;
    if (!isActive(status) || skus.length === 0 || skus.some((sku) => sku.stock > 0)) return [];
    return [
      {
        field: skus.length === 1 ? 'skus.0.stock' : 'skus',
        message:
          'The listing is active with zero stock on every variant; any order now leads to a "sold but won\'t sell" dispute.',
      },
    ];
  },
);

export const supplyVariantOutOfStock = defineRule(
  {
    id: 'SUPPLY_VARIANT_OUT_OF_STOCK',
    family: 'supply',
    severity: 'INFO',
    field: 'skus.<n>.stock',
    summary: 'A variant of an active listing has no stock.',
    fix: 'Hide the variant until it is restocked, so no buyer orders it.',
  },
  ({ prepared }) => {
    const { skus, status } = prepared.listing;
    if (!isActive(status) || skus.every((sku) => sku.stock === 0)) return [];
    return skus.flatMap((sku, index) =>
      sku.stock === 0 ? [{ field: `skus.${index}.stock`, message: `Variant ${sku.skuId} has no stock.` }] : [],
    );
  },
);

export const supplyProcessingExceedsDelivery = defineRule(
  {
    id: 'SUPPLY_PROCESSING_EXCEEDS_DELIVERY',
    family: 'supply',
    severity: 'BLOCK',
    field: 'shipping.processingDays',
    summary: 'The processing time is longer than the promised delivery time: every order arrives late.',
    fix: `Set a processing time the promise can hold, or lengthen the promised delivery. If the item cannot be supplied in time: ${ACTIONS_TEXT}`,
  },
  ({ prepared }) => {
    const { processingDays, promisedDeliveryDays } = prepared.listing.shipping;
    if (processingDays <= promisedDeliveryDays) return [];
    return [
      {
        message: `Processing takes ${processingDays} days but delivery is promised within ${promisedDeliveryDays} days.`,
      },
    ];
  },
);

/**
 * The seller declared it cannot ship the listing (issue 19): Settle runs the remedy above for every buyer, so the fix
 * is only to close the incident once restocked. WARN, not BLOCK: the listing is already delisted on the seller's own
 * declaration, and a declaration must not cost the seller a flag (a block would announce listing.flagged).
 */
export const supplyIncidentActive = defineRule(
  {
    id: 'SUPPLY_INCIDENT_ACTIVE',
    family: 'supply',
    severity: 'WARN',
    field: 'skus',
    summary: 'The seller declared a supply incident on the listing and has not closed it: it cannot ship now.',
    fix: 'Nothing to do for the buyers: Settle asked the catalogue to extend the processing time and delist the listing, sent each buyer with a paid order an apology and your offer, and proposed it in their disputes. Close the incident once restocked (POST /v1/supply-incidents/{id}/close) to relist it.',
  },
  ({ context }) =>
    (context.supplyIncidents ?? []).map((incident) => {
      const scope = incident.skuIds.length > 0 ? `variants ${incident.skuIds.join(', ')}` : 'the whole listing';
      const restock = incident.expectedRestockAt
        ? `restock expected ${incident.expectedRestockAt}`
        : 'no restock date given';
      return {
        field: 'skus',
        message: `Supply incident ${incident.incidentId} (${incident.cause}) open since ${incident.openedAt} on ${scope}; ${restock}.`,
      };
    }),
);

export const SUPPLY_RULES: Rule[] = [
  supplyOutOfStock,
  supplyProcessingExceedsDelivery,
  supplyIncidentActive,
  supplyVariantOutOfStock,
];
