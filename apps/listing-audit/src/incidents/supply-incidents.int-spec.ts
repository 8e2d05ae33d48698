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
import { AppModule } from '../app.module';
import { cleanListing } from '../rules/spec-fixtures';
import { ListingAuditService } from '../service';

interface AuditView {
  auditId: string;
  trigger: string;
  verdict: string;
  findings: { ruleId: string; severity: string; field: string; message: string; fix: string }[];
}

/**
 * Supply incidents in listing-audit (issue 19, point 2), against the real broker and database: the test plays
 * negotiation on the listing topic and reads what the seller sees (GET /v1/listings, the listing's audits).
 */
describe('listing-audit: a supply incident marks its listing until it closes (real Kafka + Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let db: DataSource;
  const sellerId = `S-${uuidv7().slice(-8)}`;
  let keys: { platform: string; seller: string };

  beforeAll(async () => {
    environment = await isolatedEnvironment('listing_audit_incidents', { AUDIT_IMAGES: 'off' });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.watch([Topics.LISTING_EVENTS]);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS]);
    service = await startService(AppModule, ListingAuditService);
    db = service.app.get(DataSource);
    keys = { platform: await service.createKey('platform'), seller: await service.createKey('seller', sellerId) };
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await environment?.cleanup();
  });

  const audited = (listingId: string, trigger: string): EventEnvelope<AuditView>[] =>
    kafka
      .events(Topics.LISTING_EVENTS)
      .filter(
        (event) =>
          event.type === EventType.LISTING_AUDITED &&
          event.subject === listingId &&
          (event.data as AuditView).trigger === trigger,
      ) as EventEnvelope<AuditView>[];

  const incidentEvent = <T extends EventType>(type: T, listingId: string, incidentId: string, patch: object = {}) =>
    sampleEnvelope(type, {
      ...samplePayload(type),
      incidentId,
      listingId,
      sellerId,
      ...patch,
    });

  const produce = (...envelopes: EventEnvelope[]) =>
    kafka.produce(
      Topics.LISTING_EVENTS,
      envelopes.map((envelope) => ({ key: envelope.subject, value: JSON.stringify(envelope) })),
    );

  const summaryOf = async (listingId: string) => {
    const response = await service.call('GET', '/v1/listings?limit=200', keys.seller);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { listingId: string; flagged: boolean; audit: AuditView }[] };
    return body.items.find((item) => item.listingId === listingId);
  };
  const incidentFindings = (audit: AuditView | undefined) =>
    (audit?.findings ?? []).filter((finding) => finding.ruleId === 'SUPPLY_INCIDENT_ACTIVE');

  async function seedListing(listingId: string, title?: string): Promise<void> {
    const { status: _status, ...listing } = cleanListing({ listingId, sellerId, ...(title ? { title } : {}) });
    const response = await service.call('POST', '/v1/listing-audits', keys.platform, listing);
    expect(response.status).toBe(200);
  }

  it('marks the listing with SUPPLY_INCIDENT_ACTIVE from the opening to the closing, once per event whatever is redelivered', async () => {
    const listingId = `L-X36-${uuidv7().slice(-8)}`;
    const incidentId = uuidv7();
    await seedListing(listingId);
    expect(incidentFindings((await summaryOf(listingId))?.audit)).toEqual([]);

    const opened = incidentEvent(EventType.LISTING_SUPPLY_INCIDENT_OPENED, listingId, incidentId, {
      skuIds: [],
      expectedRestockAt: '2030-03-20T00:00:00.000Z',
    });
    // The opening delivered twice (a redelivery): one incident, one re-audit.
    await produce(opened, opened);
    const first = await eventually(() => audited(listingId, 'SUPPLY_INCIDENT')[0], { what: 'the incident re-audit' });
    expect(first.data.verdict).toBe('WARN');
    expect(incidentFindings(first.data)).toEqual([
      expect.objectContaining({
        severity: 'WARN',
        field: 'skus',
        message: expect.stringContaining(`Supply incident ${incidentId} (SUPPLIER_FAILED)`),
        fix: expect.stringContaining('Close the incident once restocked'),
      }),
    ]);
    expect(first.data.findings[0]?.message).toContain('restock expected 2030-03-20T00:00:00.000Z');

    // The seller's listings and the listing's audits show it.
    const summary = await summaryOf(listingId);
    expect(summary).toMatchObject({
      flagged: false,
      audit: { auditId: first.data.auditId, trigger: 'SUPPLY_INCIDENT' },
    });
    expect(incidentFindings(summary?.audit)).toHaveLength(1);
    const history = (await (await service.call('GET', `/v1/listings/${listingId}/audits`, keys.seller)).json()) as {
      items: AuditView[];
    };
    expect(incidentFindings(history.items[0])).toHaveLength(1);

    // A new restock date: the finding says it. Same key, same partition: the redelivered opening was handled before.
    await produce(
      incidentEvent(EventType.LISTING_SUPPLY_INCIDENT_UPDATED, listingId, incidentId, {
        expectedRestockAt: '2030-04-01T00:00:00.000Z',
      }),
    );
    await eventually(() => audited(listingId, 'SUPPLY_INCIDENT').length === 2, { what: 'the re-audit of the update' });
    expect(audited(listingId, 'SUPPLY_INCIDENT')[1]?.data.findings[0]?.message).toContain(
      'restock expected 2030-04-01T00:00:00.000Z',
    );

    // Any other audit while the incident is open carries the finding too (the seller edits the title).
    await seedListing(listingId, 'Tassel pendant, red silk thread, 8 cm long');
    expect(incidentFindings((await summaryOf(listingId))?.audit)).toHaveLength(1);

    const closed = incidentEvent(EventType.LISTING_SUPPLY_INCIDENT_CLOSED, listingId, incidentId);
    await produce(closed, closed);
    await eventually(() => audited(listingId, 'SUPPLY_INCIDENT').length === 3, { what: 'the re-audit of the closing' });
    const after = await summaryOf(listingId);
    expect(after?.audit).toMatchObject({ trigger: 'SUPPLY_INCIDENT', verdict: 'PASS' });
    expect(incidentFindings(after?.audit)).toEqual([]);

    // The redelivered closing, then a later event on the same partition: nothing more was audited for the incident.
    await produce(closed, incidentEvent(EventType.LISTING_SUPPLY_INCIDENT_OPENED, listingId, uuidv7()));
    await eventually(() => audited(listingId, 'SUPPLY_INCIDENT').length === 4, { what: 'the next incident' });
    const rows = await db.query<{ incident_id: string; closed_at: Date | null }[]>(
      `SELECT incident_id, closed_at FROM supply_incidents WHERE listing_id = $1 ORDER BY opened_at, incident_id`,
      [listingId],
    );
    expect(rows.filter((row) => row.incident_id === incidentId)).toEqual([
      { incident_id: incidentId, closed_at: expect.any(Date) },
    ]);
    expect(rows.filter((row) => row.closed_at === null)).toHaveLength(1);
  });

  it('keeps an incident on a listing it has not seen yet, and the listing’s first audit carries it', async () => {
    const listingId = `L-X36-${uuidv7().slice(-8)}`;
    const incidentId = uuidv7();
    await produce(incidentEvent(EventType.LISTING_SUPPLY_INCIDENT_OPENED, listingId, incidentId));
    await eventually(
      async () => (await db.query(`SELECT 1 FROM supply_incidents WHERE incident_id = $1`, [incidentId])).length === 1,
      { what: 'the incident recorded' },
    );
    expect(audited(listingId, 'SUPPLY_INCIDENT')).toEqual([]);
    await seedListing(listingId);
    const summary = await summaryOf(listingId);
    expect(summary?.audit).toMatchObject({ trigger: 'MANUAL', verdict: 'WARN' });
    expect(incidentFindings(summary?.audit)).toEqual([
      expect.objectContaining({ message: expect.stringContaining(incidentId) }),
    ]);
  });
});
