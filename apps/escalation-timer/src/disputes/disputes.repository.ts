import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checklistEvidence,
  evidenceChecklist,
  type ChecklistEvidence,
  type DisputeOpenedPayload,
  type EvidenceAddedPayload,
  type EvidenceChecklist,
  type EvidenceKind,
  type MessagePostedPayload,
} from '@settle/contracts';
import { awaitProjection, type Principal } from '@settle/platform';
import { DataSource, In } from 'typeorm';
import { TimerConfig } from '../shared/timer.config';
import { DisputeEvidenceEntity } from './dispute-evidence.entity';
import { DisputeMessageEntity } from './dispute-message.entity';
import { DisputeProjectionEntity } from './dispute-projection.entity';
import { OrderTrackingEntity } from './order-tracking.entity';
import type { Transaction } from '@settle/messaging';

/** The timer's projections of disputes, orders' tracking and messages: the only place their tables are touched. */
@Injectable()
export class DisputesRepository {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly config: TimerConfig,
  ) {}

  /**
   * The dispute as `principal` may see it (a seller only its own), waiting up to PARTY_ACTION_WAIT_MS for one just
   * opened at dispute-intake that this projection has not heard of yet (then 503 PROJECTION_BEHIND: awaitProjection).
   * Undefined (404) for an unknown id and for another seller's dispute alike.
   */
  findVisible(disputeId: string, principal?: Principal): Promise<DisputeProjectionEntity | undefined> {
    return awaitProjection(
      'Dispute',
      disputeId,
      () => this.find(disputeId),
      (dispute) => !(principal?.role === 'seller' && principal.sellerId !== dispute.sellerId),
      this.config.PARTY_ACTION_WAIT_MS,
    );
  }

  async insertOpened(tx: Transaction, opened: DisputeOpenedPayload, now: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(DisputeProjectionEntity)
      .values({
        disputeId: opened.disputeId,
        orderId: opened.orderId,
        buyerId: opened.buyerId,
        sellerId: opened.sellerId,
        listingId: opened.listingId,
        reason: opened.reason,
        subReason: opened.subReason,
        status: opened.status,
        version: opened.version,
        openedAt: new Date(opened.openedAt),
        buyerProposalId: opened.proposal.proposalId,
        sellerFirstRespondedAt: null,
        sellerRespondedWithin: null,
        escalatedAt: null,
        resolution: null,
        opened,
        updatedAt: now,
      })
      .orIgnore()
      .execute();
    return (result.identifiers.filter(Boolean).length ?? 0) > 0;
  }

  async lock(tx: Transaction, disputeId: string): Promise<DisputeProjectionEntity | null> {
    return tx
      .getRepository(DisputeProjectionEntity)
      .createQueryBuilder('p')
      .where('p.disputeId = :disputeId', { disputeId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async update(tx: Transaction, disputeId: string, patch: Partial<DisputeProjectionEntity>): Promise<void> {
    await tx.getRepository(DisputeProjectionEntity).update({ disputeId }, patch);
  }

  async find(disputeId: string): Promise<DisputeProjectionEntity | null> {
    return this.dataSource.getRepository(DisputeProjectionEntity).findOneBy({ disputeId });
  }

  /** Several disputes by id in one statement (a queue page's disputes). */
  async findMany(disputeIds: string[]): Promise<DisputeProjectionEntity[]> {
    if (disputeIds.length === 0) return [];
    return this.dataSource.getRepository(DisputeProjectionEntity).findBy({ disputeId: In(disputeIds) });
  }

  /** Open disputes of an order (one at most, but the projection does not insist). */
  async openForOrder(tx: Transaction, orderId: string): Promise<DisputeProjectionEntity[]> {
    return tx
      .getRepository(DisputeProjectionEntity)
      .createQueryBuilder('p')
      .where('p.orderId = :orderId', { orderId })
      .andWhere(`p.status NOT IN ('RESOLVED', 'CANCELLED')`)
      .setLock('pessimistic_write')
      .getMany();
  }

  async upsertTracking(tx: Transaction, tracking: Partial<OrderTrackingEntity> & { orderId: string }): Promise<void> {
    const repository = tx.getRepository(OrderTrackingEntity);
    const existing = await repository.findOneBy({ orderId: tracking.orderId });
    await repository.save({
      status: null,
      statusAt: null,
      deliveredAt: null,
      proof: null,
      carrier: null,
      trackingNumber: null,
      ...existing,
      ...tracking,
    });
  }

  async tracking(orderId: string): Promise<OrderTrackingEntity | null> {
    return this.dataSource.getRepository(OrderTrackingEntity).findOneBy({ orderId });
  }

  async insertMessage(tx: Transaction, message: MessagePostedPayload): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(DisputeMessageEntity)
      .values({
        messageId: message.messageId,
        disputeId: message.disputeId,
        authorRole: message.author.role,
        authorId: message.author.id,
        body: message.body,
        postedAt: new Date(message.postedAt),
      })
      .orIgnore()
      .execute();
  }

  async messages(disputeId: string): Promise<DisputeMessageEntity[]> {
    return this.dataSource
      .getRepository(DisputeMessageEntity)
      .find({ where: { disputeId }, order: { postedAt: 'ASC', messageId: 'ASC' } });
  }

  /** A piece of evidence recorded on a dispute (evidence.added); a redelivered one changes nothing. */
  async insertEvidence(tx: Transaction, evidence: EvidenceAddedPayload): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(DisputeEvidenceEntity)
      .values({
        evidenceId: evidence.evidenceId,
        disputeId: evidence.disputeId,
        kind: evidence.kind,
        addedByRole: evidence.addedBy.role,
        addedById: evidence.addedBy.id,
        addedAt: new Date(evidence.addedAt),
      })
      .orIgnore()
      .execute();
  }

  /**
   * The evidence checklist of each of these disputes (libs/contracts evidence-checklist.ts, as dispute-intake's
   * dispute view shows it): the evidence recorded by evidence.added and the evidence named at opening.
   * Disputes this projection has not heard of are left out.
   */
  async evidenceChecklists(
    disputeIds: readonly string[],
    tx: Transaction = this.dataSource.manager,
  ): Promise<Map<string, EvidenceChecklist>> {
    const ids = [...new Set(disputeIds)];
    if (ids.length === 0) return new Map();
    const [disputes, rows] = await Promise.all([
      tx.getRepository(DisputeProjectionEntity).find({
        where: { disputeId: In(ids) },
        select: { disputeId: true, subReason: true, opened: true },
      }),
      tx.getRepository(DisputeEvidenceEntity).find({
        where: { disputeId: In(ids) },
        order: { addedAt: 'ASC', evidenceId: 'ASC' },
      }),
    ]);
    const recorded = new Map<string, ChecklistEvidence[]>();
    for (const row of rows) {
      const list = recorded.get(row.disputeId) ?? [];
      list.push({ evidenceId: row.evidenceId, kind: row.kind as EvidenceKind, role: row.addedByRole });
      recorded.set(row.disputeId, list);
    }
    return new Map(
      disputes.map((dispute) => [
        dispute.disputeId,
        evidenceChecklist(
          dispute.subReason,
          checklistEvidence(dispute.opened.evidence, recorded.get(dispute.disputeId) ?? []),
        ),
      ]),
    );
  }

  /** The seller's disputes opened since `since`, for the seller metrics of the case view. */
  async sellerDisputes(sellerId: string, since: Date): Promise<DisputeProjectionEntity[]> {
    return this.dataSource
      .getRepository(DisputeProjectionEntity)
      .createQueryBuilder('p')
      .where('p.sellerId = :sellerId', { sellerId })
      .andWhere('p.openedAt >= :since', { since })
      .getMany();
  }
}
