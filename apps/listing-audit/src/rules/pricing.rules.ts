import { formatMoney } from '@settle/contracts/money';
import { defineRule, type Rule } from './rule';
import { median } from './text';

/** SKU and shipping-fee cheating (DOMAIN.md): one variant priced absurdly low to rank, or price moved into shipping. */

export const skuPriceOutlier = defineRule(
  {
    id: 'SKU_PRICE_OUTLIER',
    family: 'pricing',
    severity: 'BLOCK',
    field: 'skus.<n>.price',
    summary: 'One variant is priced far below the others, which ranks the listing by a price almost no buyer gets.',
    fix: 'Price every variant at what it really sells for; sell a cheap accessory as its own listing.',
  },
  ({ prepared, config }) => {
    const skus = prepared.listing.skus;
    if (skus.length < 2) return [];
    const hits = [];
    for (const [index, sku] of skus.entries()) {
      const others = skus
        .filter((other, otherIndex) => otherIndex !== index && other.price.currency === sku.price.currency)
        .map((other) => other.price.amountMinor);
      const typical = median(others);
      if (typical === undefined || typical <= 0) continue;
      if (sku.price.amountMinor >= typical * config.thresholds.skuOutlierShare) continue;
      hits.push({
        field: `skus.${index}.price`,
        message: `Variant ${sku.skuId} costs ${formatMoney(sku.price)}, under ${Math.round(config.thresholds.skuOutlierShare * 100)}% of the other variants (about ${formatMoney({ amountMinor: Math.round(typical), currency: sku.price.currency })}).`,
      });
    }
    return hits;
  },
);

export const shippingFeeInflated = defineRule(
  {
    id: 'SHIPPING_FEE_INFLATED',
    family: 'pricing',
    severity: 'WARN',
    field: 'shipping.fee',
    summary: 'A tiny item price with an inflated shipping fee: the price has been moved into shipping.',
    fix: 'Charge the real shipping cost and put the rest in the item price; buyers compare the total.',
  },
  ({ prepared }) => {
    const { fee } = prepared.listing.shipping;
    const lowest = prepared.lowestPrice;
    if (fee.amountMinor <= 0 || fee.currency !== lowest.currency) return [];
    const ratio = prepared.category.maxShippingToPriceRatio;
    if (fee.amountMinor <= lowest.amountMinor * ratio) return [];
    return [
      {
        message: `The shipping fee (${formatMoney(fee)}) is more than ${ratio} times the item price (${formatMoney(lowest)}).`,
      },
    ];
  },
);

export const PRICING_RULES: Rule[] = [skuPriceOutlier, shippingFeeInflated];
