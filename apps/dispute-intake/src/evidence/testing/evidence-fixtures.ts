import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { startS3Proxy, type S3ProxyNode } from '../../../../../deploy/infra/s3proxy';

/**
 * The real S3-compatible store a test runs against: the one `npm test` started (EVIDENCE_S3_* in the environment),
 * else an S3Proxy of the test file's own (a targeted `npx jest` run), stopped by `stop`.
 */
export async function evidenceStore(name: string): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  if (process.env.EVIDENCE_S3_ENDPOINT && process.env.EVIDENCE_S3_BUCKET) {
    const env = Object.fromEntries(
      // The key prefix is each test file's own (isolatedEnvironment), never carried over from another.
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          entry[0].startsWith('EVIDENCE_S3_') && entry[0] !== 'EVIDENCE_S3_PREFIX' && entry[1] !== undefined,
      ),
    );
    return { env, stop: async () => undefined };
  }
  const node: S3ProxyNode = await startS3Proxy({ name });
  return { env: node.env, stop: () => node.stop() };
}

/** A client on the same store as the service (to look into the bucket as an operator would). */
export function storeClient(env: Record<string, string>): { client: S3Client; bucket: string } {
  const setting = (name: string): string => {
    const value = env[name];
    if (value === undefined) throw new Error(`the evidence store's ${name} is not set`);
    return value;
  };
  return {
    bucket: setting('EVIDENCE_S3_BUCKET'),
    client: new S3Client({
      endpoint: setting('EVIDENCE_S3_ENDPOINT'),
      region: env.EVIDENCE_S3_REGION ?? 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: setting('EVIDENCE_S3_ACCESS_KEY_ID'),
        secretAccessKey: setting('EVIDENCE_S3_SECRET_ACCESS_KEY'),
      },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  };
}

export async function listKeys(store: { client: S3Client; bucket: string }, prefix: string): Promise<string[]> {
  const page = await store.client.send(new ListObjectsV2Command({ Bucket: store.bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((object) => object.Key ?? '').filter((key) => key && !key.endsWith('/'));
}

export async function putObject(store: { client: S3Client; bucket: string }, key: string, body: Buffer) {
  await store.client.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: body }));
}

export async function getObject(store: { client: S3Client; bucket: string }, key: string): Promise<Buffer> {
  const object = await store.client.send(new GetObjectCommand({ Bucket: store.bucket, Key: key }));
  return Buffer.from(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** A JPEG photo carrying EXIF with a GPS position (what a phone writes), of roughly `bytes` when noise is added. */
export async function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  const noise = randomBytes(width * height * 3);
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: 'SettlePhone', Model: 'Evidence 1', ImageDescription: 'lot as received' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2964/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4024/100',
      },
    })
    .toBuffer();
}

export function png(): Promise<Buffer> {
  return sharp({ create: { width: 200, height: 120, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 1 } } })
    .png()
    .toBuffer();
}

export function webp(): Promise<Buffer> {
  return sharp({ create: { width: 160, height: 160, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .webp()
    .toBuffer();
}

/** A small but well-formed PDF (header, one object, cross-reference table, trailer, %%EOF), padded to `size`. */
export function pdf(size = 2048): Buffer {
  const head = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
  const tail =
    'xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n';
  const padding = Math.max(0, size - head.length - tail.length);
  return Buffer.concat([
    Buffer.from(head),
    Buffer.from(`%${'x'.repeat(Math.max(0, padding - 2))}\n`),
    Buffer.from(tail),
  ]);
}

/** An MP4 as its first box says (`ftyp`, brand isom), then `size` bytes of media data. */
export function mp4(size = 64 * 1024): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isommp41', 16, 'latin1');
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(8 + size, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat, randomBytes(size)]);
}

/** A Windows executable (MZ header) as a buyer's "photo.jpg". */
export function executable(): Buffer {
  return Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(4096)]);
}

export interface Part {
  kind?: string;
  note?: string;
  file: Buffer;
  name?: string;
  type?: string;
}

/** A multipart body as a client builds it: `kind`, `note`, then `file`, for each part. */
export function form(parts: Part[]): FormData {
  const body = new FormData();
  for (const part of parts) {
    if (part.kind !== undefined) body.append('kind', part.kind);
    if (part.note !== undefined) body.append('note', part.note);
    body.append('file', new Blob([part.file], { type: part.type ?? 'application/octet-stream' }), part.name ?? 'f');
  }
  return body;
}
