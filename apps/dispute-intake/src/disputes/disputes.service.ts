import { Inject, Injectable } from '@nestjs/common';
import {
  DISPUTE_EXPORT_FORMAT,
  DISPUTE_STATUSES,
  GENESIS_HASH,
  isUuid,
  type ChainedEvent,
  type DisputeExportBundle,
  type DisputeStatus,
  type EvidenceChecklist,
} from '@settle/contracts';
import type { Policy } from '@settle/dispute-lifecycle';
import {
  Clock,
  NotFound,
  POLICY,
  type Page,
  type Principal,
  assertSellerScope,
  decodeCursor,
  toPage,
} from '@settle/platform';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { evidenceSection, type EvidenceView } from '../evidence/evidence.view';
import { refusalError } from '../shared/rejections';
import { DisputeCommandsService } from './dispute-commands.service';
import type { DisputeEntity } from './dispute.entity';
import { disputeSummary, disputeView } from './dispute.view';
import { DisputesRepository } from './disputes.repository';
import type { CancelDisputeRequest } from './dto/cancel-dispute.request';
import type { DisputeCounts, DisputeCountsQuery } from './dto/dispute-counts';
import type { ListDisputesQuery } from './dto/list-disputes.query';
import { TransactionRunner } from '@settle/messaging';

export type DisputeView = ReturnType<typeof disputeView> & {
  evidenceFiles: EvidenceView[];
  evidenceChecklist: EvidenceChecklist;
};
export type DisputeSummary = ReturnType<typeof disputeSummary>;

/** Reads of disputes (seller-scoped), the buyer's withdrawal, and the verifiable export. */
@Injectable()
export class DisputesService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly commands: DisputeCommandsService,
    private readonly evidence: EvidenceRepository,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async view(entity: DisputeEntity): Promise<DisputeView> {
    const [history, evidence] = await Promise.all([
      this.disputes.history(entity.id),
      this.evidence.ofDispute(entity.id),
    ]);
    return { ...disputeView(entity, history, this.policy), ...evidenceSection(entity.opened, evidence) };
  }

  async get(id: string, principal: Principal): Promise<DisputeView> {
    return this.view(await this.visible(id, principal));
  }

  async list(query: ListDisputesQuery, principal: Principal): Promise<Page<DisputeSummary>> {
    const sellerId = principal.role === 'seller' ? principal.sellerId : query.sellerId;
    if (principal.role === 'seller' && query.sellerId !== undefined && query.sellerId !== principal.sellerId) {
      return { items: [], nextCursor: null };
    }
    const after = query.cursor ? decodeCursor<{ id: string }>(query.cursor, ['id']).id : undefined;
    if (after !== undefined && !isUuid(after)) return { items: [], nextCursor: null };
    const rows = await this.disputes.list(
      { status: query.status, sellerId, orderId: query.orderId },
      query.limit,
      after,
    );
    return toPage(
      rows,
      query.limit,
      (row) => disputeSummary(row, this.policy),
      (row) => ({ id: row.id }),
    );
  }

  /** How many disputes are in each status, for the list's quick filters (a seller counts its own only). */
  async counts(query: DisputeCountsQuery, principal: Principal): Promise<DisputeCounts> {
    if (principal.role === 'seller' && query.sellerId !== undefined && query.sellerId !== principal.sellerId) {
      return { byStatus: zeroCounts() };
    }
    const sellerId = principal.role === 'seller' ? principal.sellerId : query.sellerId;
    const found = await this.disputes.countByStatus({ sellerId, orderId: query.orderId });
    const byStatus = zeroCounts();
    for (const status of DISPUTE_STATUSES) byStatus[status] = found.get(status) ?? 0;
    return { byStatus };
  }

  /** The buyer withdraws (the platform acts for the buyer): CANCELLED, `dispute.cancelled` published. */
  async cancel(id: string, request: CancelDisputeRequest): Promise<DisputeView> {
    if (!isUuid(id)) throw new NotFound('Dispute', id);
    const outcome = await this.transactions.run((tx) =>
      this.commands.applyIn(tx, id, (dispute) => ({
        ok: true,
        command: {
          type: 'CANCEL',
          expectedVersion: request.expectedVersion ?? dispute.version,
          actor: { role: 'BUYER', id: dispute.buyerId },
          ...(request.reason ? { reason: request.reason } : {}),
        },
        facts: { actor: { role: 'BUYER', id: dispute.buyerId } },
      })),
    );
    if (!outcome.ok) throw refusalError(outcome.refusal, id);
    return this.view(outcome.dispute);
  }

  /**
   * The dispute's hash chain, every event and every message posted on it in the order they were chained (a link's
   * `version` is its place in the chain): verifiable offline with `verifyDisputeExport`.
   */
  async export(id: string, principal: Principal): Promise<DisputeExportBundle> {
    const entity = await this.visible(id, principal);
    const events: ChainedEvent[] = await this.disputes.chain(entity.id);
    return {
      format: DISPUTE_EXPORT_FORMAT,
      disputeId: entity.id,
      exportedAt: this.clock.now().toISOString(),
      events,
      headHash: events[events.length - 1]?.hash ?? GENESIS_HASH,
    };
  }

  /** The dispute, if this caller may see it: a seller sees its own only (404 otherwise, so ids do not leak). */
  private async visible(id: string, principal: Principal): Promise<DisputeEntity> {
    const entity = isUuid(id) ? await this.disputes.find(id) : null;
    if (!entity) throw new NotFound('Dispute', id);
    assertSellerScope(principal, entity.sellerId, 'Dispute', id);
    return entity;
  }
}

function zeroCounts(): Record<DisputeStatus, number> {
  return Object.fromEntries(DISPUTE_STATUSES.map((status) => [status, 0])) as Record<DisputeStatus, number>;
}
