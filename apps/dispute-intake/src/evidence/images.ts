import type { EvidenceContentType } from '@settle/contracts';
import sharp from 'sharp';

// One image at a time per libvips operation and no operation cache: the service's memory stays flat under uploads.
sharp.cache(false);
sharp.concurrency(1);

/** Images larger than this many pixels are refused (a decompression bomb); 100 megapixels is beyond any phone. */
const MAX_PIXELS = 100_000_000;
const THUMBNAIL_EDGE = 320;

export interface ReencodedImage {
  bytes: Buffer;
  thumbnail: Buffer;
}

/** Why an image is refused (truncated, corrupt, too many pixels): sharp's reason, for the problem's detail. */
export class UnreadableImage extends Error {}

/**
 * The image decoded in full and encoded again in its own format with no metadata at all (sharp keeps none unless
 * asked: EXIF with its GPS position, XMP, IPTC, comments are gone), turned upright first by its EXIF orientation;
 * and a WebP thumbnail at most 320 px a side. A truncated or corrupt image fails to decode (`failOn: 'truncated'`).
 */
export async function reencodeImage(input: Buffer, contentType: EvidenceContentType): Promise<ReencodedImage> {
  const options = { failOn: 'truncated', limitInputPixels: MAX_PIXELS } as const;
  try {
    const upright = sharp(input, options).rotate();
    const encoded =
      contentType === 'image/png'
        ? upright.png({ compressionLevel: 6 })
        : contentType === 'image/webp'
          ? upright.webp({ quality: 90 })
          : upright.jpeg({ quality: 90 });
    // Both from the input, at once: the thumbnail decodes a JPEG at a fraction of its size (shrink-on-load).
    const [bytes, thumbnail] = await Promise.all([
      encoded.toBuffer(),
      sharp(input, options)
        .rotate()
        .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer(),
    ]);
    return { bytes, thumbnail };
  } catch (error) {
    const [firstLine = ''] = (error as Error).message.split('\n');
    throw new UnreadableImage(firstLine.slice(0, 200));
  }
}
