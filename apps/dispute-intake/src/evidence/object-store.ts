import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '@settle/platform';
import type { Readable } from 'node:stream';
import { IntakeConfig } from '../config/intake.config';

/** The evidence endpoints without a configured bucket (outside production only; production requires one). */
export class EvidenceStoreNotConfigured extends DomainError {
  constructor() {
    super(
      'unavailable',
      'EVIDENCE_STORE_NOT_CONFIGURED',
      'Evidence files are not available: this deployment has no object store (EVIDENCE_S3_BUCKET).',
    );
  }
}

export interface StoredObject {
  key: string;
  lastModified: Date;
  size: number;
}

/** A streamed upload in progress: `done` settles when the last byte is stored; `abort` stops it and stores nothing. */
export interface PendingUpload {
  done: Promise<void>;
  abort(): Promise<void>;
}

/** Multipart parts of 5 MiB (S3's smallest), one in flight: an upload holds at most ~10 MiB of a file in memory. */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 1;

/**
 * Evidence bytes in an S3-compatible object store through the AWS SDK (docs/ARCHITECTURE.md, "Object store"). Every key
 * is under EVIDENCE_S3_PREFIX. The only place the store is called (docs/CONVENTIONS.md, "Layout").
 */
@Injectable()
export class EvidenceObjectStore implements OnModuleDestroy {
  private readonly client?: S3Client;
  private readonly bucket?: string;
  readonly prefix: string;

  constructor(config: IntakeConfig) {
    this.prefix = config.EVIDENCE_S3_PREFIX;
    if (!config.EVIDENCE_S3_BUCKET) return;
    this.bucket = config.EVIDENCE_S3_BUCKET;
    this.client = new S3Client({
      ...(config.EVIDENCE_S3_ENDPOINT ? { endpoint: config.EVIDENCE_S3_ENDPOINT } : {}),
      region: config.EVIDENCE_S3_REGION,
      forcePathStyle: config.EVIDENCE_S3_FORCE_PATH_STYLE === 'true',
      ...(config.EVIDENCE_S3_ACCESS_KEY_ID && config.EVIDENCE_S3_SECRET_ACCESS_KEY
        ? {
            credentials: {
              accessKeyId: config.EVIDENCE_S3_ACCESS_KEY_ID,
              secretAccessKey: config.EVIDENCE_S3_SECRET_ACCESS_KEY,
            },
          }
        : {}),
      // Checksums only where S3 requires them: S3-compatible servers do not all know the newer CRC headers, and the
      // service hashes every stored byte itself (SHA-256, in the dispute's chain).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  private target(): { client: S3Client; bucket: string } {
    if (!this.client || !this.bucket) throw new EvidenceStoreNotConfigured();
    return { client: this.client, bucket: this.bucket };
  }

  /** The key of a dispute's evidence object (`variant` for derived objects: the thumbnail). */
  keyOf(disputeId: string, evidenceId: string, variant?: 'thumbnail'): string {
    return `${this.prefix}evidence/${disputeId}/${evidenceId}${variant ? `.${variant}` : ''}`;
  }

  /** The evidence id a key names (the object or its thumbnail), or undefined for a key this service did not write. */
  evidenceIdOf(key: string): string | undefined {
    const match = /^evidence\/[0-9a-f-]{36}\/([0-9a-f-]{36})(\.thumbnail)?$/.exec(key.slice(this.prefix.length));
    return key.startsWith(this.prefix) ? match?.[1] : undefined;
  }

  /** Readiness: the bucket answers. */
  async check(): Promise<void> {
    const { client, bucket } = this.target();
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const { client, bucket } = this.target();
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  }

  /** Streams `body` to `key` (multipart beyond one part); nothing is stored unless it completes. */
  upload(key: string, body: Readable, contentType: string): PendingUpload {
    const { client, bucket } = this.target();
    const upload = new Upload({
      client,
      params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    const done = upload.done().then(() => undefined);
    // A refused upload is settled by abort(); the rejection it causes is expected, not unhandled.
    done.catch(() => undefined);
    return {
      done,
      abort: async () => {
        await upload.abort().catch(() => undefined);
        await done.catch(() => undefined);
        await this.delete(key);
      },
    };
  }

  async get(key: string): Promise<{ body: Readable; size: number }> {
    const { client, bucket } = this.target();
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: object.Body as Readable, size: Number(object.ContentLength ?? 0) };
  }

  /** Deletes `key`; a key that is not there is fine. */
  async delete(key: string): Promise<void> {
    const { client, bucket } = this.target();
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  /** Every object under this service's evidence prefix (optionally one dispute's), page by page. */
  async *list(disputeId?: string): AsyncGenerator<StoredObject> {
    const { client, bucket } = this.target();
    const prefix = `${this.prefix}evidence/${disputeId ? `${disputeId}/` : ''}`;
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue; // a folder marker of a filesystem backend
        yield { key: object.Key, lastModified: object.LastModified ?? new Date(0), size: Number(object.Size ?? 0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  onModuleDestroy(): void {
    this.client?.destroy();
  }
}
