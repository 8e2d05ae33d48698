/**
 * Reads an image's pixel dimensions from its first bytes (PNG, JPEG, WebP, GIF), by hand: no decoder, no dependency.
 * Called again as more bytes arrive until it knows: a JPEG may carry kilobytes of EXIF before its frame header.
 */

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export type DimensionsReading =
  | { kind: 'dimensions'; format: ImageFormat; width: number; height: number }
  /** Not enough bytes yet to tell. */
  | { kind: 'more' }
  /** These bytes are not an image of a known format (or are corrupt). */
  | { kind: 'not-an-image'; reason: string };

const MORE: DimensionsReading = { kind: 'more' };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** True when `bytes` (shorter than `prefix`) could still become `prefix`. */
function couldStartWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length < prefix.length && startsWith(bytes, prefix.slice(0, bytes.length));
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function dimensions(format: ImageFormat, width: number, height: number): DimensionsReading {
  if (width <= 0 || height <= 0) return { kind: 'not-an-image', reason: `${format} header gives ${width}x${height}` };
  return { kind: 'dimensions', format, width, height };
}

export function readImageDimensions(input: Uint8Array): DimensionsReading {
  const bytes = input;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length === 0) return MORE;

  if (startsWith(bytes, PNG_SIGNATURE)) {
    if (bytes.length < 24) return MORE;
    if (ascii(bytes, 12, 4) !== 'IHDR') return { kind: 'not-an-image', reason: 'PNG without an IHDR chunk first' };
    return dimensions('png', view.getUint32(16), view.getUint32(20));
  }
  if (couldStartWith(bytes, PNG_SIGNATURE)) return MORE;

  if (bytes[0] === 0xff && (bytes.length < 2 || bytes[1] === 0xd8))
    return bytes.length < 2 ? MORE : readJpeg(bytes, view);

  if (bytes.length < 12) {
    const riff = [0x52, 0x49, 0x46, 0x46];
    const gif = [0x47, 0x49, 0x46, 0x38];
    if (
      couldStartWith(bytes, riff) ||
      startsWith(bytes, riff) ||
      couldStartWith(bytes, gif) ||
      startsWith(bytes, gif)
    ) {
      return MORE;
    }
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return readWebp(bytes, view);
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') {
    return dimensions('gif', view.getUint16(6, true), view.getUint16(8, true));
  }
  return { kind: 'not-an-image', reason: 'the bytes are not PNG, JPEG, WebP or GIF' };
}

/** Markers SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readJpeg(bytes: Uint8Array, view: DataView): DimensionsReading {
  let offset = 2;
  for (;;) {
    if (offset + 4 > bytes.length) return MORE;
    if (bytes[offset] !== 0xff) return { kind: 'not-an-image', reason: `JPEG: no marker at byte ${offset}` };
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return { kind: 'not-an-image', reason: 'JPEG without a frame header' };
    const length = view.getUint16(offset + 2);
    if (length < 2) return { kind: 'not-an-image', reason: 'JPEG segment with a bad length' };
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return MORE;
      return dimensions('jpeg', view.getUint16(offset + 7), view.getUint16(offset + 5));
    }
    offset += 2 + length;
  }
}

function readWebp(bytes: Uint8Array, view: DataView): DimensionsReading {
  if (bytes.length < 30) return MORE;
  const chunk = ascii(bytes, 12, 4);
  switch (chunk) {
    case 'VP8 ': {
      // Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit width and height (2 bits of scale above).
      if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) {
        return { kind: 'not-an-image', reason: 'WebP VP8 without a key frame start code' };
      }
      return dimensions('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
    }
    case 'VP8L': {
      // Lossless: signature 0x2f, then 14 bits of width-1 and 14 bits of height-1, least significant bit first.
      if (bytes[20] !== 0x2f) return { kind: 'not-an-image', reason: 'WebP VP8L without its signature' };
      const bits = view.getUint32(21, true);
      return dimensions('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    case 'VP8X': {
      // Extended: 24-bit canvas width-1 and height-1 after 4 bytes of flags.
      const width = 1 + (view.getUint16(24, true) | (view.getUint8(26) << 16));
      const height = 1 + (view.getUint16(27, true) | (view.getUint8(29) << 16));
      return dimensions('webp', width, height);
    }
    default:
      return { kind: 'not-an-image', reason: `WebP with an unknown first chunk "${chunk}"` };
  }
}
