/**
 * Listing audits (issue 7): listings per second and p99 per listing for the text rules (images off) on generated
 * listings, against only parsing and validating the same listings with class-validator, in the same run.
 * Target: the audit costs at most 5 times the validation (throughput ratio >= 0.2). CPU only: the database and
 * Kafka arguments are unused, the signature is the one every benchmark shares.
 */
import { ListingDto, required, validateAs } from '@settle/contracts';
import { auditListing } from '../../apps/listing-audit/src/rules/engine';
import type { AuditedListing } from '../../apps/listing-audit/src/rules/types';
import { percentile, recordResult } from './report';

const LISTINGS = Number(process.env.BENCH_AUDIT_LISTINGS ?? 100_000);
/** The seller's other listings each audit compares with (sale unit, duplicates), as the service loads them. */
const SELLER_LISTINGS = 50;

const COLOURS = ['red', 'blue', 'green', 'black', 'white', 'pink', 'navy', 'beige'];
const PRODUCTS = ['tassel pendant', 'silk scarf', 'cotton t-shirt', 'leather wallet', 'ceramic mug', 'steel watch'];
const CATEGORIES = [
  'jewellery/pendants',
  'apparel/scarves',
  'apparel/shirts',
  'accessories',
  'home/kitchen',
  'jewellery',
];
const EXTRAS = ['', ' free shipping', ' lot of 10', ' REPLICA', ' HOT SALE!!', ' 1:1 copy', ' gift box'];

/** A deterministic variety of listings: clean ones and ones breaking several rules. */
function generateListing(n: number): AuditedListing {
  const colour = required(COLOURS[n % COLOURS.length], 'a colour');
  const product = n % PRODUCTS.length;
  const productName = required(PRODUCTS[product], 'a product');
  const extra = required(EXTRAS[n % EXTRAS.length], 'an extra');
  const lot = n % 5 === 0;
  return {
    listingId: `L-${n}`,
    sellerId: `S-${n % 2_000}`,
    category: required(CATEGORIES[product], 'a category'),
    title: `${productName}, ${colour}, model ${n % 97}${extra}`,
    description: `A ${colour} ${productName} made with care. ${'Measured, photographed and packed by hand. '.repeat(1 + (n % 4))}`,
    images: Array.from({ length: 1 + (n % 4) }, (_, index) => ({ url: `https://img.example.com/${n}/${index}.jpg` })),
    attributes: { material: n % 3 === 0 ? 'polyester' : 'cotton', colour, ...(n % 2 === 0 ? { size: 'M' } : {}) },
    saleUnit: lot ? { type: 'LOT', piecesPerLot: 10 } : { type: 'PIECE' },
    skus: Array.from({ length: 1 + (n % 3) }, (_, index) => ({
      skuId: `SKU-${n}-${index}`,
      attributes: { colour: index === 2 ? 'orange' : colour },
      price: { amountMinor: index === 1 && n % 11 === 0 ? 5 : 999 + (n % 500), currency: 'USD' },
      stock: n % 13 === 0 ? 0 : 20 + index,
    })),
    shipping: {
      fee: { amountMinor: n % 7 === 1 ? 350 : 0, currency: 'USD' },
      processingDays: 2 + (n % 5),
      promisedDeliveryDays: n % 17 === 0 ? 3 : 20,
      shipsFrom: 'CN',
      shipsTo: ['FR', 'US', 'BR'],
    },
    brand: n % 19 === 0 ? 'Gucci' : 'Generic',
    status: 'ACTIVE',
  };
}

export async function benchAudits(_databaseUrl: string, _kafkaBrokers: string): Promise<void> {
  const bodies = Array.from({ length: LISTINGS }, (_, n) => JSON.stringify(generateListing(n)));
  const bySeller = new Map<string, AuditedListing[]>();
  for (let n = 0; n < Math.min(LISTINGS, 2_000 * SELLER_LISTINGS); n += 1) {
    const listing = generateListing(n);
    const own = bySeller.get(listing.sellerId) ?? [];
    if (own.length < SELLER_LISTINGS) bySeller.set(listing.sellerId, [...own, listing]);
  }

  // Baseline: parse and validate each listing with class-validator, nothing else.
  let valid = 0;
  const validationStart = process.hrtime.bigint();
  for (const body of bodies) {
    const { status: _status, ...plain } = JSON.parse(body) as AuditedListing;
    if (validateAs(ListingDto, plain).ok) valid += 1;
  }
  const validationSeconds = Number(process.hrtime.bigint() - validationStart) / 1e9;

  // The audit: the text rules (images off) with the seller's other listings in context, timed per listing.
  const latencies = new Float64Array(LISTINGS);
  const verdicts = { PASS: 0, WARN: 0, BLOCK: 0 };
  const auditStart = process.hrtime.bigint();
  for (let n = 0; n < LISTINGS; n += 1) {
    const started = process.hrtime.bigint();
    const listing = JSON.parse(required(bodies[n], 'the listing body')) as AuditedListing;
    const outcome = auditListing(listing, { sellerListings: bySeller.get(listing.sellerId) ?? [] });
    verdicts[outcome.verdict] += 1;
    latencies[n] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  const auditSeconds = Number(process.hrtime.bigint() - auditStart) / 1e9;
  const sorted = Array.from(latencies).sort((a, b) => a - b);

  recordResult({
    name: 'audits',
    description: `${LISTINGS.toLocaleString('en-US')} generated listings audited with the text rules (images off, ${SELLER_LISTINGS} of the seller's listings in context), vs parsing + class-validator validation of the same listings`,
    figures: [
      {
        label: 'audit listings/s',
        value: LISTINGS / auditSeconds,
        unit: 'listings/s',
        baseline: LISTINGS / validationSeconds,
        target: 'ratio >= 0.2 (audit <= 5x validation)',
      },
      { label: 'audit p99 per listing', value: percentile(sorted, 99), unit: 'ms' },
      { label: 'audit p50 per listing', value: percentile(sorted, 50), unit: 'ms' },
    ],
    notes: [
      `audit ${auditSeconds.toFixed(2)} s, validation ${validationSeconds.toFixed(2)} s (${valid} valid)`,
      `verdicts: ${verdicts.PASS} PASS, ${verdicts.WARN} WARN, ${verdicts.BLOCK} BLOCK`,
    ],
  });
}
