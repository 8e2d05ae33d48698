import { EVIDENCE_KINDS, uuidv7, type EvidenceContentType, type EvidenceKind } from '@settle/contracts';
import { DomainError } from '@settle/platform';
import busboy from 'busboy';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { EvidenceRefusals } from './evidence.errors';
import { reencodeImage, UnreadableImage } from './images';
import type { EvidenceObjectStore, PendingUpload } from './object-store';
import { isImage, sniff, SNIFF_BYTES } from './sniff';

/** What one request may still add: the per-file limits, and what is left of the dispute's total and file count. */
export interface ReceiveLimits {
  maxFileBytes: number;
  maxVideoBytes: number;
  remainingBytes: number;
  remainingFiles: number;
  disputeTotalBytes: number;
  disputeMaxFiles: number;
}

/** A file stored under its final key, not yet recorded (no row, no event). */
export interface ReceivedFile {
  evidenceId: string;
  kind: EvidenceKind;
  note?: string;
  contentType: EvidenceContentType;
  /** Bytes stored, and the SHA-256 of exactly those bytes. */
  size: number;
  sha256: string;
  objectKey: string;
  thumbnail?: { key: string; size: number; sha256: string };
}

const NOTE_MAX = 2000;
/** How a PDF ends: `%%EOF` within its last bytes (a few trailing newlines or padding may follow it). */
const PDF_TAIL_BYTES = 1024;

/** Which contents each kind may be. */
function kindAllows(kind: EvidenceKind, contentType: EvidenceContentType): boolean {
  switch (kind) {
    case 'PHOTO':
      return isImage(contentType);
    case 'VIDEO':
      return contentType === 'video/mp4';
    case 'DOCUMENT':
    case 'TRACKING':
      return contentType === 'application/pdf' || isImage(contentType);
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Receives a multipart body and stores each file as its bytes arrive (docs/ARCHITECTURE.md, "Object store"): the type is
 * decided by the first bytes, the limits are held while the bytes stream (a file over its limit is cut off there,
 * its partial object deleted, the rest of the body drained unread), PDF and MP4 go to the store in 5 MiB parts while
 * being hashed, images (at most the photo limit) are decoded and re-encoded without metadata, with a thumbnail. All
 * or nothing: when any file is refused, every object this request stored is deleted and the refusal is thrown.
 *
 * Parts, in order: `kind` (PHOTO|VIDEO|DOCUMENT|TRACKING) and an optional `note`, then the `file` they describe; again
 * for each further file.
 */
export async function receiveEvidence(
  request: Readable & { headers: IncomingHttpHeaders },
  disputeId: string,
  store: EvidenceObjectStore,
  limits: ReceiveLimits,
): Promise<ReceivedFile[]> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw EvidenceRefusals.notMultipart();
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      limits: { fields: 100, fieldSize: NOTE_MAX * 4, parts: 200, headerPairs: 20 },
    });
  } catch (error) {
    throw EvidenceRefusals.malformed(`The multipart body cannot be read: ${(error as Error).message}`);
  }

  let refusal: Error | undefined;
  let refused: () => void = () => undefined;
  const firstRefusal = new Promise<void>((resolve) => (refused = resolve));
  const refuse = (error: unknown) => {
    refusal ??= asError(error);
    refused();
  };
  const received: Promise<ReceivedFile>[] = [];
  const cancels: (() => void)[] = [];
  /** Bytes of this request counted against the dispute's total as they arrive. */
  const budget = { used: 0 };
  let kind: string | undefined;
  let note: string | undefined;

  parser.on('field', (name, value, info) => {
    if (name === 'kind') kind = value;
    else if (name === 'note') {
      note = value;
      if (info.valueTruncated || value.length > NOTE_MAX)
        refuse(EvidenceRefusals.noteTooLong(`files[${received.length}]`));
    } else refuse(EvidenceRefusals.unknownPart(name));
  });
  parser.on('file', (name, file) => {
    const field = `files[${received.length}]`;
    const fileKind = kind;
    const fileNote = note?.trim() || undefined;
    kind = undefined;
    note = undefined;
    if (refusal === undefined) {
      if (name !== 'file') refuse(EvidenceRefusals.unknownPart(name));
      else if (!EVIDENCE_KINDS.includes(fileKind as EvidenceKind)) refuse(EvidenceRefusals.kindRequired(field));
      else if (received.length >= limits.remainingFiles) {
        refuse(EvidenceRefusals.tooManyFiles(field, limits.disputeMaxFiles));
      }
    }
    if (refusal !== undefined) {
      // Drained unread; a body cut off meanwhile errors this stream, which must not go unheard (it would end the
      // process).
      file.on('error', () => undefined);
      file.resume();
      return;
    }
    const { done: one, cancel } = receiveFile(file, {
      field,
      disputeId,
      kind: fileKind as EvidenceKind,
      note: fileNote,
      store,
      limits,
      budget,
      failed: () => refusal !== undefined,
    });
    one.catch(refuse);
    received.push(one);
    cancels.push(cancel);
  });

  const parsed = new Promise<void>((resolve) => {
    parser.once('close', resolve);
    parser.on('error', () => undefined); // any error after the first is the same refusal
    parser.once('error', (error: Error) => {
      refuse(EvidenceRefusals.malformed(`The multipart body cannot be read: ${error.message}`));
      resolve();
    });
    const cutOff = () => {
      refuse(EvidenceRefusals.malformed('The request ended before its body did.'));
      resolve();
    };
    request.once('aborted', cutOff);
    request.on('error', cutOff);
    request.pipe(parser);
  });
  // A refusal answers at once, while the client may still be sending: what is in flight stops and is deleted, and
  // the rest of the body is read and dropped (so the client reads the answer, not a reset connection).
  await Promise.race([parsed, firstRefusal]);
  if (refusal !== undefined) {
    for (const cancel of cancels) cancel();
    request.unpipe(parser);
    drain(request);
  }
  const outcomes = await Promise.allSettled(received);
  const stored = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  if (refusal === undefined && received.length === 0) refuse(EvidenceRefusals.noFiles());
  if (refusal !== undefined) {
    await deleteReceived(store, stored);
    throw refusal;
  }
  return stored;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** After a refusal, at most this much more of the body is read and dropped before the connection is closed. */
const DRAIN_MAX_BYTES = 256 * 1024 * 1024;

function drain(request: Readable): void {
  let dropped = 0;
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_MAX_BYTES) request.destroy();
  });
  request.resume();
}

/** Deletes what a refused or failed request stored (the objects and thumbnails). */
export async function deleteReceived(store: EvidenceObjectStore, files: readonly ReceivedFile[]): Promise<void> {
  await Promise.all(
    files.flatMap((file) =>
      [file.objectKey, ...(file.thumbnail ? [file.thumbnail.key] : [])].map((key) => store.delete(key)),
    ),
  );
}

export interface FileContext {
  field: string;
  /** The id the evidence already has (named by URL at opening); a new one otherwise. */
  evidenceId?: string;
  disputeId: string;
  kind: EvidenceKind;
  note?: string;
  store: EvidenceObjectStore;
  limits: ReceiveLimits;
  budget: { used: number };
  /** True once another file of the request was refused: this one stops and deletes what it stored. */
  failed(): boolean;
}

/**
 * One file part: sniffed, held to its limits as it streams, stored under its final key. `cancel` stops it (another
 * file was refused) and deletes what it stored.
 */
export function receiveFile(file: Readable, context: FileContext): { done: Promise<ReceivedFile>; cancel: () => void } {
  const { field, kind, store, limits, budget } = context;
  const evidenceId = context.evidenceId ?? uuidv7();
  const objectKey = store.keyOf(context.disputeId, evidenceId);
  let cancel: () => void = () => undefined;
  const done = new Promise<ReceivedFile>((resolve, reject) => {
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    let contentType: EvidenceContentType | undefined;
    let limit = Math.max(limits.maxFileBytes, limits.maxVideoBytes);
    let imageChunks: Buffer[] | undefined;
    let streamed: { body: PassThrough; upload: PendingUpload; hash: ReturnType<typeof createHash> } | undefined;
    let tail = Buffer.alloc(0);
    let settled = false;

    const fail = (cause: unknown) => {
      if (settled) return;
      const error = asError(cause);
      settled = true;
      file.removeListener('data', onData);
      file.removeListener('end', onEnd);
      file.resume(); // the rest of this part is drained unread
      imageChunks = undefined;
      const aborting = streamed ? streamed.upload.abort() : Promise.resolve();
      streamed?.body.destroy();
      aborting.then(
        () => reject(error),
        () => reject(error),
      );
    };

    /** Decides the type from the first bytes; for PDF and MP4, starts the upload. */
    const decide = (first: Buffer): boolean => {
      const sniffed = sniff(first.subarray(0, SNIFF_BYTES));
      if (!sniffed.allowed) {
        fail(EvidenceRefusals.typeNotAllowed(field, sniffed.description));
        return false;
      }
      contentType = sniffed.contentType;
      if (!kindAllows(kind, contentType)) {
        fail(EvidenceRefusals.kindMismatch(field, kind, contentType));
        return false;
      }
      limit = contentType === 'video/mp4' ? limits.maxVideoBytes : limits.maxFileBytes;
      if (isImage(contentType)) imageChunks = [];
      else {
        const body = new PassThrough();
        streamed = { body, upload: store.upload(objectKey, body, contentType), hash: createHash('sha256') };
        streamed.upload.done.catch((error: unknown) =>
          fail(error instanceof DomainError ? error : EvidenceRefusals.storeUnavailable(String(error))),
        );
      }
      return true;
    };

    const take = (chunk: Buffer) => {
      if (imageChunks) imageChunks.push(chunk);
      else if (streamed) {
        streamed.hash.update(chunk);
        if (contentType === 'application/pdf') {
          tail = Buffer.concat([tail, chunk]).subarray(-PDF_TAIL_BYTES);
        }
        if (!streamed.body.write(chunk)) {
          file.pause();
          streamed.body.once('drain', () => file.resume());
        }
      }
    };

    const onData = (chunk: Buffer) => {
      if (context.failed()) return fail(new Error('another file was refused'));
      size += chunk.length;
      budget.used += chunk.length;
      if (size > limit) return fail(EvidenceRefusals.fileTooLarge(field, limit));
      if (budget.used > limits.remainingBytes) {
        return fail(EvidenceRefusals.disputeTotalExceeded(field, limits.disputeTotalBytes));
      }
      if (contentType === undefined) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < SNIFF_BYTES) return;
        const first = Buffer.concat(head);
        head.length = 0;
        if (decide(first)) take(first);
        return;
      }
      take(chunk);
    };

    const onEnd = () => {
      if (settled) return;
      if (size === 0) return fail(EvidenceRefusals.empty(field));
      if (contentType === undefined) {
        const first = Buffer.concat(head);
        if (!decide(first)) return;
        take(first);
      }
      void finish().then(
        (stored) => {
          if (settled) return;
          settled = true;
          resolve(stored);
        },
        // A refusal at the end (or a store error): the streamed upload is aborted and deleted by fail().
        fail,
      );
    };

    const finish = async (): Promise<ReceivedFile> => {
      const type = contentType as EvidenceContentType;
      const base = { evidenceId, kind, ...(context.note ? { note: context.note } : {}), contentType: type, objectKey };
      if (imageChunks) {
        let image;
        try {
          image = await reencodeImage(Buffer.concat(imageChunks), type);
        } catch (error) {
          throw error instanceof UnreadableImage ? EvidenceRefusals.imageInvalid(field, error.message) : error;
        } finally {
          imageChunks = undefined;
        }
        const thumbnailKey = store.keyOf(context.disputeId, evidenceId, 'thumbnail');
        await store.put(objectKey, image.bytes, type);
        try {
          await store.put(thumbnailKey, image.thumbnail, 'image/webp');
        } catch (error) {
          await store.delete(objectKey).catch(() => undefined);
          throw error;
        }
        const received: ReceivedFile = {
          ...base,
          size: image.bytes.length,
          sha256: sha256(image.bytes),
          thumbnail: { key: thumbnailKey, size: image.thumbnail.length, sha256: sha256(image.thumbnail) },
        };
        if (context.failed()) {
          await deleteReceived(store, [received]);
          throw new Error('another file was refused');
        }
        return received;
      }
      const upload = streamed as NonNullable<typeof streamed>;
      if (type === 'application/pdf' && !tail.includes('%%EOF')) throw EvidenceRefusals.pdfInvalid(field);
      upload.body.end();
      await upload.upload.done;
      return { ...base, size, sha256: upload.hash.digest('hex') };
    };

    cancel = () => fail(new Error('another file was refused'));
    file.on('data', onData);
    file.on('end', onEnd);
    file.on('error', fail); // a source that breaks off (a URL's connection) stores nothing
  });
  return { done, cancel };
}
