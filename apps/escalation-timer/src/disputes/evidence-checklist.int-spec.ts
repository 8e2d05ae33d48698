import { EventType, Topics } from '@settle/contracts';
import {
  eventually,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { DataSource } from 'typeorm';
import { at, deadlineEventsOf, disputeOpened, evidenceAdded, publish, writePolicyFile } from '../../test/timer-harness';
import { AppModule } from '../app.module';
import { EscalationTimerService } from '../service';

const SELLER = { role: 'SELLER', id: 'S-1' };
const PROOF = 'SELLER_PROOF_OF_POSTING';
const PROOF_REF = `evidence-checklist:NO_TRACKING_UPDATE:${PROOF}`;

/**
 * The evidence checklist in the timer (issue 16, point 5), against the real broker and database: the test plays
 * dispute-intake (dispute.opened, evidence.added) and reads the seller's reminders and the predicted ruling.
 */
describe('escalation-timer evidence checklist (real Kafka and Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let db: DataSource;
  let sellerKey: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('timer_evidence', { SETTLE_POLICY_FILE: writePolicyFile() });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.ORDER_EVENTS, Topics.MESSAGE_EVENTS]);
    await kafka.watch([Topics.DEADLINE_EVENTS]);
    service = await startService(AppModule, EscalationTimerService);
    db = service.app.get(DataSource);
    sellerKey = await service.createKey('seller', 'S-1');
  });

  afterAll(async () => {
    await service?.close();
    await kafka?.close();
    await environment?.cleanup();
  });

  const prediction = async (disputeId: string) => {
    const response = await service.call('GET', `/v1/disputes/${disputeId}/predicted-ruling`, sellerKey);
    expect(response.status).toBe(200);
    return (await response.json()) as { facts: { code: string; citation: { ref: string } }[] };
  };
  const cited = (body: { facts: { citation: { ref: string } }[] }) => body.facts.map((fact) => fact.citation.ref);

  it('reminds the seller of a parcel not received that its tracking is missing, and the prediction cites it until the seller adds it', async () => {
    const opened = disputeOpened({ reason: 'NOT_RECEIVED', subReason: 'NO_TRACKING_UPDATE', sellerId: 'S-1' });
    const disputeId = opened.subject;
    await publish(kafka, opened);

    const reminder = await eventually(() => deadlineEventsOf(kafka, disputeId, EventType.DEADLINE_REMINDER)[0], {
      what: 'the seller reminder',
    });
    expect(reminder.data).toMatchObject({ party: 'SELLER', evidenceChecklist: { missing: [PROOF] } });
    expect(reminder.data.evidenceChecklist.items).toEqual([
      expect.objectContaining({ id: PROOF, party: 'SELLER', provided: false, evidenceIds: [] }),
    ]);
    const before = await prediction(disputeId);
    expect(before.facts).toContainEqual(
      expect.objectContaining({
        code: 'SELLER_EVIDENCE_MISSING',
        citation: expect.objectContaining({ ref: PROOF_REF }),
      }),
    );

    // The seller's tracking, delivered twice (a redelivery, then the same evidence in another envelope): one row.
    const tracking = evidenceAdded(disputeId, { kind: 'TRACKING', addedBy: SELLER, contentType: 'application/pdf' });
    await publish(kafka, tracking, tracking);
    await publish(kafka, evidenceAdded(disputeId, { ...(tracking.data as object), addedBy: SELLER }));
    await eventually(async () => !cited(await prediction(disputeId)).includes(PROOF_REF), {
      what: 'the prediction without the missing tracking',
    });
    const rows = await db.query(`SELECT evidence_id, kind, added_by_role FROM dispute_evidence WHERE dispute_id = $1`, [
      disputeId,
    ]);
    expect(rows).toEqual([
      { evidence_id: (tracking.data as { evidenceId: string }).evidenceId, kind: 'TRACKING', added_by_role: 'SELLER' },
    ]);
  });

  it('a reminder after the seller added its tracking lists it as provided, nothing missing', async () => {
    const openedAt = Date.now();
    const opened = disputeOpened({
      reason: 'NOT_RECEIVED',
      subReason: 'NO_TRACKING_UPDATE',
      sellerId: 'S-1',
      openedAt,
      deadlines: [{ kind: 'SELLER_RESPONSE', dueAt: at(openedAt, 6) }],
    });
    const disputeId = opened.subject;
    const tracking = evidenceAdded(disputeId, { kind: 'TRACKING', addedBy: SELLER, contentType: 'application/pdf' });
    // Tracking the buyer added counts for the buyer, never as the seller's proof.
    await publish(kafka, opened, tracking, evidenceAdded(disputeId, { kind: 'TRACKING' }));

    const reminder = await eventually(() => deadlineEventsOf(kafka, disputeId, EventType.DEADLINE_REMINDER)[0], {
      what: 'the seller reminder',
    });
    expect(reminder.data.evidenceChecklist).toEqual({
      items: [
        expect.objectContaining({
          id: PROOF,
          provided: true,
          evidenceIds: [(tracking.data as { evidenceId: string }).evidenceId],
        }),
      ],
      missing: [],
    });
  });
});
