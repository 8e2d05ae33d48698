import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DisputeSignalEntity } from './dispute-signal.entity';

/** How many of a listing's disputes a re-audit reads (the most recent). */
const SIGNALS_READ = 200;

@Injectable()
export class FeedbackRepository {
  /** Records the dispute once (a redelivered dispute.opened changes nothing); false when it was known. */
  async record(manager: EntityManager, signal: DisputeSignalEntity): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(DisputeSignalEntity)
      .values(signal)
      .orIgnore()
      .returning(['disputeId'])
      .execute();
    return result.raw.length === 1;
  }

  /** The listing's NOT_AS_DESCRIBED disputes, most recent first. */
  forListing(manager: EntityManager, listingId: string): Promise<DisputeSignalEntity[]> {
    return manager.find(DisputeSignalEntity, {
      where: { listingId },
      order: { openedAt: 'DESC' },
      take: SIGNALS_READ,
    });
  }
}
