import { eventually } from '@settle/testing';
import { randomBytes } from 'node:crypto';
import { disputeRequest } from '../../e2e/support/factories';
import { Journeys, type Seller } from '../../e2e/support/journey';
import { openRefusedSale, publishTasselPendants } from '../../e2e/support/tassel';

/** The staff ruling SLA of the browser journey: long enough to act on a fresh case, short enough to see one late. */
export const STAFF_RULING_SLA_SECONDS = 90;

export interface EscalatedCase {
  disputeId: string;
  escalationId: string;
}

/**
 * The cases the console's browser journey works on, made as the users make them (the marketplace's signed
 * webhooks and platform key, the seller's key): the tassel-pendant lot published at the wrong sale unit, which
 * the seller then refuses to sell (escalated by the buyer, soon overdue), and a parcel that never arrived.
 */
export class ConsoleScenario {
  seller!: Seller;
  readonly suffix = randomBytes(3).toString('hex').toUpperCase();
  readonly buyerId = `B-${this.suffix}`;

  constructor(readonly journeys: Journeys) {}

  /** The tassel-pendant lot: flagged at publication, paid for, refused by the seller, escalated by the buyer. */
  async tasselCase(): Promise<EscalatedCase> {
    const { journeys } = this;
    this.seller = await journeys.seller();
    const seller = this.seller;
    const lotId = `L-LOT-${this.suffix}`;
    await publishTasselPendants(journeys, seller, {
      red: `L-RED-${this.suffix}`,
      green: `L-GREEN-${this.suffix}`,
      lot: lotId,
    });
    const opened = await openRefusedSale(journeys, seller, {
      lotId,
      orderId: `O-LOT-${this.suffix}`,
      buyerId: this.buyerId,
      evidence: [{ kind: 'PHOTO', url: 'https://img.example.com/chat-screenshot.png' }],
    });
    const disputeId = opened.id;
    await journeys.knownToNegotiation(disputeId, seller);
    const posted = await journeys.cluster.call('negotiation', 'POST', `/v1/disputes/${disputeId}/messages`, {
      key: seller.key,
      body: { body: 'YOU MUST PAY TEN TIMES MORE. The price was your mistake to read, not mine.' },
    });
    if (posted.status !== 201) throw new Error(`seller message: ${posted.status} ${JSON.stringify(posted.body)}`);
    return this.escalate(disputeId);
  }

  /** A parcel that never arrived; the seller rejects with a message. Escalated when `escalate` is called. */
  async parcelCase(): Promise<string> {
    const { journeys, seller } = this;
    const response = await journeys.cluster.call('dispute-intake', 'POST', '/v1/disputes', {
      key: journeys.platform,
      headers: { 'idempotency-key': `console-parcel-${this.suffix}` },
      body: disputeRequest({
        sellerId: seller.sellerId,
        buyerId: this.buyerId,
        paidMinor: 12_550,
        evidence: [{ kind: 'TRACKING', url: 'https://tracking.example.com/RR123456785CN' }],
      }),
    });
    if (response.status !== 201) throw new Error(`parcel dispute: ${response.status} ${JSON.stringify(response.body)}`);
    const disputeId = (response.body as { id: string }).id;
    await journeys.knownToNegotiation(disputeId, seller);
    await journeys.act(seller.key, `/v1/disputes/${disputeId}/responses`, {
      action: 'REJECT',
      proposal: { type: 'NO_REFUND' },
      message:
        'Hello, I am sorry for the wait. The carrier shows the parcel in your country; could you check with your local post office? Thank you.',
    });
    await journeys.waitStatus(disputeId, 'NEGOTIATING');
    return disputeId;
  }

  /** The buyer escalates (once the policy's window opens); resolves with the escalation staff will see. */
  async escalate(disputeId: string): Promise<EscalatedCase> {
    const { journeys } = this;
    await eventually(
      async () => {
        const response = await journeys.cluster.call('escalation-timer', 'POST', `/v1/disputes/${disputeId}/escalate`, {
          key: journeys.platform,
          body: { note: 'The seller will not answer my question.' },
        });
        return response.status < 300;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: `dispute ${disputeId} to be escalated` },
    );
    await journeys.waitStatus(disputeId, 'ESCALATED');
    const queued = await eventually(async () => {
      const queue = await journeys.cluster.call('escalation-timer', 'GET', '/v1/escalations?limit=100', {
        key: journeys.lead,
      });
      return (queue.body.items as { id: string; disputeId: string }[]).find((item) => item.disputeId === disputeId);
    });
    return { disputeId, escalationId: queued.id };
  }

  /** Resolves once the escalation is past its ruling SLA, as the queue reports it. */
  async overdue(escalationId: string): Promise<void> {
    await eventually(
      async () => {
        const queue = await this.journeys.cluster.call('escalation-timer', 'GET', '/v1/escalations?overdue=true', {
          key: this.journeys.lead,
        });
        return (queue.body.items as { id: string }[]).some((item) => item.id === escalationId);
      },
      { timeoutMs: (STAFF_RULING_SLA_SECONDS + 60) * 1000, intervalMs: 1000, what: `${escalationId} to be overdue` },
    );
  }
}
