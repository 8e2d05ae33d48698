import { readImageDimensions } from './image-dimensions';
import { encodeJpeg, encodePng, encodeWebp, lossyWebpHeader } from './test-images';

describe('readImageDimensions', () => {
  it.each([
    ['png', encodePng(1200, 900), 1200, 900],
    ['jpeg', encodeJpeg(640, 480), 640, 480],
    ['jpeg', encodeJpeg(1000, 1000, 70_000), 1000, 1000],
    ['webp', encodeWebp(800, 600), 800, 600],
    ['webp', encodeWebp(16_000, 3, true), 16_000, 3],
    ['webp', lossyWebpHeader(1024, 768), 1024, 768],
  ])('reads %s dimensions from the header', (format, bytes, width, height) => {
    expect(readImageDimensions(bytes)).toEqual({ kind: 'dimensions', format, width, height });
  });

  it('reads GIF dimensions', () => {
    const gif = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x20, 0x03, 0x58, 0x02, 0, 0, 0]);
    expect(readImageDimensions(gif)).toEqual({ kind: 'dimensions', format: 'gif', width: 800, height: 600 });
  });

  it('asks for more bytes on every prefix shorter than the header, then answers', () => {
    for (const image of [encodePng(300, 200), encodeJpeg(300, 200, 1_000), encodeWebp(300, 200)]) {
      const full = readImageDimensions(image);
      expect(full.kind).toBe('dimensions');
      let answeredAt = -1;
      for (let length = 0; length <= image.length; length += 1) {
        const reading = readImageDimensions(image.subarray(0, length));
        if (reading.kind !== 'more') {
          answeredAt = length;
          expect(reading).toEqual(full);
          break;
        }
      }
      expect(answeredAt).toBeGreaterThan(0);
    }
  });

  it('refuses bytes that are not an image', () => {
    expect(readImageDimensions(Buffer.from('<!doctype html><html><body>Not found</body></html>'))).toMatchObject({
      kind: 'not-an-image',
    });
    expect(readImageDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0]))).toMatchObject({
      kind: 'not-an-image',
      reason: 'JPEG without a frame header',
    });
  });
});
