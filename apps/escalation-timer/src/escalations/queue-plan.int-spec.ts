import { createServiceDataSource, runServiceMigrations } from '@settle/platform';
import { isolatedEnvironment, type TestEnvironment } from '@settle/testing';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { EscalationTimerService } from '../service';
import { EscalationsRepository, type QueueFilter } from './escalations.repository';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The staff queue with many cases ruled long ago and the open ones due around now (as a marketplace accumulates
 * them): every saved view's page is read from an index in due order, never by walking the ruled cases first.
 */
describe('escalation queue pages (real Postgres planner)', () => {
  let environment: TestEnvironment;
  let dataSource: DataSource;
  let repository: EscalationsRepository;
  const now = new Date();

  beforeAll(async () => {
    environment = await isolatedEnvironment('queue_plan');
    const client = new Client({ connectionString: environment.databaseUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${environment.schema}"`);
    await client.end();
    dataSource = await createServiceDataSource({
      databaseUrl: environment.databaseUrl,
      schema: environment.schema,
      entities: EscalationTimerService.entities,
      migrations: EscalationTimerService.migrations,
    }).initialize();
    await runServiceMigrations(dataSource, environment.schema);
    await dataSource.query(
      `INSERT INTO escalations (id, dispute_id, seller_id, status, cause, escalated_at, due_at,
         agreed_after_escalation, history)
       SELECT gen_random_uuid(), gen_random_uuid(), 'S-' || (n % 50), s.status, 'BUYER_ESCALATED', s.due, s.due,
         false, '[]'::jsonb
       FROM generate_series(1, 30000) AS n,
         LATERAL (SELECT CASE WHEN n % 100 < 90 THEN 'RULED' WHEN n % 100 < 96 THEN 'OPEN' ELSE 'CLAIMED' END) AS k(status),
         LATERAL (SELECT k.status, CASE WHEN k.status = 'RULED' THEN $1::timestamptz - (2 + n % 170) * interval '1 day'
                                   ELSE $1::timestamptz + ((n % 97) - 48) * interval '1 hour' END) AS s(status, due)`,
      [now],
    );
    await dataSource.query('ANALYZE escalations');
    repository = new EscalationsRepository(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await environment?.cleanup();
  });

  async function plan(filter: Omit<QueueFilter, 'now' | 'limit'>): Promise<PlanNode[]> {
    const [sql, parameters] = repository.queueQuery({ ...filter, now, limit: 50 }).getQueryAndParameters();
    const [row] = await dataSource.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
      parameters,
    );
    const plan = row?.['QUERY PLAN'][0].Plan;
    if (!plan) throw new Error('EXPLAIN returned no plan');
    return nodes(plan);
  }

  it.each([
    ['Unclaimed', { status: 'OPEN' as const }],
    ['claimed', { status: 'CLAIMED' as const }],
    ['Overdue', { overdue: true }],
    ['Ruled', { status: 'RULED' as const }],
    [
      'Overdue, second page',
      {
        overdue: true,
        after: {
          dueAt: new Date(now.getTime() - 86_400_000).toISOString(),
          id: '00000000-0000-0000-0000-000000000000',
        },
      },
    ],
  ])('%s: an index scan in due order that skips (almost) nothing', async (_view, filter) => {
    const planNodes = await plan(filter);
    expect(planNodes.map((node) => node['Node Type'])).not.toContain('Sort');
    expect(planNodes.some((node) => /^escalations_(status|active)_queue$/.test(node['Index Name'] ?? ''))).toBe(true);
    const skipped = planNodes.reduce((sum, node) => sum + (node['Rows Removed by Filter'] ?? 0), 0);
    expect(skipped).toBeLessThan(100);
  });
});
