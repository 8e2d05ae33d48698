/**
 * Property-based fuzzing of every state-changing endpoint of the four services, in-process on the real Kafka and
 * Postgres (one topic prefix for the four, each on its own schema). For each endpoint, FUZZ_RUNS (default 200)
 * generated malformed requests (test/fuzz/malformations.ts: wrong types, arrays for objects, unknown and prototype
 * names, NUL and lone surrogates, 5,000-level nesting, bodies over the route's limit, BOM, form and text bodies, bad
 * money and enums, bad path ids) must each answer 4xx problem+json with a `type` and a `code` (and the fields, for
 * VALIDATION_FAILED), and leave every table of the four schemas and the end offset of every topic as they were.
 * A longer run: `FUZZ_RUNS=2000 npx jest test/fuzz`; a failing case is replayed with the seed fast-check prints.
 */
import type { Type } from '@nestjs/common';
import { createEnvelope, required, uuidv7 } from '@settle/contracts';
import { sampleListing } from '@settle/contracts/testing';
import { createKafka, parseBrokers } from '@settle/messaging';
import { BODY_LIMITS, type ServiceDefinition } from '@settle/platform';
import {
  eventually,
  isolatedEnvironment,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { AppModule as DisputeIntakeModule } from '../../apps/dispute-intake/src/app.module';
import { DisputeIntakeService } from '../../apps/dispute-intake/src/service';
import { AppModule as EscalationTimerModule } from '../../apps/escalation-timer/src/app.module';
import { EscalationTimerService } from '../../apps/escalation-timer/src/service';
import { AUDIT_LISTING_EXAMPLE } from '../../apps/listing-audit/src/audits/dto/audit-listing.request';
import { AppModule as ListingAuditModule } from '../../apps/listing-audit/src/app.module';
import { ListingAuditService } from '../../apps/listing-audit/src/service';
import { AppModule as NegotiationModule } from '../../apps/negotiation/src/app.module';
import { NegotiationService } from '../../apps/negotiation/src/service';
import { disputeRequest } from '../e2e/support/factories';
import { badIds, malformedRequests, type Json, type Template } from './malformations';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SELLER = 'S-FUZZ';
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;

type ServiceName = 'listing-audit' | 'dispute-intake' | 'negotiation' | 'escalation-timer';
type Caller = 'platform' | 'seller' | 'staff' | 'lead';

interface Endpoint {
  service: ServiceName;
  method: 'POST' | 'DELETE';
  /** The path, with `{id}` style holes filled from `ids` (each a real entity or a well-formed unknown one). */
  path: string;
  caller: Caller;
  template: Template;
  /** The signed inbound feed: each request signed as the marketplace signs it. */
  signed?: boolean;
  /** Needs an Idempotency-Key. */
  idempotent?: boolean;
}

const SERVICES: [ServiceName, ServiceDefinition, Type<unknown>][] = [
  ['listing-audit', ListingAuditService, ListingAuditModule],
  ['dispute-intake', DisputeIntakeService, DisputeIntakeModule],
  ['negotiation', NegotiationService, NegotiationModule],
  ['escalation-timer', EscalationTimerService, EscalationTimerModule],
];

const money = (amountMinor = 500): Json => ({ amountMinor, currency: 'USD' });
const evidence: Json = [{ kind: 'PHOTO', url: 'https://evidence.example.com/photo.jpg' }];
const note = 'Hello, the parcel is held at customs.';

function endpoints(ids: Record<string, string>): Endpoint[] {
  const small = BODY_LIMITS.default;
  const text = BODY_LIMITS.text;
  const none: Template = { body: {}, limit: small };
  const adjustment = { reasonCode: 'CUSTOMS_HOLD', note };
  const deadline = (action: string, body: Record<string, Json>): Endpoint => ({
    service: 'escalation-timer',
    method: 'POST',
    path: `/v1/disputes/{dispute}/deadlines/SELLER_RESPONSE/${action}`,
    caller: 'staff',
    template: { body, enums: ['reasonCode'], limit: small },
  });
  const action = (path: string, caller: Caller, body: Record<string, Json>, enums: string[] = [], limit = small) => ({
    service: 'negotiation' as const,
    method: 'POST' as const,
    path,
    caller,
    template: { body, enums, limit },
  });
  return [
    {
      service: 'listing-audit',
      method: 'POST',
      path: '/v1/listing-audits',
      caller: 'platform',
      template: {
        body: { ...(AUDIT_LISTING_EXAMPLE as Record<string, Json>), sellerId: SELLER, status: 'ACTIVE' },
        enums: ['status', 'saleUnit.type'],
        maps: ['attributes', 'skus.*.attributes'],
        limit: BODY_LIMITS.document,
      },
    },
    {
      service: 'dispute-intake',
      method: 'POST',
      path: '/v1/disputes',
      caller: 'platform',
      idempotent: true,
      template: {
        body: { ...(disputeRequest({ sellerId: SELLER, evidence: evidence as never }) as Record<string, Json>) },
        enums: ['reason', 'requested.type', 'evidence.*.kind'],
        limit: text,
      },
    },
    {
      service: 'dispute-intake',
      method: 'POST',
      path: '/v1/disputes/{dispute}/cancel',
      caller: 'platform',
      template: { body: { reason: 'Parcel arrived after all.', expectedVersion: 1 }, limit: small },
    },
    {
      service: 'dispute-intake',
      method: 'POST',
      path: '/v1/inbound/marketplace',
      caller: 'platform',
      signed: true,
      template: {
        body: createEnvelope(
          {
            type: 'listing.upserted',
            source: 'marketplace',
            subject: 'L-FUZZ',
            sellerId: SELLER,
            data: { ...sampleListing(), listingId: 'L-FUZZ', sellerId: SELLER },
          },
          { validateData: true },
        ) as unknown as Record<string, Json>,
        enums: ['type', 'data.saleUnit.type'],
        maps: ['data.attributes', 'data.skus.*.attributes'],
        limit: BODY_LIMITS.document,
      },
    },
    action(
      '/v1/disputes/{dispute}/responses',
      'seller',
      { action: 'REJECT', proposal: { type: 'REFUND_ONLY', refund: money() }, message: note, expectedVersion: 1 },
      ['action', 'proposal.type'],
      text,
    ),
    action(
      '/v1/disputes/{dispute}/proposals',
      'seller',
      { type: 'REFUND_ONLY', refund: money(), expiresAt: '2030-01-01T00:00:00Z', expectedVersion: 1 },
      ['type'],
    ),
    action('/v1/disputes/{dispute}/proposals/{proposal}/accept', 'seller', { expectedVersion: 1 }),
    action('/v1/disputes/{dispute}/return-shipment', 'platform', { carrier: 'China Post', trackingNumber: 'LX1CN' }),
    action(
      '/v1/disputes/{dispute}/return-receipt',
      'seller',
      { condition: 'AS_EXPECTED', note, evidence, expectedVersion: 1 },
      ['condition', 'evidence.*.kind'],
      text,
    ),
    action(
      '/v1/disputes/{dispute}/messages',
      'platform',
      { body: note, locale: 'en', attachments: evidence },
      ['attachments.*.kind'],
      text,
    ),
    action('/v1/messages/lint', 'seller', { body: note, locale: 'en' }, [], text),
    action('/v1/webhook-endpoints', 'seller', { url: 'https://hooks.example.com/settle', eventTypes: ['*'] }, [
      'eventTypes.*',
    ]),
    {
      service: 'negotiation',
      method: 'DELETE',
      path: '/v1/webhook-endpoints/{endpoint}',
      caller: 'seller',
      template: none,
    },
    {
      service: 'negotiation',
      method: 'POST',
      path: '/v1/webhook-endpoints/{endpoint}/rotate-secret',
      caller: 'seller',
      template: none,
    },
    {
      service: 'negotiation',
      method: 'POST',
      path: '/v1/webhook-deliveries/{delivery}/replay',
      caller: 'seller',
      template: none,
    },
    deadline('extend', { by: 'P2D', ...adjustment }),
    deadline('pause', adjustment),
    deadline('resume', adjustment),
    {
      service: 'escalation-timer',
      method: 'POST',
      path: '/v1/disputes/{dispute}/escalate',
      caller: 'platform',
      template: { body: { note }, limit: small },
    },
    {
      service: 'escalation-timer',
      method: 'POST',
      path: '/v1/escalations/{escalation}/claim',
      caller: 'lead',
      template: { body: { assignTo: 'staff-fuzz' }, limit: small },
    },
    {
      service: 'escalation-timer',
      method: 'POST',
      path: '/v1/escalations/{escalation}/ruling',
      caller: 'lead',
      template: {
        body: {
          outcome: 'PARTIAL_REFUND',
          refund: money(100),
          rationale: 'The photos show 6 of 10 pendants.',
          citations: [{ kind: 'POLICY_RULE', ref: 'NOT_AS_DESCRIBED.QUANTITY', note: 'Quantity short' }],
        },
        enums: ['outcome', 'citations.*.kind'],
        limit: text,
      },
    },
  ].map((endpoint) => ({
    ...endpoint,
    path: endpoint.path.replace(/\{(\w+)\}/g, (_hole, name: string) => required(ids[name], `the id of ${name}`)),
  })) as Endpoint[];
}

describe('fuzz: malformed requests to every state-changing endpoint answer 4xx problem+json and change nothing', () => {
  const environments: TestEnvironment[] = [];
  const services = {} as Record<ServiceName, RunningService>;
  const keys = {} as Record<Caller, string>;
  const ids: Record<string, string> = {};
  let prefix: string;
  let database: Client;
  const admin = () =>
    createKafka({ brokers: parseBrokers(process.env.KAFKA_BROKERS as string), clientId: 'fuzz-offsets' }).admin();
  let kafkaAdmin: ReturnType<typeof admin>;

  beforeAll(async () => {
    for (const [name, definition, module] of SERVICES) {
      const first = environments[0];
      const environment = await isolatedEnvironment(`fuzz-${name}`, {
        AUDIT_IMAGES: 'off',
        INBOUND_WEBHOOK_SECRET: SECRET,
        WEBHOOK_WORKER_ENABLED: 'false',
        PARTY_ACTION_WAIT_MS: '200',
        ...(first ? { KAFKA_TOPIC_PREFIX: first.topicPrefix, AUTH_SCHEMA: first.authSchema } : {}),
      });
      environments.push(environment);
      services[name] = await startService(module, definition);
    }
    const first = required(environments[0], "listing-audit's environment");
    const negotiation = required(environments[2], "negotiation's environment");
    prefix = first.topicPrefix;
    const intake = services['dispute-intake'];
    keys.platform = await intake.createKey('platform');
    keys.seller = await intake.createKey('seller', SELLER);
    keys.staff = await intake.createKey('staff');
    keys.lead = await intake.createKey('lead');

    // A real dispute, known to all three services that act on it, so a defect is tried against a live case.
    const opened = await intake.call('POST', '/v1/disputes', keys.platform, disputeRequest({ sellerId: SELLER }), {
      'idempotency-key': uuidv7(),
    });
    expect(opened.status).toBe(201);
    const dispute = (await opened.json()) as { id: string; proposals: { all: { proposalId: string }[] } };
    ids.dispute = dispute.id;
    ids.proposal = required(dispute.proposals.all[0], 'the opening proposal').proposalId;
    database = new Client({ connectionString: first.databaseUrl });
    await database.connect();
    kafkaAdmin = admin();
    await kafkaAdmin.connect();
    await eventually(async () => {
      const known = await database.query(`SELECT 1 FROM "${negotiation.schema}".dispute_projection WHERE id = $1`, [
        ids.dispute,
      ]);
      return known.rowCount === 1;
    });
    await eventually(async () => {
      const response = await services['escalation-timer'].call(
        'GET',
        `/v1/disputes/${ids.dispute}/deadlines`,
        keys.staff,
      );
      return response.status === 200;
    });
    // Ids of entities that need more than an opened dispute: well-formed, unknown.
    ids.endpoint = uuidv7();
    ids.delivery = uuidv7();
    ids.escalation = uuidv7();

    // Settled: the opening's events relayed and consumed, nothing left in any outbox.
    await eventually(async () => {
      const first = await snapshot();
      expect(Object.entries(first).filter(([name, sum]) => name.endsWith('.outbox') && !sum.startsWith('0:'))).toEqual(
        [],
      );
      expect(await snapshot()).toEqual(first);
      return true;
    });
  }, 120_000);

  afterAll(async () => {
    await kafkaAdmin?.disconnect();
    await database?.end();
    for (const service of Object.values(services)) await service.close();
    for (const environment of environments) await environment.cleanup();
  });

  /** Every table of the four schemas (rows and a checksum of their content) and every topic's end offsets. */
  async function snapshot(): Promise<Record<string, string>> {
    const state: Record<string, string> = {};
    for (const environment of environments) {
      const tables = await database.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
        [environment.schema],
      );
      for (const { table_name: table } of tables.rows) {
        const [found] = (
          await database.query<{ n: number; sum: string }>(
            `SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(t::text), ',' ORDER BY md5(t::text)), '')) AS sum
               FROM "${environment.schema}"."${table}" t`,
          )
        ).rows;
        const row = required(found, 'the count and checksum');
        state[`${environment.schema}.${table}`] = `${row.n}:${row.sum}`;
      }
    }
    const topics = (await kafkaAdmin.listTopics()).filter((topic) => topic.startsWith(prefix)).sort();
    for (const topic of topics) {
      const offsets = await kafkaAdmin.fetchTopicOffsets(topic);
      state[topic] = offsets.map((offset) => `${offset.partition}:${offset.high}`).join(',');
    }
    return state;
  }

  async function send(endpoint: Endpoint, path: string, body: string | Buffer, contentType: string) {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (endpoint.signed) {
      const id = `msg_${uuidv7()}`;
      const timestamp = new Date();
      headers['webhook-id'] = id;
      headers['webhook-timestamp'] = String(Math.floor(timestamp.getTime() / 1000));
      headers['webhook-signature'] = new Webhook(SECRET).sign(id, timestamp, Buffer.from(body).toString('utf8'));
    } else {
      headers.authorization = `Bearer ${keys[endpoint.caller]}`;
    }
    if (endpoint.idempotent) headers['idempotency-key'] = uuidv7();
    return fetch(`${services[endpoint.service].baseUrl}${path}`, { method: endpoint.method, headers, body });
  }

  async function expectRefused(response: Response, label: string): Promise<void> {
    const text = await response.text();
    const context = `${label} -> ${response.status} ${text.slice(0, 300)}`;
    expect([response.status >= 400 && response.status < 500, context]).toEqual([true, context]);
    expect([response.status === 401 || response.status === 403, context]).toEqual([false, context]);
    expect([response.headers.get('content-type') ?? '', context]).toEqual([
      expect.stringMatching(/^application\/problem\+json/),
      context,
    ]);
    const problem = JSON.parse(text) as { type?: unknown; code?: unknown; errors?: { field?: unknown }[] };
    expect([typeof problem.type, typeof problem.code, context]).toEqual(['string', 'string', context]);
    if (problem.code === 'VALIDATION_FAILED') {
      expect([
        problem.errors?.length !== 0 && problem.errors?.every((e) => typeof e.field === 'string'),
        context,
      ]).toEqual([true, context]);
    }
  }

  it.each([
    ['dispute-intake', '/v1/disputes/{id}', 'staff'],
    ['dispute-intake', '/v1/disputes/{id}/export', 'staff'],
    ['negotiation', '/v1/disputes/{id}/proposals', 'staff'],
    ['negotiation', '/v1/disputes/{id}/messages', 'staff'],
    ['negotiation', '/v1/disputes/{id}/context', 'staff'],
    ['negotiation', '/v1/commands/{id}', 'staff'],
    ['negotiation', '/v1/webhook-endpoints/{id}', 'staff'],
    ['negotiation', '/v1/webhook-deliveries/{id}', 'staff'],
    ['escalation-timer', '/v1/disputes/{id}/deadlines', 'staff'],
    ['escalation-timer', '/v1/disputes/{id}/predicted-ruling', 'staff'],
    ['escalation-timer', '/v1/escalations/{id}', 'staff'],
    ['listing-audit', '/v1/listings/{id}/audits', 'staff'],
  ] as [ServiceName, string, Caller][])(
    'GET %s %s answers 404 or 400 to an id that names nothing',
    async (name, path, caller) => {
      await fc.assert(
        fc.asyncProperty(badIds, async (id) => {
          const response = await services[name].call('GET', path.replace('{id}', id), keys[caller]);
          const text = await response.text();
          if (name === 'listing-audit' && response.status === 200) return; // an external id: any visible text is one
          const context = `${id} -> ${response.status} ${text.slice(0, 200)}`;
          expect([[400, 404].includes(response.status), response.headers.get('content-type'), context]).toEqual([
            true,
            expect.stringMatching(/^application\/problem\+json/),
            context,
          ]);
        }),
        { numRuns: Math.min(RUNS, 25) },
      );
    },
  );

  const cases = () => endpoints(ids).map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const);

  // The endpoints are only known once the dispute exists; their names are fixed.
  const NAMES = endpoints(
    Object.fromEntries(
      ['dispute', 'proposal', 'endpoint', 'delivery', 'escalation'].map((name) => [name, `{${name}}`]),
    ),
  ).map((endpoint) => `${endpoint.method} ${endpoint.path}`);

  it.each(NAMES.map((name, index) => [name, index]))(
    '%s',
    async (_name, index) => {
      const [, endpoint] = required(cases()[index], `case ${index}`);
      const before = await snapshot();
      const hasIds = /[0-9a-f-]{36}/.test(endpoint.path);
      await fc.assert(
        fc.asyncProperty(
          malformedRequests(endpoint.template),
          hasIds ? fc.option(badIds, { freq: 5 }) : fc.constant(null),
          async (malformed, badId) => {
            // A bad id goes with a valid body: only the id can stop the request.
            const path = badId === null ? endpoint.path : endpoint.path.replace(/[0-9a-f-]{36}/, badId);
            const body = badId === null ? malformed.body : JSON.stringify(endpoint.template.body);
            const contentType = badId === null ? malformed.contentType : 'application/json';
            const label = badId === null ? malformed.label : `id ${badId}`;
            await expectRefused(await send(endpoint, path, body, contentType), label);
          },
        ),
        { numRuns: RUNS },
      );
      expect(await snapshot()).toEqual(before);
    },
    120_000,
  );
});
