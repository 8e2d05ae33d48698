import { canonicalAttribute } from './config';
import { defineRule, type Rule } from './rule';
import { jaccard, productWords, topCategory, valueWords } from './text';
import type { AuditedListing, ImageUse } from './types';

/** Main image: a clear, true main image prevents "picture does not match the item" (docs/DOMAIN.md). */

export const imageMainMissing = defineRule(
  {
    id: 'IMAGE_MAIN_MISSING',
    family: 'image',
    severity: 'BLOCK',
    field: 'images',
    summary: 'The listing has no main image.',
    fix: 'Add a main image: a clear photo of the exact item you ship, at least 800x800 pixels, on a plain background.',
  },
  ({ prepared }) =>
    prepared.listing.images.length === 0
      ? [{ message: 'The listing has no image; buyers cannot see what they buy.' }]
      : [],
);

export const imageMainTooSmall = defineRule(
  {
    id: 'IMAGE_MAIN_TOO_SMALL',
    family: 'image',
    severity: 'WARN',
    field: 'images.0',
    summary: 'The main image is smaller than 800x800 pixels.',
    fix: 'Upload a main image of at least 800x800 pixels so buyers can zoom in on the details.',
  },
  ({ context, config }) => {
    const main = context.images?.[0];
    if (main?.outcome !== 'OK') return [];
    const { imageWarnBelowPx: warn, imageBlockBelowPx: block } = config.thresholds;
    const smallest = Math.min(main.width, main.height);
    if (smallest >= warn || smallest < block) return [];
    return [{ message: `The main image is ${main.width}x${main.height} pixels, below ${warn}x${warn}.` }];
  },
);

export const imageMainUnusable = defineRule(
  {
    id: 'IMAGE_MAIN_UNUSABLE',
    family: 'image',
    severity: 'BLOCK',
    field: 'images.0',
    summary: 'The main image is smaller than 250x250 pixels: too small to show the item.',
    fix: 'Replace the main image with a photo of at least 800x800 pixels (250x250 is the absolute minimum).',
  },
  ({ context, config }) => {
    const main = context.images?.[0];
    if (main?.outcome !== 'OK') return [];
    const block = config.thresholds.imageBlockBelowPx;
    if (Math.min(main.width, main.height) >= block) return [];
    return [{ message: `The main image is ${main.width}x${main.height} pixels, below ${block}x${block}.` }];
  },
);

export const imageMainUnreachable = defineRule(
  {
    id: 'IMAGE_MAIN_UNREACHABLE',
    family: 'image',
    severity: 'WARN',
    field: 'images.0',
    summary: 'The main image could not be loaded (timeout, connection refused, server error).',
    fix: 'Check that the main image URL loads from anywhere, quickly; host it on the marketplace or a reliable CDN.',
  },
  ({ context }) => {
    const main = context.images?.[0];
    return main?.outcome === 'UNREACHABLE' ? [{ message: `The main image could not be loaded: ${main.reason}.` }] : [];
  },
);

export const imageMainBroken = defineRule(
  {
    id: 'IMAGE_MAIN_BROKEN',
    family: 'image',
    severity: 'BLOCK',
    field: 'images.0',
    summary: 'The main image URL does not serve an image (not found, gone, or not PNG/JPEG/WebP/GIF).',
    fix: 'Replace the main image URL with one that serves the photo itself (PNG, JPEG or WebP).',
  },
  ({ context }) => {
    const main = context.images?.[0];
    return main?.outcome === 'BROKEN'
      ? [{ message: `The main image URL does not serve an image: ${main.reason}.` }]
      : [];
  },
);

export const imageTooFew = defineRule(
  {
    id: 'IMAGE_TOO_FEW',
    family: 'image',
    severity: 'WARN',
    field: 'images',
    summary: 'Fewer images than the category expects.',
    fix: 'Add photos from several angles, a close-up of the material and one showing the size (with a ruler or in use).',
  },
  ({ prepared }) => {
    const count = prepared.listing.images.length;
    const min = prepared.category.minImages;
    if (count === 0 || count >= min) return [];
    return [{ message: `The listing has ${count} image(s); its category expects at least ${min}.` }];
  },
);

function attributeWords(attributes: Record<string, string> | undefined, family: string): Set<string> | undefined {
  const values = Object.entries(attributes ?? {})
    .filter(([name]) => canonicalAttribute(name) === family)
    .flatMap(([, value]) => valueWords(value));
  return values.length > 0 ? new Set(values) : undefined;
}

function overlaps(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  return a !== undefined && b !== undefined && [...a].some((word) => b.has(word));
}

/**
 * Whether the other listing sells the same product, whatever its title: the same category and material, and the
 * same seller (a colour of the same product) or the same colour (a supplier's photo used by several sellers).
 */
function sameProduct(own: AuditedListing, use: ImageUse): boolean {
  if (use.category.toLowerCase() !== own.category.toLowerCase()) return false;
  if (!overlaps(attributeWords(own.attributes, 'material'), attributeWords(use.attributes, 'material'))) return false;
  return (
    use.sellerId === own.sellerId ||
    overlaps(attributeWords(own.attributes, 'colour'), attributeWords(use.attributes, 'colour'))
  );
}

export const imageReusedAcrossListings = defineRule(
  {
    id: 'IMAGE_REUSED_ACROSS_LISTINGS',
    family: 'image',
    severity: 'WARN',
    field: 'images.<n>',
    summary:
      'An image is also used by an unrelated listing (another category or product), so it cannot show this item.',
    fix: 'Use photos of this item only; never reuse a picture taken for another product.',
  },
  ({ prepared, context, config }) => {
    const uses = context.imageUses ?? [];
    if (uses.length === 0) return [];
    const own = prepared.listing;
    const hits = [];
    for (const [index, image] of own.images.entries()) {
      const unrelated = uses.filter(
        (use) =>
          use.url === image.url &&
          use.listingId !== own.listingId &&
          (topCategory(use.category) !== topCategory(own.category) ||
            (!sameProduct(own, use) &&
              jaccard(productWords(use.title), prepared.productWords) < config.thresholds.unrelatedTitle)),
      );
      if (unrelated.length === 0) continue;
      const names = unrelated
        .slice(0, 3)
        .map((use) => `${use.listingId} ("${use.title}")`)
        .join(', ');
      hits.push({
        field: `images.${index}`,
        message: `Image ${index + 1} is also used by ${unrelated.length} unrelated listing(s): ${names}.`,
      });
    }
    return hits;
  },
);

export const IMAGE_RULES: Rule[] = [
  imageMainMissing,
  imageMainUnusable,
  imageMainTooSmall,
  imageMainBroken,
  imageMainUnreachable,
  imageTooFew,
  imageReusedAcrossListings,
];
