import { EventType, Topics, uuidv7, type EventEnvelope } from '@settle/contracts';
import { sampleEnvelope, samplePayload } from '@settle/contracts/testing';
import {
  eventually,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { DataSource } from 'typeorm';
import { disputeOpened, publish, writePolicyFile } from '../../test/timer-harness';
import { AppModule } from '../app.module';
import { EscalationTimerService } from '../service';

const HOUR = 3_600_000;

interface Prediction {
  outcome: string;
  sellerPenalised: boolean;
  facts: { code: string; favours: string; statement: string; citation: { kind: string; ref: string; note?: string } }[];
}

/**
 * A seller's prompt supply incident in the predicted ruling (issue 19, point 4), against the real broker and
 * database: the test plays negotiation (the incident on the listing topic, its refund offer on the order topic) and
 * dispute-intake (dispute.opened), and reads the prediction the seller and staff see.
 */
describe('escalation-timer: the predicted ruling cites a prompt supply incident (real Kafka and Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let db: DataSource;
  let sellerKey: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('timer_incidents', { SETTLE_POLICY_FILE: writePolicyFile() });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([
      Topics.DISPUTE_EVENTS,
      Topics.ORDER_EVENTS,
      Topics.MESSAGE_EVENTS,
      Topics.LISTING_EVENTS,
    ]);
    service = await startService(AppModule, EscalationTimerService);
    db = service.app.get(DataSource);
    sellerKey = await service.createKey('seller', 'S-1');
  });

  afterAll(async () => {
    await service?.close();
    await kafka?.close();
    await environment?.cleanup();
  });

  const prediction = async (disputeId: string): Promise<Prediction> => {
    const response = await service.call('GET', `/v1/disputes/${disputeId}/predicted-ruling`, sellerKey);
    expect(response.status).toBe(200);
    return (await response.json()) as Prediction;
  };
  const incidentFacts = (body: Prediction) => body.facts.filter((fact) => fact.code === 'SUPPLY_INCIDENT_DECLARED');

  const refusedSale = (openedAt: number) =>
    disputeOpened({
      reason: 'SELLER_REFUSED_SALE',
      subReason: 'OUT_OF_STOCK',
      sellerId: 'S-1',
      openedAt,
      order: { shippedAt: undefined, trackingNumber: undefined, carrier: undefined, trackingStatus: undefined },
    });
  const orderOf = (opened: EventEnvelope) => (opened.data as { orderId: string }).orderId;

  const incidentOpened = (incidentId: string, openedAt: number) =>
    sampleEnvelope(EventType.LISTING_SUPPLY_INCIDENT_OPENED, {
      ...samplePayload(EventType.LISTING_SUPPLY_INCIDENT_OPENED),
      incidentId,
      sellerId: 'S-1',
      openedAt: new Date(openedAt).toISOString(),
    });
  const refundOffered = (incidentId: string, orderId: string, offeredAt: number) =>
    sampleEnvelope(EventType.ORDER_REFUND_OFFERED, {
      ...samplePayload(EventType.ORDER_REFUND_OFFERED),
      incidentId,
      orderId,
      sellerId: 'S-1',
      offeredAt: new Date(offeredAt).toISOString(),
    });

  it('cites an incident declared before the dispute, once whatever is redelivered, and still after it closes', async () => {
    const now = Date.now();
    const incidentId = uuidv7();
    const opened = refusedSale(now);
    const disputeId = opened.subject;
    const declared = incidentOpened(incidentId, now - 2 * HOUR);
    const offered = refundOffered(incidentId, orderOf(opened), now - 2 * HOUR);
    await publish(kafka, declared, declared);
    await publish(kafka, offered, offered);
    await publish(kafka, opened);

    const cited = await eventually(
      async () => {
        const body = await prediction(disputeId);
        return incidentFacts(body).length > 0 ? body : undefined;
      },
      { what: 'the prediction citing the incident' },
    );
    expect(cited.sellerPenalised).toBe(false);
    expect(incidentFacts(cited)).toEqual([
      {
        code: 'SUPPLY_INCIDENT_DECLARED',
        favours: 'SELLER',
        statement: expect.stringMatching(/SUPPLIER_FAILED.*2 h before the dispute was opened.*good faith/),
        citation: {
          kind: 'POLICY_RULE',
          ref: `supply-incident:${incidentId}`,
          note: 'declared 2 h before the dispute was opened; FULL_REFUND',
        },
      },
    ]);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM supply_incidents WHERE incident_id = $1`, [incidentId]),
    ).toEqual([{ n: 1 }]);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM supply_incident_orders WHERE incident_id = $1`, [incidentId]),
    ).toEqual([{ n: 1 }]);

    // Restocked after the dispute was opened: the declaration still stands for that dispute.
    await publish(
      kafka,
      sampleEnvelope(EventType.LISTING_SUPPLY_INCIDENT_CLOSED, {
        ...samplePayload(EventType.LISTING_SUPPLY_INCIDENT_CLOSED),
        incidentId,
        sellerId: 'S-1',
        closedAt: new Date(now + HOUR).toISOString(),
      }),
    );
    await eventually(
      async () =>
        (await db.query(`SELECT closed_at FROM supply_incidents WHERE incident_id = $1`, [incidentId]))[0]
          ?.closed_at !== null,
      { what: 'the incident closed' },
    );
    expect(incidentFacts(await prediction(disputeId))).toHaveLength(1);
  });

  it('a declaration more than 24 h after the dispute is not cited, nor an incident that never reached the order', async () => {
    const now = Date.now();
    const late = uuidv7();
    const lateDispute = refusedSale(now - 30 * HOUR);
    const otherDispute = refusedSale(now);
    await publish(kafka, incidentOpened(late, now));
    await publish(kafka, refundOffered(late, orderOf(lateDispute), now));
    await publish(kafka, lateDispute, otherDispute);
    await eventually(
      async () =>
        (await db.query(`SELECT 1 FROM supply_incident_orders WHERE incident_id = $1`, [late])).length === 1 &&
        (await db.query(`SELECT 1 FROM supply_incidents WHERE incident_id = $1`, [late])).length === 1,
      { what: 'the late incident and its order recorded' },
    );
    const latePrediction = await prediction(lateDispute.subject);
    expect(latePrediction.outcome).toBe('REFUND_BUYER');
    expect(incidentFacts(latePrediction)).toEqual([]);
    expect(incidentFacts(await prediction(otherDispute.subject))).toEqual([]);
  });
});
