import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TransactionRunner } from '@settle/messaging';
import { Clock, DomainError } from '@settle/platform';
import { DisputesRepository } from '../disputes/disputes.repository';
import { PartyActionsService } from '../disputes/party-actions.service';
import { sellerProposal } from './supply-incident';
import { SupplyIncidentsRepository } from './supply-incidents.repository';

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
 * (PartyActionsService.proposeIn: the rules of POST /v1/disputes/{id}/proposals). A dispute whose state refuses a
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

  /** One batch: returns how many queued proposals it took. */
  async proposeBatch(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const pending = await this.incidents.claimPending(tx, BATCH);
      const at = this.clock.now().toISOString();
      for (const row of pending) {
        if (!row.incidentOpen) {
          await this.incidents.markRefused(tx, row, 'SUPPLY_INCIDENT_CLOSED: the incident closed first.', at);
          continue;
        }
        if (row.orderDropped) {
          await this.incidents.markRefused(tx, row, 'ORDER_SHIPPED: the order shipped after all.', at);
          continue;
        }
        const view = await this.disputes.findView(row.disputeId, tx);
        if (!view) {
          await this.incidents.markRefused(tx, row, 'DISPUTE_UNKNOWN: the dispute is not known here.', at);
          continue;
        }
        try {
          const commandId = await this.actions.proposeIn(
            tx,
            view,
            { role: 'SELLER', id: view.sellerId },
            sellerProposal(view.order.amount),
          );
          await this.incidents.markSent(tx, row, commandId, at);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          await this.incidents.markRefused(tx, row, `${error.code}: ${error.message}`, at);
        }
      }
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
