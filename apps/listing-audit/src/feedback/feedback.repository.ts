import { Injectable } from '@nestjs/common';
import { DisputeSignalEntity } from './dispute-signal.entity';
import type { Transaction } from '@settle/messaging';

/** How many of a listing's disputes a re-audit reads (the most recent). */
const SIGNALS_READ = 200;

@Injectable()
export class FeedbackRepository {
  /** Records the dispute once (a redelivered dispute.opened changes nothing); false when it was known. */
  async record(tx: Transaction, signal: DisputeSignalEntity): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(DisputeSignalEntity)
      .values(signal)
      .orIgnore()
      .returning(['disputeId'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  /** The listing's NOT_AS_DESCRIBED disputes, most recent first. */
  forListing(tx: Transaction, listingId: string): Promise<DisputeSignalEntity[]> {
    return tx.find(DisputeSignalEntity, {
      where: { listingId },
      order: { openedAt: 'DESC' },
      take: SIGNALS_READ,
    });
  }
}
