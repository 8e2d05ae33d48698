import { Topics, uuidv7, type EventEnvelope } from '@settle/contracts';
import { eventually } from '@settle/testing';
import {
  commandEnvelope,
  idempotencyKey,
  OPENED_AT,
  openBody,
  SELLER,
  startIntake,
  type IntakeHarness,
} from '../testing/intake-harness';

const DAY = 86_400_000;
const BUYER = { role: 'BUYER', id: 'B-42' };
const SELLER_ACTOR = { role: 'SELLER', id: SELLER };
const SYSTEM = { role: 'SYSTEM', id: 'escalation-timer' };
const STAFF = { role: 'STAFF', id: 'STAFF-7' };
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const at = (days: number) => new Date(Date.parse(OPENED_AT) + days * DAY);

describe('dispute-intake: the commands topic applies every arrow of the lifecycle, or refuses the command', () => {
  let h: IntakeHarness;

  beforeAll(async () => {
    h = await startIntake('intake_commands', { watch: [Topics.DISPUTE_EVENTS] });
  });

  afterAll(async () => {
    await h.close();
  });

  interface Dispute {
    id: string;
    version: number;
    status: string;
    proposals: { buyer: { proposalId: string } | null; seller: { proposalId: string } | null };
    deadlines: { kind: string; dueAt: string }[];
  }

  async function open(requested: 'REFUND_ONLY' | 'RETURN_AND_REFUND' = 'REFUND_ONLY', reason = {}): Promise<Dispute> {
    h.setNow(OPENED_AT);
    const body = openBody({ requested: { type: requested, refund: usd(999) }, ...reason });
    const response = await h.api('POST', '/v1/disputes', h.keys.platform, body, idempotencyKey());
    expect(response.status).toBe(201);
    return response.body;
  }

  async function get(id: string): Promise<Dispute & Record<string, any>> {
    return (await h.api('GET', `/v1/disputes/${id}`, h.keys.staff)).body;
  }

  /** Sends a command on the commands topic; resolves with the events it caused, once all of them are published. */
  async function send(
    type: string,
    dispute: Dispute,
    actor: { role: string; id: string },
    extra: Record<string, unknown> = {},
    expectedTypes: string[],
    expectedVersion = dispute.version,
  ): Promise<EventEnvelope[]> {
    const envelope = commandEnvelope(`dispute.command.${type}`, dispute.id, expectedVersion, actor, extra);
    await h.kafka.produce(Topics.DISPUTE_COMMANDS, [{ key: dispute.id, value: JSON.stringify(envelope) }]);
    return eventually(
      () => {
        const caused = h.kafka.events(Topics.DISPUTE_EVENTS).filter((event) => event.causationid === envelope.id);
        return caused.length >= expectedTypes.length ? caused : undefined;
      },
      { what: `the events of ${type}` },
    ).then((caused) => {
      expect(caused.map((event) => event.type)).toEqual(expectedTypes);
      return caused;
    });
  }

  /** Every event of the dispute on the topic, once each, versions 1..n in order. */
  function expectPublishedOnce(disputeId: string, types: string[]): void {
    const events = h.kafka
      .events(Topics.DISPUTE_EVENTS)
      .filter((event) => event.subject === disputeId && event.type !== 'dispute.command_rejected');
    expect(events.map((event) => event.type)).toEqual(types);
    expect(events.map((event) => event.aggregateversion)).toEqual(types.map((_, index) => index + 1));
  }

  it('AWAITING_SELLER → AGREED → RESOLVED: the seller accepts the buyer’s REFUND_ONLY', async () => {
    const dispute = await open();
    h.setNow(at(1));
    const events = await send('seller_accept', dispute, SELLER_ACTOR, { message: 'Sorry, refunding now.' }, [
      'dispute.seller_responded',
      'dispute.agreed',
      'dispute.resolved',
    ]);
    expect(events[0]?.data).toMatchObject({ action: 'ACCEPT', withinDeadline: true, version: 2 });
    expect(events[2]).toMatchObject({ aggregateversion: 4, sellerid: SELLER });
    expect(events[2]?.data).toMatchObject({
      status: 'RESOLVED',
      resolution: { outcome: 'REFUND_ONLY', refund: usd(999), by: 'AGREEMENT', inFavourOf: 'BUYER' },
    });
    const stored = await get(dispute.id);
    expect(stored).toMatchObject({ status: 'RESOLVED', version: 4, resolution: { outcome: 'REFUND_ONLY' } });
    expect(stored.history.map((event: { type: string }) => event.type)).toEqual([
      'dispute.opened',
      'dispute.seller_responded',
      'dispute.agreed',
      'dispute.resolved',
    ]);
    expectPublishedOnce(
      dispute.id,
      stored.history.map((event: { type: string }) => event.type),
    );
  });

  it('AWAITING_SELLER → NEGOTIATING → AWAITING_SELLER → NEGOTIATING → AGREED → AWAITING_RETURN → RETURN_IN_TRANSIT → RESOLVED', async () => {
    let dispute = await open('RETURN_AND_REFUND');
    h.setNow(at(1));
    const counter = uuidv7();
    await send(
      'seller_reject',
      dispute,
      SELLER_ACTOR,
      { proposal: { proposalId: counter, type: 'REFUND_ONLY', refund: usd(400) }, message: 'Half back, keep it?' },
      ['dispute.seller_responded'],
    );
    dispute = await get(dispute.id);
    expect(dispute.status).toBe('NEGOTIATING');

    h.setNow(at(2));
    const modified = uuidv7();
    const [submitted] = await send(
      'submit_proposal',
      dispute,
      BUYER,
      { proposal: { proposalId: modified, type: 'RETURN_AND_REFUND', refund: usd(900) } },
      ['dispute.proposal_submitted'],
    );
    expect(submitted?.data).toMatchObject({ status: 'AWAITING_SELLER', sellerClockRestarted: true });
    dispute = await get(dispute.id);
    expect(dispute.deadlines.find((d) => d.kind === 'SELLER_RESPONSE')?.dueAt).toBe(at(7).toISOString());

    h.setNow(at(3));
    const second = uuidv7();
    await send(
      'seller_reject',
      dispute,
      SELLER_ACTOR,
      { proposal: { proposalId: second, type: 'RETURN_AND_REFUND', refund: usd(800) }, message: 'Return it for 8.00?' },
      ['dispute.seller_responded'],
    );
    dispute = await get(dispute.id);
    const [agreed, requested] = await send('accept_proposal', dispute, BUYER, { proposalId: second }, [
      'dispute.agreed',
      'dispute.return_requested',
    ]);
    expect(agreed?.data).toMatchObject({ status: 'AGREED', proposal: { proposalId: second } });
    expect(requested?.data).toMatchObject({ status: 'AWAITING_RETURN', refund: usd(800) });

    dispute = await get(dispute.id);
    h.setNow(at(4));
    await send(
      'mark_return_shipped',
      dispute,
      BUYER,
      { carrier: 'La Poste', trackingNumber: 'LP123', shippedAt: at(4).toISOString() },
      ['dispute.return_shipped'],
    );
    dispute = await get(dispute.id);
    expect(dispute.status).toBe('RETURN_IN_TRANSIT');
    h.setNow(at(9));
    const [, resolved] = await send(
      'mark_return_received',
      dispute,
      SELLER_ACTOR,
      { condition: 'AS_EXPECTED', receivedAt: at(9).toISOString() },
      ['dispute.return_received', 'dispute.resolved'],
    );
    expect(resolved?.data).toMatchObject({ resolution: { outcome: 'RETURN_AND_REFUND', refund: usd(800) } });
    const stored = await get(dispute.id);
    expect(stored.status).toBe('RESOLVED');
    expectPublishedOnce(
      dispute.id,
      stored.history.map((event: { type: string }) => event.type),
    );
  });

  it('AWAITING_SELLER → AGREED (auto): the seller deadline passes; AWAITING_RETURN → RESOLVED when the return is never shipped', async () => {
    let dispute = await open('RETURN_AND_REFUND');
    const proposalId = dispute.proposals.buyer?.proposalId;
    h.setNow(at(5));
    const [auto] = await send('auto_accept', dispute, SYSTEM, { deadlineId: uuidv7(), proposalId }, [
      'dispute.auto_accepted',
      'dispute.return_requested',
    ]);
    expect(auto?.data).toMatchObject({ status: 'AGREED', proposal: { proposalId } });
    dispute = await get(dispute.id);
    h.setNow(at(15));
    const [resolved] = await send('expire_return_shipment', dispute, SYSTEM, { deadlineId: uuidv7() }, [
      'dispute.resolved',
    ]);
    expect(resolved?.data).toMatchObject({
      resolution: { outcome: 'SELLER_FAVOUR', by: 'DEADLINE', inFavourOf: 'SELLER' },
    });
  });

  it('RETURN_IN_TRANSIT → RESOLVED when the receipt deadline passes, and → ESCALATED when the seller reports a problem', async () => {
    for (const outcome of ['deadline', 'problem'] as const) {
      let dispute = await open('RETURN_AND_REFUND');
      h.setNow(at(1));
      await send('seller_accept', dispute, SELLER_ACTOR, {}, [
        'dispute.seller_responded',
        'dispute.agreed',
        'dispute.return_requested',
      ]);
      dispute = await get(dispute.id);
      h.setNow(at(2));
      await send(
        'mark_return_shipped',
        dispute,
        BUYER,
        { carrier: 'La Poste', trackingNumber: 'LP9', shippedAt: at(2).toISOString() },
        ['dispute.return_shipped'],
      );
      dispute = await get(dispute.id);
      if (outcome === 'deadline') {
        h.setNow(at(17));
        const [resolved] = await send('expire_return_receipt', dispute, SYSTEM, { deadlineId: uuidv7() }, [
          'dispute.resolved',
        ]);
        expect(resolved?.data).toMatchObject({ resolution: { outcome: 'RETURN_AND_REFUND', refund: usd(999) } });
      } else {
        h.setNow(at(5));
        const [, escalated] = await send(
          'mark_return_received',
          dispute,
          SELLER_ACTOR,
          { condition: 'EMPTY_OR_DIFFERENT', receivedAt: at(5).toISOString(), note: 'Box was empty.' },
          ['dispute.return_received', 'dispute.escalated'],
        );
        expect(escalated?.data).toMatchObject({ status: 'ESCALATED', cause: 'RETURN_PROBLEM' });
      }
    }
  });

  it('→ ESCALATED by the buyer inside the window (refused before it), then RESOLVED by a staff ruling', async () => {
    let dispute = await open();
    h.setNow(at(1));
    const [early] = await send('escalate', dispute, BUYER, { cause: 'BUYER_REQUEST' }, ['dispute.command_rejected']);
    expect(early?.data).toMatchObject({ type: 'ESCALATION_TOO_EARLY', category: 'RULE_VIOLATION', version: 1 });
    h.setNow(at(4));
    const [escalated] = await send('escalate', dispute, BUYER, { cause: 'BUYER_REQUEST' }, ['dispute.escalated']);
    expect(escalated?.data).toMatchObject({ status: 'ESCALATED', cause: 'BUYER_REQUEST' });
    dispute = await get(dispute.id);
    h.setNow(at(5));
    const rulingId = uuidv7();
    const [ruled, resolved] = await send(
      'record_ruling',
      dispute,
      STAFF,
      {
        ruling: {
          rulingId,
          outcome: 'PARTIAL_REFUND',
          refund: usd(500),
          rationale: 'Six of ten pendants arrived.',
          citations: [{ kind: 'EVIDENCE', ref: 'photo-1' }],
        },
      },
      ['dispute.ruled', 'dispute.resolved'],
    );
    expect(ruled?.data).toMatchObject({ ruling: { rulingId, outcome: 'PARTIAL_REFUND', ruledBy: 'STAFF-7' } });
    expect(resolved?.data).toMatchObject({ resolution: { by: 'RULING', rulingId, inFavourOf: 'SHARED' } });
    const stored = await get(dispute.id);
    expect(stored.ruling).toMatchObject({ rulingId });
    expectPublishedOnce(
      dispute.id,
      stored.history.map((event: { type: string }) => event.type),
    );
  });

  it('→ ESCALATED when the intervention deadline passes; ESCALATED → AGREED when the parties still agree', async () => {
    let dispute = await open();
    h.setNow(at(1));
    const counter = uuidv7();
    await send(
      'seller_reject',
      dispute,
      SELLER_ACTOR,
      { proposal: { proposalId: counter, type: 'RESEND' }, message: 'I will send another lot.' },
      ['dispute.seller_responded'],
    );
    dispute = await get(dispute.id);
    h.setNow(at(7));
    await send('escalate', dispute, SYSTEM, { cause: 'INTERVENTION_DEADLINE', deadlineId: uuidv7() }, [
      'dispute.escalated',
    ]);
    dispute = await get(dispute.id);
    expect(dispute.status).toBe('ESCALATED');
    const [agreed, resolved] = await send('accept_proposal', dispute, BUYER, { proposalId: counter }, [
      'dispute.agreed',
      'dispute.resolved',
    ]);
    expect(agreed?.data).toMatchObject({ previousStatus: 'ESCALATED', status: 'AGREED' });
    expect(resolved?.data).toMatchObject({ resolution: { outcome: 'RESEND', inFavourOf: 'SHARED' } });
  });

  it('records a deadline adjustment, and a cancel from the platform', async () => {
    let dispute = await open();
    h.setNow(at(1));
    const [adjusted] = await send(
      'record_deadline_adjustment',
      dispute,
      STAFF,
      {
        adjustment: {
          deadlineId: uuidv7(),
          kind: 'SELLER_RESPONSE',
          action: 'EXTEND',
          reasonCode: 'CARRIER_EXCEPTION',
          dueAt: at(8).toISOString(),
        },
      },
      ['dispute.deadline_adjusted'],
    );
    expect(adjusted?.data).toMatchObject({ adjustment: { action: 'EXTEND', dueAt: at(8).toISOString() } });
    dispute = await get(dispute.id);
    expect(dispute.deadlines.find((d) => d.kind === 'SELLER_RESPONSE')?.dueAt).toBe(at(8).toISOString());
    const [cancelled] = await send('cancel', dispute, { role: 'PLATFORM', id: 'marketplace' }, { reason: 'Solved.' }, [
      'dispute.cancelled',
    ]);
    expect(cancelled?.data).toMatchObject({ status: 'CANCELLED', reason: 'Solved.' });
  });

  it('refuses a stale version with dispute.command_rejected, changing nothing', async () => {
    const dispute = await open();
    h.setNow(at(1));
    const [rejected] = await send('seller_accept', dispute, SELLER_ACTOR, {}, ['dispute.command_rejected'], 0 + 3);
    expect(rejected).toMatchObject({ subject: dispute.id, aggregateversion: 1 });
    expect(rejected?.data).toMatchObject({
      disputeId: dispute.id,
      commandType: 'dispute.command.seller_accept',
      type: 'STALE_VERSION',
      category: 'STATE_CONFLICT',
      status: 'AWAITING_SELLER',
      version: 1,
      expectedVersion: 3,
    });
    expect(await get(dispute.id)).toMatchObject({ status: 'AWAITING_SELLER', version: 1 });
    // Another seller, a wrong actor, and an unknown dispute are refused too.
    const [notParty] = await send('seller_accept', dispute, { role: 'SELLER', id: 'S-9' }, {}, [
      'dispute.command_rejected',
    ]);
    expect(notParty?.data).toMatchObject({ type: 'NOT_A_PARTY', category: 'NOT_A_PARTY' });
    const [missing] = await send('seller_accept', { ...dispute, id: uuidv7() }, SELLER_ACTOR, {}, [
      'dispute.command_rejected',
    ]);
    expect(missing?.data).toMatchObject({ type: 'DISPUTE_NOT_FOUND' });
    expect((missing?.data as { version?: number }).version).toBeUndefined();
  });

  it('applies a redelivered command once (same envelope, or the same commandId in a new envelope)', async () => {
    const dispute = await open();
    h.setNow(at(1));
    const envelope = commandEnvelope('dispute.command.seller_accept', dispute.id, 1, SELLER_ACTOR);
    const copy = commandEnvelope('dispute.command.seller_accept', dispute.id, 1, SELLER_ACTOR, {
      commandId: (envelope.data as { commandId: string }).commandId,
    });
    const message = { key: dispute.id, value: JSON.stringify(envelope) };
    await h.kafka.produce(Topics.DISPUTE_COMMANDS, [
      message,
      message,
      { key: dispute.id, value: JSON.stringify(copy) },
    ]);
    // A marker command after them: once it is refused (stale), the three before it have been handled.
    const marker = commandEnvelope('dispute.command.cancel', dispute.id, 1, BUYER);
    await h.kafka.produce(Topics.DISPUTE_COMMANDS, [{ key: dispute.id, value: JSON.stringify(marker) }]);
    await eventually(() => h.kafka.events(Topics.DISPUTE_EVENTS).find((event) => event.causationid === marker.id), {
      what: 'the marker’s refusal',
    });
    const stored = await get(dispute.id);
    expect(stored.version).toBe(4);
    expectPublishedOnce(dispute.id, [
      'dispute.opened',
      'dispute.seller_responded',
      'dispute.agreed',
      'dispute.resolved',
    ]);
    expect(h.kafka.events(Topics.DISPUTE_EVENTS).filter((event) => event.causationid === copy.id)).toEqual([]);
  });
});
