import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TransactionRunner } from '@settle/messaging';
import { Clock } from '@settle/platform';
import { DisputesRepository } from '../disputes/disputes.repository';
import type { DisputeView } from '../disputes/projection';
import { PartyActionsService } from '../disputes/party-actions.service';
import { sellerProposal } from './supply-incident';
import { SupplyIncidentsRepository, type PendingProposal } from './supply-incidents.repository';

/**
 * Proposals per transaction. A declaration queues its disputes (one cheap INSERT ... SELECT in its own transaction, so
 * none is missed); the proposals themselves go out here in batches, each batch one transaction with its commands in
 * the outbox and its rows marked SENT, so a 1,000-dispute incident is ten short transactions, not one long one holding
 * the listing's lock, and a crash loses or repeats nothing (an uncommitted batch stays PENDING).
 */
const BATCH = 100;
/** How often a replica looks for queued proposals when nothing woke it (a queue filled by a consumer, or another replica). */
const POLL_MS = 500;

/**
 * Sends the seller's proposal on each queued dispute of a supply incident through negotiation's one proposal path
 * (PartyActionsService.proposeEachIn: the rules of POST /v1/disputes/{id}/proposals). A dispute whose state refuses a
 * proposal here (closed) is recorded REFUSED with the rule; the owner's later refusal is recorded by the dispute events
 * (IncidentDisputesService). Any number of replicas may run it (rows claimed FOR UPDATE SKIP LOCKED).
 */
@Injectable()
export class IncidentProposalWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IncidentProposalWorker');
  private running = false;
  private woken = false;
  private wakeUp?: () => void;
  private loopDone?: Promise<void>;

  constructor(
    private readonly incidents: SupplyIncidentsRepository,
    private readonly disputes: DisputesRepository,
    private readonly actions: PartyActionsService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loopDone = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
  }

  /** Call once the transaction that queued proposals has committed. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * One batch: returns how many queued proposals it took. The batch is read, decided and written with a few
   * statements whatever its size (the views in one read, the commands, their outbox rows and the rows' new states
   * each in one write), not a round trip per dispute.
   */
  async proposeBatch(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const pending = await this.incidents.claimPending(tx, BATCH);
      if (pending.length === 0) return 0;
      const at = this.clock.now().toISOString();
      const refused: { row: PendingProposal; refusal: string }[] = [];
      const proposing: { row: PendingProposal; view: DisputeView }[] = [];
      const views = await this.disputes.findViews(
        pending.filter((row) => row.incidentOpen && !row.orderDropped).map((row) => row.disputeId),
        tx,
      );
      for (const row of pending) {
        const view = views.get(row.disputeId);
        if (!row.incidentOpen) refused.push({ row, refusal: 'SUPPLY_INCIDENT_CLOSED: the incident closed first.' });
        else if (row.orderDropped) refused.push({ row, refusal: 'ORDER_SHIPPED: the order shipped after all.' });
        else if (!view) refused.push({ row, refusal: 'DISPUTE_UNKNOWN: the dispute is not known here.' });
        else proposing.push({ row, view });
      }
      const outcomes = await this.actions.proposeEachIn(
        tx,
        proposing.map(({ view }) => ({
          view,
          actor: { role: 'SELLER', id: view.sellerId },
          body: sellerProposal(view.order.amount),
        })),
      );
      const sent: { row: PendingProposal; commandId: string }[] = [];
      proposing.forEach(({ row }, index) => {
        const outcome = outcomes[index];
        if (!outcome) return;
        if ('commandId' in outcome) sent.push({ row, commandId: outcome.commandId });
        else refused.push({ row, refusal: `${outcome.refused.code}: ${outcome.refused.message}` });
      });
      await this.incidents.markSent(tx, sent, at);
      await this.incidents.markRefused(tx, refused, at);
      return pending.length;
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let claimed = 0;
      try {
        claimed = await this.proposeBatch();
      } catch (error) {
        if (this.running) this.logger.warn(`proposing for supply incidents failed: ${(error as Error).message}`);
      }
      if (!this.running) break;
      if (claimed > 0 || this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, POLL_MS);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
      this.wakeUp = undefined;
    }
  }
}
