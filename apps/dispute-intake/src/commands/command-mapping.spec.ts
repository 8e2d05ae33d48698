import { CommandType, uuidv7, type DisputeCommandPayload } from '@settle/contracts';
import { DEFAULT_POLICY, open, type Dispute } from '@settle/dispute-lifecycle';
import { mapCommand } from './command-mapping';

function dispute(): Dispute {
  const result = open(
    {
      disputeId: uuidv7(),
      orderId: 'O-1',
      buyerId: 'B-1',
      sellerId: 'S-1',
      listingId: 'L-1',
      reason: 'NOT_RECEIVED',
      subReason: 'NO_TRACKING_UPDATE',
      requested: { type: 'REFUND_ONLY', refund: { amountMinor: 500, currency: 'USD' } },
      order: {
        amount: { amountMinor: 500, currency: 'USD' },
        paidAt: '2025-06-27T08:00:00.000Z',
        shippedAt: '2025-06-28T10:00:00.000Z',
        promisedDeliveryDays: 20,
        buyerCountry: 'US',
        sellerCountry: 'CN',
      },
      proposalId: uuidv7(),
    },
    new Date('2025-07-11T10:00:00.000Z'),
    DEFAULT_POLICY,
  );
  if (!result.ok) throw new Error(result.rejection.detail);
  return result.dispute;
}

const payload = (d: Dispute, actor: { role: string; id: string }, extra: Record<string, unknown> = {}) =>
  ({
    commandId: uuidv7(),
    disputeId: d.id,
    expectedVersion: 1,
    actor,
    issuedAt: '2025-07-12T00:00:00Z',
    ...extra,
  }) as unknown as DisputeCommandPayload;

describe('mapCommand', () => {
  const d = dispute();

  it('maps the seller’s accept to SELLER_RESPOND, or to ACCEPT_PROPOSAL when it names the proposal', () => {
    const plain = mapCommand(CommandType.SELLER_ACCEPT, payload(d, { role: 'SELLER', id: 'S-1' }), d);
    expect(plain).toMatchObject({
      ok: true,
      command: { type: 'SELLER_RESPOND', action: 'ACCEPT', expectedVersion: 1 },
    });
    const named = mapCommand(
      CommandType.SELLER_ACCEPT,
      payload(d, { role: 'SELLER', id: 'S-1' }, { proposalId: d.currentBuyerProposal?.proposalId }),
      d,
    );
    expect(named).toMatchObject({ ok: true, command: { type: 'ACCEPT_PROPOSAL' } });
  });

  it('maps deadline commands to DEADLINE_PASSED of the right kind, carrying the deadline id to the event', () => {
    const deadlineId = uuidv7();
    const escalate = mapCommand(
      CommandType.ESCALATE,
      payload(d, { role: 'SYSTEM', id: 'timer' }, { cause: 'INTERVENTION_DEADLINE', deadlineId }),
      d,
    );
    expect(escalate).toMatchObject({
      ok: true,
      command: { type: 'DEADLINE_PASSED', kind: 'PLATFORM_INTERVENTION' },
      facts: { deadlineId },
    });
    for (const [type, kind] of [
      [CommandType.EXPIRE_RETURN_SHIPMENT, 'RETURN_SHIPMENT'],
      [CommandType.EXPIRE_RETURN_RECEIPT, 'RETURN_RECEIPT'],
    ] as const) {
      expect(mapCommand(type, payload(d, { role: 'SYSTEM', id: 't' }, { deadlineId }), d)).toMatchObject({
        command: { type: 'DEADLINE_PASSED', kind },
      });
    }
  });

  it('refuses an auto-accept that ran for a proposal the buyer has since replaced', () => {
    const result = mapCommand(
      CommandType.AUTO_ACCEPT,
      payload(d, { role: 'SYSTEM', id: 't' }, { deadlineId: uuidv7(), proposalId: uuidv7() }),
      d,
    );
    expect(result).toMatchObject({ ok: false, refusal: { type: 'PROPOSAL_SUPERSEDED', category: 'STATE_CONFLICT' } });
  });

  it('lets the platform act for the buyer, and passes the buyer’s tracking to an escalation', () => {
    const cancel = mapCommand(CommandType.CANCEL, payload(d, { role: 'PLATFORM', id: 'mp' }, { reason: 'x' }), d);
    expect(cancel).toMatchObject({
      ok: true,
      command: { type: 'CANCEL', actor: { role: 'BUYER', id: 'B-1' }, reason: 'x' },
      facts: { actor: { role: 'PLATFORM', id: 'mp' } },
    });
    const escalate = mapCommand(
      CommandType.ESCALATE,
      payload(d, { role: 'BUYER', id: 'B-1' }, { cause: 'BUYER_REQUEST' }),
      d,
      { trackingStatus: 'IN_TRANSIT' },
    );
    expect(escalate).toMatchObject({
      ok: true,
      command: { type: 'ESCALATE', tracking: { trackingStatus: 'IN_TRANSIT' } },
    });
  });

  it('maps a ruling and a deadline extension with their facts', () => {
    const rulingId = uuidv7();
    const ruling = mapCommand(
      CommandType.RECORD_RULING,
      payload(
        d,
        { role: 'STAFF', id: 'st' },
        {
          ruling: {
            rulingId,
            outcome: 'PARTIAL_REFUND',
            refund: { amountMinor: 100, currency: 'USD' },
            rationale: 'r',
            citations: [{ kind: 'EVIDENCE', ref: 'e', note: 'n' }],
          },
        },
      ),
      d,
    );
    expect(ruling).toMatchObject({
      ok: true,
      command: { type: 'RULE', outcome: 'PARTIAL_REFUND', citations: [{ kind: 'EVIDENCE', ref: 'e' }] },
      facts: { rulingId, citations: [{ kind: 'EVIDENCE', ref: 'e', note: 'n' }] },
    });
    const extend = mapCommand(
      CommandType.RECORD_DEADLINE_ADJUSTMENT,
      payload(
        d,
        { role: 'STAFF', id: 'st' },
        {
          adjustment: {
            deadlineId: uuidv7(),
            kind: 'SELLER_RESPONSE',
            action: 'EXTEND',
            reasonCode: 'PLATFORM_OUTAGE',
            dueAt: '2025-07-20T00:00:00.000Z',
          },
        },
      ),
      d,
    );
    expect(extend).toMatchObject({
      command: { type: 'ADJUST_DEADLINE', action: 'EXTEND', until: '2025-07-20T00:00:00.000Z' },
    });
  });
});
