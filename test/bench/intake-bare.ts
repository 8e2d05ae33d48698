/**
 * The intake benchmark's ceiling: the service's own opening (DisputeOpeningService with its repository, outbox and
 * policy: the same two statements, the same rows, the same hash chain and response) behind plain `node:http`, with
 * the service's outbox relay publishing to Kafka, and nothing else: no Nest pipeline (guard, interceptors, pipe,
 * filter), no Express, no request logging, no class-validator. What it reaches is what any Node.js service doing
 * this durable work reaches on this machine; the gap to the real service is the cost of the HTTP framework and the
 * request validation. It is never a way to serve requests: it checks no key and validates nothing.
 *
 * Started by intake.ts (fork, over tsx) with DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, DB_SCHEMA (a schema of
 * its own, migrated here) and PORT; it answers { ready: true } over IPC once it listens.
 */
import { required } from '@settle/contracts';
import { createKafka, parseBrokers, Outbox, OutboxRelay } from '@settle/messaging';
import {
  Clock,
  type IdempotencyClaim,
  createServiceDataSource,
  loadPolicy,
  runServiceMigrations,
} from '@settle/platform';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { DisputeOpeningService } from '../../apps/dispute-intake/src/disputes/dispute-opening.service';
import { DisputesRepository } from '../../apps/dispute-intake/src/disputes/disputes.repository';
import type { OpenDisputeRequest } from '../../apps/dispute-intake/src/disputes/dto/open-dispute.request';
import { OrdersRepository } from '../../apps/dispute-intake/src/orders/orders.repository';
import { DisputeIntakeService } from '../../apps/dispute-intake/src/service';

/** A variable intake.ts sets for this process (see above). */
const given = (name: string): string => required(process.env[name], name);

async function main(): Promise<void> {
  const schema = given('DB_SCHEMA');
  const databaseUrl = given('DATABASE_URL');
  const dataSource = await createServiceDataSource({
    databaseUrl,
    schema,
    entities: DisputeIntakeService.entities,
    migrations: DisputeIntakeService.migrations,
  }).initialize();
  await runServiceMigrations(dataSource, schema);
  const kafka = createKafka({ brokers: parseBrokers(given('KAFKA_BROKERS')), clientId: 'intake-bare', log: () => {} });
  const relay = new OutboxRelay({ databaseUrl, schema, kafka });
  await relay.start();
  const opening = new DisputeOpeningService(
    new DisputesRepository(dataSource),
    new OrdersRepository(dataSource),
    new Outbox(DisputeIntakeService.name, given('KAFKA_TOPIC_PREFIX')),
    new Clock(),
    loadPolicy(process.env.SETTLE_POLICY_FILE),
  );

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const claim: IdempotencyClaim = {
        scope: 'bench',
        key: String(request.headers['idempotency-key']),
        requestHash: createHash('sha256').update(`POST /v1/disputes\n${text}`).digest('hex'),
        recorded: false,
      };
      opening.open(JSON.parse(text) as OpenDisputeRequest, claim).then(
        (view) => {
          const body = JSON.stringify(view);
          response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          response.end(body);
        },
        (error: Error) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(error.message);
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(given('PORT')), '127.0.0.1', () => process.send?.({ ready: true }));
  process.on('disconnect', () => {
    server.close();
    void relay.stop().finally(() => dataSource.destroy().finally(() => process.exit(0)));
  });
}

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
