/**
 * The console (issue 14, Measure), on the four services and the console run as `npm start` runs them (processes from
 * dist/), the demo seed in their tables:
 *
 * 1. Gateway overhead: a case view as the Case screen loads it (the escalation's whole case, the dispute, its
 *    deadlines, messages and proposals: five GETs at once), p50/p99, through the console's gateway with a session
 *    cookie vs straight to the services with the bearer key, rounds alternating in the same run. Target: ratio <= 1.3.
 * 2. The staff queue API with 100,000 escalations in the table (a realistic mix: most ruled or closed long ago, the
 *    open and claimed ones due around now): p99 of each saved view's first page and of a later page (keyset cursor),
 *    straight to escalation-timer. Target: < 50 ms. Baseline: the same first page's SQL run directly in Postgres.
 * 3. The initial JavaScript the console sends (every script and modulepreload of dist/console-web/index.html),
 *    gzipped at level 9 (test/bench/console-bundle.ts). Target: <= 250 KB.
 *
 * Knobs: BENCH_CONSOLE_VIEWS (400 case views per side), BENCH_CONSOLE_QUEUE_ROWS (100000),
 * BENCH_CONSOLE_QUEUE_CALLS (300 per view).
 *
 * benchSellerDesk below measures the seller's side (issue 17) on its own cluster: `npm run bench console-seller`.
 */
import { openDisputeBody } from '@settle/contracts/testing';
import { eventually } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { cookieOf } from '../../apps/console/src/testing/console-harness';
import { SettleCluster } from '../e2e/support/settle-cluster';
import { consoleBundleSize, sellerBundleSize } from './console-bundle';
import { percentile, recordResult } from './report';

const VIEWS = Number(process.env.BENCH_CONSOLE_VIEWS ?? 400);
const QUEUE_ROWS = Number(process.env.BENCH_CONSOLE_QUEUE_ROWS ?? 100_000);
const QUEUE_CALLS = Number(process.env.BENCH_CONSOLE_QUEUE_CALLS ?? 300);

export async function benchConsole(databaseUrl: string, kafkaBrokers: string): Promise<void> {
  const cluster = await SettleCluster.start('bench_console', {
    infrastructure: { databaseUrl, kafkaBrokers },
    console: true,
    policy: { buyerEscalateFrom: 'PT1S', staffRulingSla: 'PT1H' },
    env: { LOG_LEVEL: 'warn' },
  });
  try {
    const demo = await cluster.seedDemo();
    const staffKey = demo.keys.find((key) => key.role === 'staff')!.key;
    const consoleUrl = cluster.url('console');
    const signIn = await fetch(`${consoleUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: consoleUrl, 'x-settle-console': '1' },
      body: JSON.stringify({ apiKey: staffKey }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status}`);
    const cookie = cookieOf(signIn);

    const queue = await cluster.call('escalation-timer', 'GET', '/v1/escalations?status=CLAIMED', { key: staffKey });
    const escalation = queue.body.items[0] as { id: string; disputeId: string };
    const view: [service: 'escalation-timer' | 'dispute-intake' | 'negotiation', path: string][] = [
      ['escalation-timer', `/v1/escalations/${escalation.id}`],
      ['dispute-intake', `/v1/disputes/${escalation.disputeId}`],
      ['escalation-timer', `/v1/disputes/${escalation.disputeId}/deadlines`],
      ['negotiation', `/v1/disputes/${escalation.disputeId}/messages`],
      ['negotiation', `/v1/disputes/${escalation.disputeId}/proposals`],
    ];
    const load = async (through: 'gateway' | 'direct'): Promise<number> => {
      const started = performance.now();
      await Promise.all(
        view.map(async ([service, path]) => {
          const response =
            through === 'gateway'
              ? await fetch(`${consoleUrl}/api/${service}${path}`, { headers: { cookie } })
              : await fetch(`${cluster.url(service)}${path}`, { headers: { authorization: `Bearer ${staffKey}` } });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${through} ${service}${path}: ${response.status}`);
        }),
      );
      return performance.now() - started;
    };
    for (let warm = 0; warm < 50; warm += 1) {
      await load('gateway');
      await load('direct');
    }
    const gateway: number[] = [];
    const direct: number[] = [];
    for (let round = 0; round < VIEWS; round += 1) {
      // Alternating, so both sides see the same moments of the machine.
      if (round % 2 === 0) {
        gateway.push(await load('gateway'));
        direct.push(await load('direct'));
      } else {
        direct.push(await load('direct'));
        gateway.push(await load('gateway'));
      }
    }
    gateway.sort((a, b) => a - b);
    direct.sort((a, b) => a - b);

    const schema = cluster.schemaOf('escalation-timer');
    await fillQueue(databaseUrl, schema, QUEUE_ROWS);
    const queueViews: [label: string, query: string][] = [
      ['queue Unclaimed (status=OPEN)', 'status=OPEN'],
      ['queue Overdue (overdue=true)', 'overdue=true'],
      ['queue claimed (status=CLAIMED)', 'status=CLAIMED'],
      ['queue Ruled (status=RULED)', 'status=RULED'],
      ['queue all, by due time', ''],
    ];
    const queueFigures = [];
    const notes: string[] = [];
    for (const [label, query] of queueViews) {
      const first = await cluster.call('escalation-timer', 'GET', `/v1/escalations?${query}`, { key: staffKey });
      const cursor = first.body.nextCursor as string | null;
      const latencies: number[] = [];
      for (let call = 0; call < QUEUE_CALLS; call += 1) {
        const page = call % 2 === 1 && cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const started = performance.now();
        const response = await fetch(`${cluster.url('escalation-timer')}/v1/escalations?${query}${page}`, {
          headers: { authorization: `Bearer ${staffKey}` },
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`queue ${query}: ${response.status}`);
      }
      latencies.sort((a, b) => a - b);
      const sql = await firstPageSql(databaseUrl, schema, query);
      queueFigures.push({
        label: `${label} p99`,
        value: percentile(latencies, 99),
        unit: 'ms',
        baseline: sql.p99,
        target: '< 50 ms',
      });
      notes.push(`${label}: p50 ${percentile(latencies, 50).toFixed(2)} ms; plan: ${sql.plan}`);
    }

    // 3. The JavaScript the console sends before its first screen (index.html's scripts), gzipped.
    const bundle = consoleBundleSize();
    recordResult({
      name: 'console',
      description:
        `A case view (5 GETs at once) through the console's gateway vs straight to the services, ${VIEWS} views each, ` +
        `alternating; then the staff queue API with ${QUEUE_ROWS.toLocaleString('en-US')} escalations ` +
        `(first and second pages alternating, ${QUEUE_CALLS} calls per view; baseline: the page's SQL alone in Postgres)`,
      figures: [
        {
          label: 'case view p50 via gateway',
          value: percentile(gateway, 50),
          unit: 'ms',
          baseline: percentile(direct, 50),
          target: 'ratio <= 1.3',
        },
        {
          label: 'case view p99 via gateway',
          value: percentile(gateway, 99),
          unit: 'ms',
          baseline: percentile(direct, 99),
          target: 'ratio <= 1.3',
        },
        ...queueFigures,
        {
          label: 'initial JS gzipped',
          value: bundle.initialJsGzipBytes / 1024,
          unit: 'KB',
          target: `<= ${bundle.targetGzipBytes / 1024} KB`,
        },
      ],
      notes: [
        ...notes,
        `initial JS: ${bundle.files.map((file) => `${file.file} ${(file.gzipBytes / 1024).toFixed(1)} KB gzipped`).join(', ')}`,
      ],
    });
  } finally {
    await cluster.stop();
  }
}

/**
 * `rows` escalations as a marketplace accumulates them: 85% ruled or closed (due over the last 180 days), 10% open
 * and 5% claimed (due from 2 days ago to 2 days ahead, so part of them overdue). Vacuumed and analysed afterwards (the
 * machines' Postgres runs with autovacuum off).
 */
async function fillQueue(databaseUrl: string, schema: string, rows: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET search_path = "${schema}"`);
    await client.query(
      `INSERT INTO escalations (id, dispute_id, seller_id, status, cause, escalated_at, due_at, claimed_by, claimed_at,
         ruled_by, ruled_at, closed_at, agreed_after_escalation, history)
       SELECT gen_random_uuid(), gen_random_uuid(), 'S-BENCH-' || (n % 500),
         s.status, 'BUYER_ESCALATED', s.due - interval '2 days', s.due,
         CASE WHEN s.status IN ('CLAIMED', 'RULED') THEN 'staff-' || (n % 20) END,
         CASE WHEN s.status IN ('CLAIMED', 'RULED') THEN s.due - interval '1 day' END,
         CASE WHEN s.status = 'RULED' THEN 'staff-' || (n % 20) END,
         CASE WHEN s.status = 'RULED' THEN s.due - interval '6 hours' END,
         CASE WHEN s.status = 'CLOSED' THEN s.due - interval '12 hours' END,
         s.status = 'CLOSED', '[]'::jsonb
       FROM generate_series(1, $1::int) AS n,
         LATERAL (SELECT CASE WHEN n % 100 < 75 THEN 'RULED' WHEN n % 100 < 85 THEN 'CLOSED'
                              WHEN n % 100 < 95 THEN 'OPEN' ELSE 'CLAIMED' END AS status) AS k,
         LATERAL (SELECT k.status,
                    CASE WHEN k.status IN ('OPEN', 'CLAIMED')
                      THEN now() + (random() * 4 - 2) * interval '1 day'
                      ELSE now() - (2 + random() * 178) * interval '1 day' END AS due) AS s`,
      [rows],
    );
    await client.query('VACUUM ANALYZE escalations');
  } finally {
    await client.end();
  }
}

/** The repository's first-page statement for a view, run straight in Postgres (p99 of 100 runs), and its plan. */
async function firstPageSql(
  databaseUrl: string,
  schema: string,
  query: string,
): Promise<{ p99: number; plan: string }> {
  const params = new URLSearchParams(query);
  const where: string[] = [];
  const values: unknown[] = [];
  if (params.get('status')) {
    values.push(params.get('status'));
    where.push(`status = $${values.length}`);
  }
  if (params.get('overdue') === 'true') where.push(`status IN ('OPEN', 'CLAIMED') AND due_at <= now()`);
  const sql =
    `SELECT * FROM escalations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` + `ORDER BY due_at, id LIMIT 51`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET search_path = "${schema}"`);
    const times: number[] = [];
    for (let run = 0; run < 100; run += 1) {
      const started = performance.now();
      await client.query(sql, values);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
    const lines = plan.rows.map((row) => row['QUERY PLAN'].trim());
    return { p99: percentile(times, 99), plan: lines.filter((line) => /Scan|Sort/.test(line)).join(' / ') };
  } finally {
    await client.end();
  }
}

const SELLER_DISPUTES = Number(process.env.BENCH_SELLER_DISPUTES ?? 10_000);
const SELLER_CALLS = Number(process.env.BENCH_SELLER_CALLS ?? 300);

type Service = 'escalation-timer' | 'dispute-intake' | 'negotiation';

/**
 * The seller's desk (issue 17, Measure), on the four services and the console run from dist/:
 *
 * 1. The dispute page's API calls through the gateway (a seller's session cookie) for a seller with
 *    BENCH_SELLER_DISPUTES (10,000) disputes: each call the page makes (the dispute, its predicted ruling, the buyer's
 *    context, the thread, the reply templates) and the disputes list's two (counts by status, the awaiting page),
 *    BENCH_SELLER_CALLS (300) times each, one at a time, p99 each. Baseline: the same call straight to the service with
 *    the seller's key, alternating in the same run. Target: < 50 ms each.
 *    Two disputes are opened as the marketplace opens them (the one the page shows and a template); the others are
 *    the template's rows copied in SQL in each service's tables (generate_series, as the queue's 100,000
 *    escalations are seeded), each with its own id, order and buyer (one in a thousand the shown dispute's buyer, so
 *    its context has history).
 * 2. The seller bundle: the JavaScript loaded before the seller's first screen, gzipped (console-bundle.ts).
 *    Target: <= 250 KB.
 */
export async function benchSellerDesk(databaseUrl: string, kafkaBrokers: string): Promise<void> {
  const cluster = await SettleCluster.start('bench_seller', {
    infrastructure: { databaseUrl, kafkaBrokers },
    console: true,
    policy: { sellerResponse: 'P5D', platformIntervention: 'P10D' },
    env: { LOG_LEVEL: 'warn', AUDIT_IMAGES: 'off' },
  });
  try {
    const sellerId = 'S-BENCH-DESK';
    const [platformKey, sellerKey] = await Promise.all([
      cluster.createKey('platform'),
      cluster.createKey('seller', sellerId),
    ]);
    const open = async (name: string) => {
      const parties = {
        orderId: `O-DESK-${name}`,
        buyerId: `B-DESK-${name}`,
        sellerId,
        listingId: `L-DESK-${name}`,
      };
      const now = Date.now();
      const response = await cluster.call('dispute-intake', 'POST', '/v1/disputes', {
        key: platformKey,
        headers: { 'idempotency-key': randomUUID() },
        body: openDisputeBody(parties, {
          paidAt: new Date(now - 20 * 86_400_000).toISOString(),
          shippedAt: new Date(now - 18 * 86_400_000).toISOString(),
          buyerCountry: 'FR',
          sellerCountry: 'CN',
        }),
      });
      if (response.status !== 201) throw new Error(`open ${name}: ${response.status} ${JSON.stringify(response.body)}`);
      return { disputeId: (response.body as { id: string }).id, ...parties };
    };
    const shown = await open('SHOWN');
    const template = await open('TEMPLATE');
    // Every service has heard of both before their rows are copied.
    for (const { disputeId } of [shown, template]) {
      await eventually(
        async () =>
          (
            await Promise.all([
              cluster.call('negotiation', 'GET', `/v1/disputes/${disputeId}/context`, { key: sellerKey }),
              cluster.call('escalation-timer', 'GET', `/v1/disputes/${disputeId}/predicted-ruling`, { key: sellerKey }),
            ])
          ).every((answer) => answer.status === 200),
        { timeoutMs: 60_000, what: `every service to know dispute ${disputeId}` },
      );
    }
    const copies = SELLER_DISPUTES - 2;
    const copied = await copyDisputes(cluster, databaseUrl, template, shown.buyerId, copies);

    const consoleUrl = cluster.url('console');
    const signIn = await fetch(`${consoleUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: consoleUrl, 'x-settle-console': '1' },
      body: JSON.stringify({ apiKey: sellerKey }),
    });
    if (signIn.status !== 200) throw new Error(`seller sign-in: ${signIn.status}`);
    const cookie = cookieOf(signIn);
    const id = shown.disputeId;
    const calls: [label: string, service: Service, path: string][] = [
      ['dispute', 'dispute-intake', `/v1/disputes/${id}`],
      ['predicted ruling', 'escalation-timer', `/v1/disputes/${id}/predicted-ruling`],
      ['buyer context', 'negotiation', `/v1/disputes/${id}/context`],
      ['messages', 'negotiation', `/v1/disputes/${id}/messages?limit=100`],
      ['reply templates', 'negotiation', `/v1/templates?disputeId=${id}`],
      ['list: counts by status', 'dispute-intake', '/v1/disputes/counts'],
      ['list: awaiting page', 'dispute-intake', '/v1/disputes?status=AWAITING_SELLER&limit=100'],
    ];
    const once = async (through: 'gateway' | 'direct', service: Service, path: string): Promise<number> => {
      const started = performance.now();
      const response =
        through === 'gateway'
          ? await fetch(`${consoleUrl}/api/${service}${path}`, { headers: { cookie } })
          : await fetch(`${cluster.url(service)}${path}`, { headers: { authorization: `Bearer ${sellerKey}` } });
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`${through} ${service}${path}: ${response.status}`);
      return elapsed;
    };
    const counts = await cluster.call('dispute-intake', 'GET', '/v1/disputes/counts', { key: sellerKey });
    const total = Object.values(counts.body.byStatus as Record<string, number>).reduce((sum, n) => sum + n, 0);
    if (total !== SELLER_DISPUTES) throw new Error(`the seller has ${total} disputes, not ${SELLER_DISPUTES}`);

    const figures = [];
    const notes: string[] = [`seeded: ${copied}`];
    for (const [label, service, path] of calls) {
      for (let warm = 0; warm < 20; warm += 1) {
        await once('gateway', service, path);
        await once('direct', service, path);
      }
      const gateway: number[] = [];
      const direct: number[] = [];
      for (let round = 0; round < SELLER_CALLS; round += 1) {
        if (round % 2 === 0) {
          gateway.push(await once('gateway', service, path));
          direct.push(await once('direct', service, path));
        } else {
          direct.push(await once('direct', service, path));
          gateway.push(await once('gateway', service, path));
        }
      }
      gateway.sort((a, b) => a - b);
      direct.sort((a, b) => a - b);
      figures.push({
        label: `seller ${label} p99 via gateway`,
        value: percentile(gateway, 99),
        unit: 'ms',
        baseline: percentile(direct, 99),
        target: '< 50 ms',
      });
      notes.push(
        `${label} (${service} GET ${path.replace(id, '{id}')}): p50 ${percentile(gateway, 50).toFixed(2)} ms via gateway, ` +
          `${percentile(direct, 50).toFixed(2)} ms direct`,
      );
    }

    const bundle = sellerBundleSize();
    recordResult({
      name: 'console-seller',
      description:
        `The seller's dispute page and list API calls through the console's gateway for a seller with ` +
        `${SELLER_DISPUTES.toLocaleString('en-US')} disputes, ${SELLER_CALLS} calls each, one at a time ` +
        `(baseline: the same call straight to the service, alternating); the seller's initial JavaScript`,
      figures: [
        ...figures,
        {
          label: 'seller initial JS gzipped',
          value: bundle.initialJsGzipBytes / 1024,
          unit: 'KB',
          target: `<= ${bundle.targetGzipBytes / 1024} KB`,
        },
      ],
      notes: [
        ...notes,
        `seller initial JS: ${bundle.files.map((file) => `${file.file} ${(file.gzipBytes / 1024).toFixed(1)} KB gzipped`).join(', ')}`,
      ],
    });
  } finally {
    await cluster.stop();
  }
}

/**
 * The tables that hold a dispute (or its order) in each service, by the column naming it: the template's rows there
 * are copied `copies` times. `dispute` columns get the copy's id, `order` its order id; in every other column the
 * template's dispute id, order id and buyer id are replaced in the text (JSON states and events name them too).
 */
const DISPUTE_TABLES: { service: Service; table: string; key: string; by: 'dispute' | 'order' }[] = [
  { service: 'dispute-intake', table: 'disputes', key: 'id', by: 'dispute' },
  { service: 'dispute-intake', table: 'dispute_events', key: 'dispute_id', by: 'dispute' },
  { service: 'dispute-intake', table: 'orders', key: 'order_id', by: 'order' },
  { service: 'negotiation', table: 'dispute_projection', key: 'id', by: 'dispute' },
  { service: 'negotiation', table: 'buyer_orders', key: 'order_id', by: 'order' },
  { service: 'escalation-timer', table: 'dispute_projections', key: 'dispute_id', by: 'dispute' },
  { service: 'escalation-timer', table: 'order_tracking', key: 'order_id', by: 'order' },
];

/** Copies the template dispute's rows `copies` times in one INSERT … SELECT per table; answers what it wrote. */
async function copyDisputes(
  cluster: SettleCluster,
  databaseUrl: string,
  template: { disputeId: string; orderId: string; buyerId: string },
  shownBuyer: string,
  copies: number,
): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const written: string[] = [];
  try {
    for (const { service, table, key, by } of DISPUTE_TABLES) {
      const schema = cluster.schemaOf(service);
      const columns = await client.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2
          ORDER BY ordinal_position`,
        [schema, table],
      );
      if (columns.rows.length === 0) throw new Error(`no table ${schema}.${table}`);
      // $1 template dispute, $2 template order, $3 template buyer, $4 the shown dispute's buyer, $5 copies.
      const newDispute = `md5('bench-desk-' || n)::uuid`;
      const newOrder = `'O-BENCH-DESK-' || n`;
      const newBuyer = `CASE WHEN n % 1000 = 0 THEN $4::text ELSE 'B-BENCH-DESK-' || (n % 2500) END`;
      const replaced = (expression: string) =>
        `replace(replace(replace(${expression}, $1::text, ${newDispute}::text), $2::text, ${newOrder}), $3::text, ${newBuyer})`;
      const value = ({ column_name: name, data_type: type }: { column_name: string; data_type: string }) => {
        const column = `t."${name}"`;
        if (name === key)
          return by === 'dispute' && type === 'uuid' ? newDispute : by === 'dispute' ? `${newDispute}::text` : newOrder;
        if (type === 'uuid')
          return `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} = $1::uuid THEN ${newDispute} ELSE gen_random_uuid() END`;
        if (type === 'jsonb') return `${replaced(`${column}::text`)}::jsonb`;
        if (type === 'text') return replaced(column);
        return column;
      };
      const list = columns.rows.map((column) => `"${column.column_name}"`).join(', ');
      const match = by === 'dispute' ? '$1::text' : '$2::text';
      const result = await client.query(
        `INSERT INTO "${schema}"."${table}" (${list})
         SELECT ${columns.rows.map(value).join(', ')}
           FROM "${schema}"."${table}" t, generate_series(1, $5::int) AS n
          WHERE t."${key}"::text = ${match} AND num_nonnulls($1::text, $2::text, $3::text, $4::text) = 4`,
        [template.disputeId, template.orderId, template.buyerId, shownBuyer, copies],
      );
      await client.query(`VACUUM ANALYZE "${schema}"."${table}"`);
      written.push(`${service}.${table} ${result.rowCount ?? 0}`);
    }
  } finally {
    await client.end();
  }
  return written.join(', ');
}
