import { Injectable, Logger } from '@nestjs/common';
import {
  EventType,
  type ActorDto,
  type DisputeOpenedPayload,
  type EventEnvelope,
  type EvidenceKind,
} from '@settle/contracts';
import { dispatch } from '@settle/messaging';
import { DomainError } from '@settle/platform';
import { IntakeConfig } from '../config/intake.config';
import { receiveFile, type ReceivedFile } from './evidence-receiver';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import { EvidenceObjectStore } from './object-store';
import { EvidenceUrlFetcher, UrlNotFetched } from './url-fetcher';

/**
 * Evidence named by URL (by the buyer when opening the dispute, or by a party in a message's attachments), preserved: each URL fetched once (EvidenceUrlFetcher:
 * the outbound guard, a deadline, at most 3 redirects), its bytes held to the upload rules (type by content, limits
 * while streaming, images re-encoded without metadata) and stored, then recorded with the URL and the hash; a URL
 * that cannot be fetched or whose content is refused is recorded unpreserved, with the reason.
 */
@Injectable()
export class EvidencePreserver {
  private readonly logger = new Logger(EvidencePreserver.name);

  constructor(
    private readonly fetcher: EvidenceUrlFetcher,
    private readonly store: EvidenceObjectStore,
    private readonly evidence: EvidenceRepository,
    private readonly service: EvidenceService,
    private readonly config: IntakeConfig,
  ) {}

  /** settle.disputes.events.v1 (its own): the URLs a `dispute.opened` names, preserved. */
  async onDisputeEvent(envelope: EventEnvelope): Promise<void> {
    await dispatch(envelope, { [EventType.DISPUTE_OPENED]: (opened) => this.preserveOpened(opened) });
  }

  async preserveOpened(opened: DisputeOpenedPayload): Promise<void> {
    await this.preserve(opened.disputeId, { role: 'BUYER', id: opened.buyerId }, opened.evidence ?? []);
  }

  /** Each item not yet recorded: fetched, stored and recorded (or recorded unpreserved), one after the other. */
  async preserve(
    disputeId: string,
    addedBy: ActorDto,
    items: readonly { evidenceId: string; kind: EvidenceKind; url: string }[],
  ): Promise<void> {
    if (!this.store.configured || this.config.EVIDENCE_PRESERVE_URLS !== 'true') return;
    for (const [index, item] of items.entries()) {
      if (await this.evidence.exists(item.evidenceId)) continue;
      let stored: ReceivedFile | undefined;
      let reason: string | undefined;
      try {
        const body = await this.fetcher.open(item.url);
        stored = await receiveFile(body, {
          field: `evidence[${index}]`,
          evidenceId: item.evidenceId,
          disputeId,
          kind: item.kind,
          store: this.store,
          limits: {
            maxFileBytes: this.config.EVIDENCE_MAX_FILE_BYTES,
            maxVideoBytes: this.config.EVIDENCE_MAX_VIDEO_BYTES,
            remainingBytes: this.config.EVIDENCE_MAX_DISPUTE_BYTES,
            remainingFiles: this.config.EVIDENCE_MAX_FILES_PER_DISPUTE,
            disputeTotalBytes: this.config.EVIDENCE_MAX_DISPUTE_BYTES,
            disputeMaxFiles: this.config.EVIDENCE_MAX_FILES_PER_DISPUTE,
          },
          budget: { used: 0 },
          failed: () => false,
        }).done;
      } catch (error) {
        reason =
          error instanceof UrlNotFetched
            ? error.message
            : error instanceof DomainError
              ? `${error.code}: ${error.detail}`
              : `it could not be stored (${String(error)})`;
      }
      await this.service.recordUrl(disputeId, addedBy, item, stored, reason);
      if (reason) this.logger.warn(`evidence ${item.evidenceId} of dispute ${disputeId} kept unpreserved: ${reason}`);
    }
  }
}
