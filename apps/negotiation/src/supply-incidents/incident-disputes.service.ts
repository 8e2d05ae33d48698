import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope, type Money } from '@settle/contracts';
import { dispatch, forTypes, type Transaction } from '@settle/messaging';
import { Clock } from '@settle/platform';
import type { DisputeView } from '../disputes/projection';
import { MessagesService } from '../messages/messages.service';
import { IncidentSettlement } from './incident-settlement.service';
import {
  DisputeProposalState,
  MAX_STALE_ATTEMPTS,
  disputeOutcome,
  withdrawalRequest,
  type DisputeFact,
} from './supply-incident';
import { SupplyIncidentsRepository, type IncidentDisputeRow } from './supply-incidents.repository';

/** The owner's answer to a proposal this service sent for an incident. */
type ProposalAnswer =
  | { kind: 'APPLIED'; commandId: string; proposal: { proposalId: string; refund?: Money } }
  | { kind: 'REJECTED'; commandId: string; rule: string; detail: string };

/** What the dispute-events consumer does next, once its transaction committed. */
export interface IncidentDisputeEffects {
  proposalsQueued: number;
  webhooksQueued: number;
}

const NONE: IncidentDisputeEffects = { proposalsQueued: 0, webhooksQueued: 0 };

/**
 * Supply incidents' side of the dispute events, in the dispute-events consumer's transaction (after the projection
 * moved): a dispute opened on an order of an open incident is queued for the seller's proposal; the owner's answer to
 * that proposal is recorded (applied: the withdrawal request is posted in the buyer's language, once; refused: the
 * rule, or queued again when only stale); and the dispute's outcome (agreed, withdrawn, closed) settles the order.
 */
@Injectable()
export class IncidentDisputesService {
  constructor(
    private readonly incidents: SupplyIncidentsRepository,
    private readonly messages: MessagesService,
    private readonly settlement: IncidentSettlement,
    private readonly clock: Clock,
  ) {}

  async onDisputeEvent(
    tx: Transaction,
    envelope: EventEnvelope,
    view: DisputeView | undefined,
  ): Promise<IncidentDisputeEffects> {
    if (!view) return NONE;
    const at = this.clock.now().toISOString();
    if (envelope.type === EventType.DISPUTE_OPENED) {
      return { proposalsQueued: await this.queueIfAffected(tx, view, at), webhooksQueued: 0 };
    }
    const rows = await this.incidents.disputeRows(tx, view.id);
    if (rows.length === 0) return NONE;
    const answer = dispatch<ProposalAnswer | undefined>(envelope, {
      [EventType.DISPUTE_SELLER_RESPONDED]: (responded) =>
        responded.commandId && responded.counterProposal
          ? { kind: 'APPLIED', commandId: responded.commandId, proposal: responded.counterProposal }
          : undefined,
      [EventType.DISPUTE_PROPOSAL_SUBMITTED]: (submitted) =>
        submitted.commandId
          ? { kind: 'APPLIED', commandId: submitted.commandId, proposal: submitted.proposal }
          : undefined,
      [EventType.DISPUTE_COMMAND_REJECTED]: (rejected) =>
        rejected.commandId
          ? { kind: 'REJECTED', commandId: rejected.commandId, rule: rejected.type, detail: rejected.detail }
          : undefined,
    });
    const fact = dispatch<DisputeFact>(envelope, {
      ...forTypes([EventType.DISPUTE_AGREED, EventType.DISPUTE_AUTO_ACCEPTED], (agreed) => ({
        kind: 'AGREED' as const,
        proposal: agreed.proposal,
      })),
      [EventType.DISPUTE_CANCELLED]: () => ({ kind: 'WITHDRAWN' }),
      [EventType.DISPUTE_RESOLVED]: (resolved) => ({
        kind: 'CLOSED',
        inFavourOf: resolved.resolution.inFavourOf,
        ...(resolved.resolution.refund ? { refund: resolved.resolution.refund } : {}),
      }),
    });
    const effects = { ...NONE };
    for (const row of rows) {
      if (answer && row.state === DisputeProposalState.SENT && row.commandId === answer.commandId) {
        effects.proposalsQueued += await this.answered(tx, row, answer, view, at);
      }
      if (fact) {
        const { outcome, settlesOrder } = disputeOutcome(row.outcome, fact);
        if (outcome !== row.outcome) await this.incidents.setOutcome(tx, row, outcome, at);
        if (settlesOrder) {
          effects.webhooksQueued += await this.settlement.settleOrder(tx, row.incidentId, row.orderId, at);
        }
      }
    }
    return effects;
  }

  /**
   * A dispute just opened on an order of an open incident. The listing's shared lock and the order's lock make it
   * take turns with a declaration on the listing and with the order joining an incident, so one of the two always
   * sees the other.
   */
  private async queueIfAffected(tx: Transaction, view: DisputeView, at: string): Promise<number> {
    await this.incidents.shareListing(tx, view.listingId);
    await this.incidents.lockOrder(tx, view.orderId);
    let queued = 0;
    for (const incidentId of await this.incidents.openIncidentsOfOrder(tx, view.orderId)) {
      queued += await this.incidents.queueDisputesOfOrders(tx, incidentId, view.sellerId, [view.orderId], at);
    }
    return queued;
  }

  /** Returns 1 when the proposal is queued again (refused only as stale). */
  private async answered(
    tx: Transaction,
    row: IncidentDisputeRow,
    answer: ProposalAnswer,
    view: DisputeView,
    at: string,
  ): Promise<number> {
    if (answer.kind === 'REJECTED') {
      if (answer.rule === 'STALE_VERSION' && row.attempts < MAX_STALE_ATTEMPTS) {
        await this.incidents.requeue(tx, row, at);
        return 1;
      }
      await this.incidents.markRefused(tx, [{ row, refusal: `${answer.rule}: ${answer.detail}` }], at);
      return 0;
    }
    const request = withdrawalRequest({
      orderId: row.orderId,
      amount: answer.proposal.refund ?? view.order.amount,
      buyerLocale: view.buyerLocale,
    });
    const posted = await this.messages.postIn(
      tx,
      view,
      { role: 'SELLER', id: view.sellerId },
      { body: request.body, locale: request.locale },
    );
    await this.incidents.markProposed(tx, row, answer.proposal.proposalId, posted.message.messageId, at);
    return 0;
  }
}
