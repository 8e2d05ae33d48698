import { formatMoney } from '@settle/contracts/money';
import { defineRule, type Rule } from './rule';
import { median, NUMBER_WORD_PATTERN, parseCount } from './text';

/** SKU and shipping-fee cheating (docs/DOMAIN.md): one variant priced absurdly low to rank, or price moved into shipping. */

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
    // Variants sold by quantity ("1pc", "5pcs", "pack of 10") are compared per piece.
    const priced = skus.map((sku) => ({ sku, perPiece: sku.price.amountMinor / variantQuantity(sku.attributes) }));
    const byPiece = priced.some(({ sku, perPiece }) => perPiece !== sku.price.amountMinor);
    const hits = [];
    for (const [index, { sku, perPiece }] of priced.entries()) {
      const others = priced
        .filter((other, otherIndex) => otherIndex !== index && other.sku.price.currency === sku.price.currency)
        .map((other) => other.perPiece);
      const typical = median(others);
      if (typical === undefined || typical <= 0) continue;
      if (perPiece >= typical * config.thresholds.skuOutlierShare) continue;
      hits.push({
        field: `skus.${index}.price`,
        message: `Variant ${sku.skuId} costs ${formatMoney(sku.price)}, under ${Math.round(config.thresholds.skuOutlierShare * 100)}% of the other variants (about ${formatMoney({ amountMinor: Math.round(typical), currency: sku.price.currency })}${byPiece ? ' a piece' : ''}).`,
      });
    }
    return hits;
  },
);

const QUANTITY = new RegExp(
  `^\\s*(?:(?:pack|set|lot)\\s+of\\s+)?(${NUMBER_WORD_PATTERN})\\s*(?:pcs|pieces|pc|x|pack|set)?\\s*$`,
  'i',
);

/** How many pieces a variant holds, when its attributes say ("quantity: 5pcs"); else 1. */
function variantQuantity(attributes: Record<string, string>): number {
  for (const value of Object.values(attributes)) {
    const match = QUANTITY.exec(value);
    const count = match?.[1] === undefined ? undefined : parseCount(match[1]);
    if (count !== undefined && count >= 1 && /\D/.test(value.trim()) === true) return count;
  }
  return 1;
}

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
    // Against the typical variant's price: one bait variant is SKU_PRICE_OUTLIER's finding, not a shipping one.
    const { fee } = prepared.listing.shipping;
    const price = prepared.price;
    if (fee.amountMinor <= 0 || fee.currency !== price.currency) return [];
    const ratio = prepared.category.maxShippingToPriceRatio;
    if (fee.amountMinor <= price.amountMinor * ratio) return [];
    return [
      {
        message: `The shipping fee (${formatMoney(fee)}) is more than ${ratio} times the item price (${formatMoney(price)}).`,
      },
    ];
  },
);

export const PRICING_RULES: Rule[] = [skuPriceOutlier, shippingFeeInflated];
