import { required } from '@settle/contracts';
import { deflateSync } from 'node:zlib';

/**
 * Real, decodable images of any size for tests, encoded by hand so the tests need no binary fixtures:
 * a grey PNG (zlib-deflated scanlines), a grey baseline JPEG (every block DC 0, end of block) and a lossless
 * WebP (VP8L with one-symbol prefix codes, so every pixel costs zero bits).
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = required(CRC_TABLE[(crc ^ byte) & 0xff], 'CRC table entry') ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, adaptive filtering, no interlace
  const scanlines = Buffer.alloc(height * (width + 1), 0x80);
  for (let row = 0; row < height; row += 1) scanlines[row * (width + 1)] = 0; // filter type None
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanlines)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** `metadataBytes` adds APP1 segments of that many bytes before the frame header (as EXIF does). */
export function encodeJpeg(width: number, height: number, metadataBytes = 0): Buffer {
  const metadata: Buffer[] = [];
  for (let left = metadataBytes; left > 0; left -= 65_000) {
    metadata.push(segment(0xe1, Buffer.alloc(Math.min(65_000, left), 0x20)));
  }
  const frame = Buffer.alloc(9);
  frame.writeUInt8(8, 0);
  frame.writeUInt16BE(height, 1);
  frame.writeUInt16BE(width, 3);
  frame.set([1, 1, 0x11, 0], 5); // one component, id 1, no subsampling, table 0
  const oneCode = (tableClass: number) => Buffer.from([tableClass, 1, ...new Array<number>(15).fill(0), 0]);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  // Each block: DC difference category 0 (code "0"), then end of block (code "0"); pad the last byte with ones.
  const bits = blocks * 2;
  const scan = Buffer.alloc(Math.ceil(bits / 8), 0);
  if (bits % 8 !== 0) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    ...metadata,
    segment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    segment(0xc0, frame),
    segment(0xc4, oneCode(0x00)),
    segment(0xc4, oneCode(0x10)),
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

class BitWriter {
  private readonly bytes: number[] = [];
  private bitCount = 0;

  write(value: number, count: number): void {
    for (let bit = 0; bit < count; bit += 1) {
      if (this.bitCount % 8 === 0) this.bytes.push(0);
      if ((value >>> bit) & 1)
        this.bytes.push(required(this.bytes.pop(), 'the byte being written') | (1 << (this.bitCount % 8)));
      this.bitCount += 1;
    }
  }

  buffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

function riff(chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP', 'ascii'), ...chunks]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

function webpChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function vp8lBitstream(width: number, height: number): Buffer {
  const bits = new BitWriter();
  bits.write(0x2f, 8);
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(0, 1); // no alpha
  bits.write(0, 3); // version 0
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  // Five simple prefix codes of one 8-bit symbol each (green, red, blue, alpha, distance): grey, opaque.
  for (const symbol of [0x80, 0x80, 0x80, 0xff, 0]) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    bits.write(1, 1); // 8-bit symbol
    bits.write(symbol, 8);
  }
  return bits.buffer();
}

/** A lossless WebP; `extended` wraps it in a VP8X container (canvas size in 24-bit fields). */
export function encodeWebp(width: number, height: number, extended = false): Buffer {
  const lossless = webpChunk('VP8L', vp8lBitstream(width, height));
  if (!extended) return riff([lossless]);
  const header = Buffer.alloc(10);
  header.writeUIntLE(width - 1, 4, 3);
  header.writeUIntLE(height - 1, 7, 3);
  return riff([webpChunk('VP8X', header), lossless]);
}

/** The first 30 bytes of a lossy WebP (a VP8 key frame header), for the parser's tests. */
export function lossyWebpHeader(width: number, height: number): Buffer {
  const frame = Buffer.alloc(10);
  frame.set([0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a], 0);
  frame.writeUInt16LE(width, 6);
  frame.writeUInt16LE(height, 8);
  return riff([webpChunk('VP8 ', frame)]);
}
