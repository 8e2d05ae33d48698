import { Injectable } from '@nestjs/common';
import {
  assertPayload,
  chainHash,
  evidenceArchivePath,
  EventType,
  GENESIS_HASH,
  isUuid,
  required,
  Topics,
  uuidv7,
  type ActorDto,
  type EvidenceAddedPayload,
} from '@settle/contracts';
import { Outbox, type Transaction, TransactionRunner } from '@settle/messaging';
import { assertSellerScope, Clock, NotFound, type Principal } from '@settle/platform';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { IntakeConfig } from '../config/intake.config';
import type { DisputeEntity } from '../disputes/dispute.entity';
import { DisputesRepository } from '../disputes/disputes.repository';
import { DisputesService } from '../disputes/disputes.service';
import { deleteReceived, receiveEvidence, type ReceivedFile } from './evidence-receiver';
import { DisputeEvidenceEntity } from './evidence.entity';
import { EvidenceRefusals } from './evidence.errors';
import { EvidenceRepository } from './evidence.repository';
import { evidenceView, type EvidenceView } from './evidence.view';
import { EvidenceObjectStore, EvidenceStoreNotConfigured } from './object-store';

const CLOSED = new Set(['RESOLVED', 'CANCELLED']);

/** A file to send: its stored bytes, how to name and present them. */
export interface EvidenceDownload {
  body: Readable;
  size: number;
  contentType: string;
  fileName: string;
  sha256?: string;
}

/** The actor a caller adds evidence as: the platform acts for the buyer; staff and leads as themselves. */
function actorOf(principal: Principal, dispute: DisputeEntity): ActorDto {
  switch (principal.role) {
    case 'platform':
      return { role: 'BUYER', id: dispute.buyerId };
    case 'seller':
      return { role: 'SELLER', id: dispute.sellerId };
    default:
      return { role: 'STAFF', id: principal.staffId ?? principal.keyId };
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
};

/**
 * Evidence files: uploads streamed into the object store, then recorded as links of the dispute's hash chain with
 * their `evidence.added` event (one transaction, the outbox); and reads of the stored bytes for the dispute's parties
 * and staff. The object is always written first, under its final key: a crash before the transaction commits leaves
 * an object without a row (EvidenceSweeper deletes it), never a row or an event without its object.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly evidence: EvidenceRepository,
    private readonly store: EvidenceObjectStore,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly config: IntakeConfig,
    private readonly exports: DisputesService,
  ) {}

  async upload(
    disputeId: string,
    principal: Principal,
    request: Readable & { headers: IncomingHttpHeaders },
  ): Promise<{ items: EvidenceView[] }> {
    if (!this.store.configured) throw new EvidenceStoreNotConfigured();
    const dispute = await this.visible(disputeId, principal);
    if (CLOSED.has(dispute.status)) throw EvidenceRefusals.disputeClosed(disputeId, dispute.status);
    const totals = await this.evidence.totals(disputeId);
    const files = await receiveEvidence(request, disputeId, this.store, {
      maxFileBytes: this.config.EVIDENCE_MAX_FILE_BYTES,
      maxVideoBytes: this.config.EVIDENCE_MAX_VIDEO_BYTES,
      remainingBytes: Math.max(0, this.config.EVIDENCE_MAX_DISPUTE_BYTES - totals.bytes),
      remainingFiles: Math.max(0, this.config.EVIDENCE_MAX_FILES_PER_DISPUTE - totals.files),
      disputeTotalBytes: this.config.EVIDENCE_MAX_DISPUTE_BYTES,
      disputeMaxFiles: this.config.EVIDENCE_MAX_FILES_PER_DISPUTE,
    });
    try {
      const rows = await this.transactions.run((tx) => this.record(tx, disputeId, actorOf(principal, dispute), files));
      return { items: rows.map(evidenceView) };
    } catch (error) {
      await deleteReceived(this.store, files).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The stored files as links of the dispute's chain and `evidence.added` events, under the dispute's lock: its
   * status and totals are checked again there (another upload may have committed meanwhile).
   */
  private async record(
    tx: Transaction,
    disputeId: string,
    addedBy: ActorDto,
    files: readonly ReceivedFile[],
  ): Promise<DisputeEvidenceEntity[]> {
    const dispute = await this.disputes.lock(tx, disputeId);
    if (!dispute) throw new NotFound('Dispute', disputeId);
    if (CLOSED.has(dispute.status)) throw EvidenceRefusals.disputeClosed(disputeId, dispute.status);
    const totals = await this.evidence.totals(disputeId, tx);
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    if (totals.files + files.length > this.config.EVIDENCE_MAX_FILES_PER_DISPUTE) {
      throw EvidenceRefusals.tooManyFiles(`files[${files.length - 1}]`, this.config.EVIDENCE_MAX_FILES_PER_DISPUTE);
    }
    if (totals.bytes + bytes > this.config.EVIDENCE_MAX_DISPUTE_BYTES) {
      throw EvidenceRefusals.disputeTotalExceeded(`files[${files.length - 1}]`, this.config.EVIDENCE_MAX_DISPUTE_BYTES);
    }
    const addedAt = this.clock.now().toISOString();
    const payloads = files.map((file) =>
      assertPayload(EventType.EVIDENCE_ADDED, {
        evidenceId: file.evidenceId,
        disputeId,
        kind: file.kind,
        source: 'UPLOAD',
        preserved: true,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        ...(file.thumbnail
          ? { thumbnail: { contentType: 'image/webp', size: file.thumbnail.size, sha256: file.thumbnail.sha256 } }
          : {}),
        ...(file.note ? { note: file.note } : {}),
        addedBy,
        addedAt,
      }),
    );
    const rows = await this.chain(
      tx,
      dispute,
      payloads.map((payload, index) => {
        const file = required(files[index], `the file of payload ${index}`);
        return {
          payload,
          objectKey: file.objectKey,
          thumbnailKey: file.thumbnail?.key ?? null,
          storedBytes: file.size,
        };
      }),
    );
    return rows;
  }

  /**
   * Records evidence named by URL: preserved (its bytes stored as an upload's are, the URL kept beside its hash) or
   * not (`reason`: never silently dropped), as a chain link and `evidence.added`. Evidence already recorded (a
   * redelivered event) changes nothing; a file that would take the dispute over its limits is kept unpreserved.
   * Returns whether a link was written.
   */
  async recordUrl(
    disputeId: string,
    addedBy: ActorDto,
    item: { evidenceId: string; kind: EvidenceAddedPayload['kind']; url: string },
    stored: ReceivedFile | undefined,
    reason: string | undefined,
  ): Promise<boolean> {
    let kept = false;
    try {
      return await this.transactions.run(async (tx) => {
        const dispute = await this.disputes.lock(tx, disputeId);
        if (!dispute || (await this.evidence.exists(item.evidenceId, tx))) return false;
        let file = stored;
        let why = reason;
        if (file) {
          const totals = await this.evidence.totals(disputeId, tx);
          if (totals.files + 1 > this.config.EVIDENCE_MAX_FILES_PER_DISPUTE) {
            why = `the dispute already holds ${this.config.EVIDENCE_MAX_FILES_PER_DISPUTE} files`;
            file = undefined;
          } else if (totals.bytes + file.size > this.config.EVIDENCE_MAX_DISPUTE_BYTES) {
            why = `the file would take the dispute over its total of ${this.config.EVIDENCE_MAX_DISPUTE_BYTES} bytes`;
            file = undefined;
          }
        }
        const payload = assertPayload(EventType.EVIDENCE_ADDED, {
          evidenceId: item.evidenceId,
          disputeId,
          kind: item.kind,
          source: 'URL',
          url: item.url,
          preserved: file !== undefined,
          ...(file
            ? {
                contentType: file.contentType,
                size: file.size,
                sha256: file.sha256,
                ...(file.thumbnail
                  ? {
                      thumbnail: {
                        contentType: 'image/webp',
                        size: file.thumbnail.size,
                        sha256: file.thumbnail.sha256,
                      },
                    }
                  : {}),
              }
            : { unpreservedReason: (why ?? 'it could not be fetched').slice(0, 500) }),
          addedBy,
          addedAt: this.clock.now().toISOString(),
        });
        await this.chain(tx, dispute, [
          {
            payload,
            objectKey: file?.objectKey ?? null,
            thumbnailKey: file?.thumbnail?.key ?? null,
            storedBytes: file?.size ?? 0,
          },
        ]);
        kept = file !== undefined;
        return true;
      });
    } finally {
      if (stored && !kept) await deleteReceived(this.store, [stored]).catch(() => undefined);
    }
  }

  /** Appends evidence links after the chain's head and writes their events into the outbox (in `tx`). */
  private async chain(
    tx: Transaction,
    dispute: DisputeEntity,
    links: {
      payload: EvidenceAddedPayload;
      objectKey: string | null;
      thumbnailKey: string | null;
      storedBytes: number;
    }[],
  ): Promise<DisputeEvidenceEntity[]> {
    const head = await this.disputes.chainHead(tx, dispute.id);
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const rows = links.map(({ payload, objectKey, thumbnailKey, storedBytes }) => {
      seq += 1;
      const link = {
        disputeId: dispute.id,
        version: seq,
        eventId: uuidv7(),
        type: EventType.EVIDENCE_ADDED,
        occurredAt: payload.addedAt,
        data: payload as unknown as Record<string, unknown>,
        prevHash,
      };
      const hash = chainHash(link);
      prevHash = hash;
      return Object.assign(new DisputeEvidenceEntity(), {
        disputeId: dispute.id,
        chainSeq: seq,
        evidenceId: payload.evidenceId,
        eventId: link.eventId,
        type: link.type,
        occurredAt: new Date(link.occurredAt),
        data: link.data,
        prevHash: link.prevHash,
        hash,
        preserved: payload.preserved,
        objectKey,
        thumbnailKey,
        storedBytes,
      });
    });
    await this.evidence.insert(tx, rows);
    await this.outbox.append(
      tx,
      rows.map((row) => ({
        id: row.eventId,
        time: row.occurredAt.toISOString(),
        topic: Topics.DISPUTE_EVENTS,
        type: row.type,
        subject: dispute.id,
        sellerId: dispute.sellerId,
        // Evidence does not change the dispute's state: the version stays the one of its last transition.
        aggregateVersion: dispute.version,
        data: row.data,
      })),
    );
    return rows;
  }

  /** The dispute's evidence, oldest first, for the dispute view. */
  async list(disputeId: string): Promise<EvidenceView[]> {
    return (await this.evidence.ofDispute(disputeId)).map(evidenceView);
  }

  /** A stored file (or its thumbnail), for the dispute's parties and staff; anyone else gets 404. */
  async download(evidenceId: string, principal: Principal, variant?: 'thumbnail'): Promise<EvidenceDownload> {
    if (!this.store.configured) throw new EvidenceStoreNotConfigured();
    const row = isUuid(evidenceId) ? await this.evidence.find(evidenceId) : null;
    if (!row) throw new NotFound('Evidence', evidenceId);
    const dispute = await this.disputes.find(row.disputeId);
    if (!dispute) throw new NotFound('Evidence', evidenceId);
    assertSellerScope(principal, dispute.sellerId, 'Evidence', evidenceId);
    const data = row.data as unknown as EvidenceAddedPayload;
    const key = variant ? row.thumbnailKey : row.objectKey;
    if (!key) throw new NotFound(variant ? 'Thumbnail of evidence' : 'Stored file of evidence', evidenceId);
    const object = await this.store.get(key);
    const contentType = variant ? 'image/webp' : (data.contentType ?? 'application/octet-stream');
    return {
      body: object.body,
      size: object.size,
      contentType,
      fileName: `evidence-${evidenceId}${variant ? '-thumbnail' : ''}.${EXTENSIONS[contentType] ?? 'bin'}`,
      sha256: variant ? data.thumbnail?.sha256 : data.sha256,
    };
  }

  /**
   * The export with the evidence files: a tar of `bundle.json` (the export bundle, as GET /v1/disputes/{id}/export)
   * and every preserved file of its chain at `evidence/<evidenceId>.<ext>`, streamed from the store one after the
   * other. `npm run verify-export` checks each file against the SHA-256 its link records.
   */
  async archive(disputeId: string, principal: Principal): Promise<Readable> {
    const bundle = await this.exports.export(disputeId, principal);
    const files = bundle.events.flatMap((link) => {
      const data = link.data as Partial<EvidenceAddedPayload>;
      return link.type === EventType.EVIDENCE_ADDED && data.preserved && data.evidenceId && data.contentType
        ? [{ evidenceId: data.evidenceId, path: evidenceArchivePath(data.evidenceId, data.contentType) }]
        : [];
    });
    if (files.length > 0 && !this.store.configured) throw new EvidenceStoreNotConfigured();
    const rows = new Map((await this.evidence.ofDispute(disputeId)).map((row) => [row.evidenceId, row]));
    const archive = pack();
    const write = async () => {
      archive.entry(
        { name: 'bundle.json', mtime: new Date(bundle.exportedAt) },
        `${JSON.stringify(bundle, null, 2)}\n`,
      );
      for (const file of files) {
        const key = rows.get(file.evidenceId)?.objectKey;
        if (!key) throw new Error(`evidence ${file.evidenceId} has no stored object`);
        const object = await this.store.get(key);
        await new Promise<void>((resolve, reject) => {
          const entry = archive.entry(
            { name: file.path, size: object.size, mtime: new Date(bundle.exportedAt) },
            (error) => (error ? reject(error) : resolve()),
          );
          object.body.once('error', reject);
          object.body.pipe(entry);
        });
      }
      archive.finalize();
    };
    write().catch((error: unknown) => archive.destroy(error as Error));
    // tar-stream's streams are streamx streams: as a Node stream for the HTTP response.
    return Readable.from(archive as AsyncIterable<Buffer>);
  }

  /** The dispute, if this caller may see it: a seller sees its own only (404 otherwise, so ids do not leak). */
  private async visible(id: string, principal: Principal): Promise<DisputeEntity> {
    const entity = isUuid(id) ? await this.disputes.find(id) : null;
    if (!entity) throw new NotFound('Dispute', id);
    assertSellerScope(principal, entity.sellerId, 'Dispute', id);
    return entity;
  }
}
