/**
 * Faults (issue 13): disputes through their journeys while each service in turn is killed with `kill -9` and started
 * again, and the Kafka broker is restarted once. Half the disputes are answered by the seller (ACCEPT through
 * negotiation), half are left to the seller-response deadline (a seconds policy), which auto-accepts them. Clients
 * behave as real ones do: a request that got no answer (connection refused or reset) or a 5xx is retried with the
 * same Idempotency-Key; a dispute negotiation has not heard of yet (404/503) is retried.
 * Figures (targets 0, 0, 0, < 5 s): acknowledged-but-lost (a 201 or an applied action with no trace at the end, or a
 * 202 command never answered), doubled effects (two distinct events for one dispute version, two disputes for one
 * order), deadlines fired more than once (two distinct `deadline.passed` for one deadline id), and the longest time a
 * service was not ready after its kill (kill → /health/ready 200). Also: disputes not resolved at the end, and how
 * long the services were not ready around the broker restart (that includes the broker's own restart).
 * The broker is this benchmark's own (a local node, `.cache/kafka/data-bench-faults`), so restarting it disturbs
 * nothing else. BENCH_FAULTS_DISPUTES (default 10,000), BENCH_FAULTS_WORKERS (default 48 journeys at once).
 */
import { required, Topics, type EventEnvelope } from '@settle/contracts';
import { KafkaTestClient } from '@settle/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startKafka, type KafkaNode } from '../../deploy/infra/kafka';
import { SERVICES, type ServiceName } from '../../deploy/scripts/services';
import { disputeRequest } from '../e2e/support/factories';
import { SettleCluster, type HttpResult } from '../e2e/support/settle-cluster';
import { recordResult } from './report';

const DISPUTES = Number(process.env.BENCH_FAULTS_DISPUTES ?? 10_000);
const WORKERS = Number(process.env.BENCH_FAULTS_WORKERS ?? 48);
const SELLERS = 20;
/** Every clock of docs/DOMAIN.md in seconds; the seller has 20 s, so the deadline half resolves within the run. */
const POLICY = {
  sellerResponse: 'PT20S',
  reminderLead: 'PT10S',
  platformIntervention: 'PT5M',
  buyerEscalateFrom: 'PT2S',
  buyerEscalateUntil: 'PT10M',
  returnShipment: 'PT8S',
  returnReceipt: 'PT12S',
  staffRulingSla: 'PT2M',
};
/** Each fault once the given share of the disputes was opened. */
const FAULTS: { at: number; target: ServiceName | 'kafka' }[] = [
  { at: 0.1, target: 'dispute-intake' },
  { at: 0.25, target: 'negotiation' },
  { at: 0.4, target: 'escalation-timer' },
  { at: 0.55, target: 'listing-audit' },
  { at: 0.7, target: 'kafka' },
];
const GIVE_UP_MS = 180_000;
/**
 * A request whose process was killed after it claimed its Idempotency-Key and before it answered leaves the key
 * "in use" (409 IDEMPOTENCY_KEY_IN_USE) for good; the client gives up on it after this long (counted as unanswered).
 */
const KEY_IN_USE_GIVE_UP_MS = 30_000;

interface Opened {
  id: string;
  orderId: string;
  kind: 'accept' | 'deadline';
  sellerKey: string;
  /** What the ACCEPT got: applied (200), pending (202, the command to poll), refused (409/422), or no answer. */
  accept?: { outcome: 'applied' | 'pending' | 'refused' | 'unanswered'; location?: string; detail?: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchFaults(databaseUrl: string, _kafkaBrokers: string): Promise<void> {
  let broker: KafkaNode = await startKafka({ name: 'bench-faults' });
  const cluster = await SettleCluster.start('faults', {
    infrastructure: { databaseUrl, kafkaBrokers: broker.brokers },
    policy: POLICY,
    env: {
      LOG_LEVEL: 'warn',
      AUDIT_IMAGES: 'off',
      PARTY_ACTION_WAIT_MS: '5000',
      KAFKA_SESSION_TIMEOUT_MS: '10000', // the default, not the harness's shorter one
    },
  });
  const watcher = new KafkaTestClient(broker.brokers, cluster.topicPrefix);
  try {
    const platform = await cluster.createKey('platform');
    const sellers = await Promise.all(
      Array.from({ length: SELLERS }, async () => {
        const sellerId = `S-F${randomBytes(3).toString('hex').toUpperCase()}`;
        return { sellerId, key: await cluster.createKey('seller', sellerId) };
      }),
    );

    const opened: Opened[] = [];
    const unacknowledged: string[] = [];
    let started = 0;
    let keysLeftInUse = 0;

    /** Calls until an answer in `done` (or GIVE_UP_MS): no answer, 5xx, `retryOn` statuses and a key in use retry. */
    const persist = async (
      call: () => Promise<HttpResult>,
      done: number[],
      retryOn: number[] = [],
    ): Promise<HttpResult | undefined> => {
      const until = Date.now() + GIVE_UP_MS;
      let inUseSince: number | undefined;
      let delay = 100;
      let last: HttpResult | undefined;
      while (Date.now() < until) {
        try {
          last = await call();
          if (done.includes(last.status)) return last;
          const inUse = last.status === 409 && last.body?.code === 'IDEMPOTENCY_KEY_IN_USE';
          inUseSince = inUse ? (inUseSince ?? Date.now()) : undefined;
          if (inUseSince !== undefined && Date.now() - inUseSince > KEY_IN_USE_GIVE_UP_MS) {
            keysLeftInUse += 1;
            return undefined;
          }
          if (last.status < 500 && !retryOn.includes(last.status) && !inUse) return last;
        } catch {
          // no answer: the service is down or was killed mid-request
        }
        await sleep(delay);
        delay = Math.min(2_000, delay * 2);
      }
      return last && done.includes(last.status) ? last : undefined;
    };

    const journey = async (n: number): Promise<void> => {
      const seller = required(sellers[n % SELLERS], 'a seller');
      const kind = n % 2 === 0 ? 'accept' : 'deadline';
      const body = disputeRequest({ sellerId: seller.sellerId });
      const key = randomUUID();
      const open = await persist(
        () =>
          cluster.call('dispute-intake', 'POST', '/v1/disputes', {
            key: platform,
            headers: { 'idempotency-key': key },
            body,
          }),
        [201],
      );
      if (open?.status !== 201) {
        unacknowledged.push(`open ${n}: ${open ? `${open.status} ${JSON.stringify(open.body)}` : 'no answer'}`);
        return;
      }
      const dispute: Opened = {
        id: open.body.id as string,
        orderId: body.orderId as string,
        kind,
        sellerKey: seller.key,
      };
      opened.push(dispute);
      if (opened.length % Math.max(1, Math.round(DISPUTES / 10)) === 0) {
        console.log(`  faults: ${opened.length} disputes opened`);
      }
      if (kind === 'deadline') return;
      const acceptKey = randomUUID();
      const accept = await persist(
        () =>
          cluster.call('negotiation', 'POST', `/v1/disputes/${dispute.id}/responses`, {
            key: seller.key,
            headers: { 'idempotency-key': acceptKey },
            body: { action: 'ACCEPT' },
          }),
        [200, 202],
        [404, 503],
      );
      if (!accept) dispute.accept = { outcome: 'unanswered' };
      else if (accept.status === 200) dispute.accept = { outcome: 'applied' };
      else if (accept.status === 202)
        dispute.accept = { outcome: 'pending', location: accept.headers.get('location') ?? undefined };
      else dispute.accept = { outcome: 'refused', detail: `${accept.status} ${accept.body?.code ?? ''}` };
    };

    // Readiness of every service every 250 ms: the longest stretch each was not ready, and during which fault.
    let currentFault: string | undefined;
    const notReady = new Map<string, number>(); // `${service} ${fault}` -> longest ms
    let polling = true;
    const poller = Promise.all(
      SERVICES.map(async ({ name }) => {
        let downSince: number | undefined;
        let downFault = '';
        while (polling) {
          const ready = await fetch(`${cluster.url(name)}/health/ready`, { signal: AbortSignal.timeout(2_000) })
            .then((response) => response.ok)
            .catch(() => false);
          const now = Date.now();
          if (!ready && downSince === undefined) {
            downSince = now;
            downFault = currentFault ?? 'none';
          } else if (ready && downSince !== undefined) {
            const label = `${name} during ${downFault}`;
            notReady.set(label, Math.max(notReady.get(label) ?? 0, now - downSince));
            downSince = undefined;
          }
          await sleep(250);
        }
      }),
    );

    const killToReady: Record<string, number> = {};
    let kafkaOutage = { brokerDownMs: 0, allReadyAfterMs: 0 };
    const faults = (async () => {
      for (const fault of FAULTS) {
        while (opened.length < fault.at * DISPUTES && started < DISPUTES) await sleep(100);
        currentFault = fault.target === 'kafka' ? 'the broker restart' : `the kill of ${fault.target}`;
        const t0 = Date.now();
        if (fault.target === 'kafka') {
          const { port, controllerPort } = broker;
          await broker.stop();
          broker = await startKafka({ name: 'bench-faults', port, controllerPort });
          const back = Date.now();
          await Promise.all(
            SERVICES.map(async ({ name }) => {
              while (
                !(await fetch(`${cluster.url(name)}/health/ready`).then(
                  (r) => r.ok,
                  () => false,
                ))
              )
                await sleep(100);
            }),
          );
          kafkaOutage = { brokerDownMs: back - t0, allReadyAfterMs: Date.now() - t0 };
        } else {
          await cluster.kill(fault.target);
          await cluster.startService(fault.target);
          killToReady[fault.target] = Date.now() - t0;
        }
        console.log(`  faults: ${currentFault} at ${opened.length} disputes opened, back in ${Date.now() - t0} ms`);
        currentFault = undefined;
      }
    })();

    const loadStarted = Date.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (started < DISPUTES) {
          const n = started;
          started += 1;
          await journey(n);
        }
      }),
    );
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    await faults;
    console.log(`  faults: ${opened.length} disputes opened in ${loadSeconds.toFixed(0)} s; waiting for every journey`);

    // Every pending command answered, every acknowledged dispute resolved (the deadline half needs 20 s and more).
    for (const dispute of opened) {
      if (dispute.accept?.outcome !== 'pending' || !dispute.accept.location) continue;
      const until = Date.now() + GIVE_UP_MS;
      while (Date.now() < until) {
        const command = await cluster
          .call('negotiation', 'GET', dispute.accept.location, { key: dispute.sellerKey })
          .catch(() => undefined);
        const status = command?.status === 200 ? (command.body?.status as string) : undefined;
        if (status === 'APPLIED') {
          dispute.accept = { outcome: 'applied' };
          break;
        }
        if (status === 'REJECTED') {
          dispute.accept = { outcome: 'refused', detail: 'command rejected' };
          break;
        }
        await sleep(500);
      }
    }
    const statuses = await waitForResolution(cluster, opened);

    // Everything published, read back from Kafka from the beginning.
    await watcher.watch([Topics.DISPUTE_EVENTS, Topics.DEADLINE_EVENTS]);
    let seen = -1;
    while (watcher.received.length !== seen) {
      seen = watcher.received.length;
      await sleep(5_000);
    }
    polling = false;
    await poller;

    const disputeEvents = watcher.events(Topics.DISPUTE_EVENTS);
    const deadlineEvents = watcher.events(Topics.DEADLINE_EVENTS);
    const bySubject = groupBy(disputeEvents, (event) => event.subject ?? '');

    const lost: string[] = [...unacknowledged.map((line) => `never acknowledged: ${line}`)];
    let stuck = 0;
    for (const dispute of opened) {
      const events = bySubject.get(dispute.id) ?? [];
      const types = new Set(events.map((event) => event.type));
      if (!statuses.has(dispute.id)) lost.push(`dispute ${dispute.id}: acknowledged (201), not stored`);
      else if (!types.has('dispute.opened')) lost.push(`dispute ${dispute.id}: acknowledged (201), never announced`);
      if (dispute.accept?.outcome === 'applied' && !types.has('dispute.agreed'))
        lost.push(`dispute ${dispute.id}: ACCEPT applied (200), no dispute.agreed`);
      if (dispute.accept?.outcome === 'pending') lost.push(`dispute ${dispute.id}: ACCEPT command never answered`);
      if (statuses.get(dispute.id) !== 'RESOLVED') stuck += 1;
    }

    const doubled: string[] = [];
    for (const [subject, events] of bySubject) {
      const versions = groupBy(
        distinctById(events).filter((event) => event.type !== 'dispute.command_rejected'),
        (event) => String(event.aggregateversion),
      );
      for (const [version, same] of versions) {
        if (same.length > 1)
          doubled.push(`dispute ${subject} v${version}: ${same.map((event) => event.type).join(', ')}`);
      }
    }
    const openedByOrder = groupBy(
      distinctById(disputeEvents.filter((event) => event.type === 'dispute.opened')),
      (event) => String((event.data as { orderId?: string }).orderId),
    );
    for (const [orderId, events] of openedByOrder) {
      if (events.length > 1) doubled.push(`order ${orderId}: ${events.length} disputes opened`);
    }

    const passed = groupBy(distinctById(deadlineEvents.filter((event) => event.type === 'deadline.passed')), (event) =>
      String((event.data as { deadlineId?: string }).deadlineId),
    );
    const firedTwice = [...passed].filter(([, events]) => events.length > 1).map(([id]) => `deadline ${id}`);

    const accepts = opened.filter((dispute) => dispute.kind === 'accept');
    const longestKill = Math.max(0, ...Object.values(killToReady));
    const longestOther = Math.max(
      0,
      ...[...notReady].filter(([label]) => label.endsWith('during none')).map(([, ms]) => ms),
    );
    recordResult({
      name: 'faults',
      description:
        `${DISPUTES.toLocaleString('en-US')} disputes through their journeys (half answered by the seller, half ` +
        `auto-accepted by the seller-response deadline, 20 s) while each service was killed with kill -9 and ` +
        `restarted in turn, and the Kafka broker was restarted once`,
      figures: [
        { label: 'acknowledged but lost', value: lost.length, unit: 'disputes/actions', target: '0' },
        { label: 'doubled effects', value: doubled.length, unit: 'effects', target: '0' },
        { label: 'deadlines fired more than once', value: firedTwice.length, unit: 'deadlines', target: '0' },
        { label: 'longest not ready after kill -9', value: longestKill / 1000, unit: 's', target: '< 5 s' },
        { label: 'longest not ready, no fault of its own', value: longestOther / 1000, unit: 's' },
        { label: 'broker restart: all ready again', value: kafkaOutage.allReadyAfterMs / 1000, unit: 's' },
        { label: 'not resolved at the end', value: stuck, unit: 'disputes', target: '0' },
      ],
      notes: [
        `${opened.length} disputes acknowledged in ${loadSeconds.toFixed(0)} s by ${WORKERS} concurrent journeys; ` +
          `${accepts.filter((d) => d.accept?.outcome === 'applied').length} ACCEPTs applied, ` +
          `${accepts.filter((d) => d.accept?.outcome === 'refused').length} refused (the deadline came first), ` +
          `${accepts.filter((d) => d.accept?.outcome === 'unanswered').length} unanswered ` +
          `(${keysLeftInUse} Idempotency-Keys left "in use" by a killed process, given up after ` +
          `${KEY_IN_USE_GIVE_UP_MS / 1000} s)`,
        `kill -9 → ready: ${Object.entries(killToReady)
          .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
          .join(', ')}`,
        `broker restart: down ${(kafkaOutage.brokerDownMs / 1000).toFixed(1)} s (stop, start, verified), every ` +
          `service ready ${(kafkaOutage.allReadyAfterMs / 1000).toFixed(1)} s after the stop began`,
        `longest not-ready stretches seen by the poller (250 ms): ${[...notReady]
          .map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`)
          .join('; ')}`,
        `${disputeEvents.length} dispute events and ${deadlineEvents.length} deadline events read back; ` +
          `${passed.size} deadlines passed`,
        ...[...lost, ...doubled, ...firedTwice].slice(0, 20),
      ],
    });
  } finally {
    await watcher.close().catch(() => undefined);
    await cluster.stop();
    await broker.stop();
  }
}

/** Polls the owner's table until every opened dispute is RESOLVED or nothing moved for GIVE_UP_MS. */
async function waitForResolution(cluster: SettleCluster, opened: Opened[]): Promise<Map<string, string>> {
  const client = new Client({ connectionString: cluster.databaseUrl });
  await client.connect();
  try {
    const ids = opened.map((dispute) => dispute.id);
    let statuses = new Map<string, string>();
    let resolved = -1;
    let movedAt = Date.now();
    while (Date.now() - movedAt < GIVE_UP_MS) {
      const { rows } = await client.query<{ id: string; status: string }>(
        `SELECT id, status FROM "${cluster.schemaOf('dispute-intake')}".disputes WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      statuses = new Map(rows.map((row) => [row.id, row.status]));
      const now = rows.filter((row) => row.status === 'RESOLVED').length;
      if (now === ids.length) break;
      if (now !== resolved) {
        resolved = now;
        movedAt = Date.now();
      }
      await sleep(2_000);
    }
    return statuses;
  } finally {
    await client.end();
  }
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The outbox publishes at least once: the same event id twice is a redelivery, not a doubled effect. */
function distinctById(events: EventEnvelope[]): EventEnvelope[] {
  return [...new Map(events.map((event) => [event.id, event])).values()];
}
