/**
 * `npm run bench`: starts the real Kafka and Postgres, runs every benchmark under test/bench, and prints
 * each figure beside its same-run baseline. Figures go to bench-results/ (git-ignored).
 */
import { startInfrastructure } from '../../deploy/infra';
import { run } from '../../deploy/scripts/process';
import { benchAuditQuality } from './audit-eval';
import { benchAudits } from './audits';
import { benchConsole, benchSellerDesk } from './console';
import { benchDeadlines } from './deadlines';
import { benchEndToEnd } from './end-to-end';
import { benchEvidence } from './evidence';
import { benchFaults } from './faults';
import { benchIntake } from './intake';
import { benchOutbox } from './outbox';
import { benchSupplyIncident } from './supply-incident';
import { benchWebhooks } from './webhooks';
import { writeReport } from './report';

const BENCHMARKS: Record<string, (databaseUrl: string, kafkaBrokers: string) => Promise<void>> = {
  outbox: benchOutbox,
  audits: benchAudits,
  'audit-quality': benchAuditQuality,
  intake: benchIntake,
  deadlines: benchDeadlines,
  webhooks: benchWebhooks,
  'end-to-end': benchEndToEnd,
  console: benchConsole,
  'console-seller': benchSellerDesk,
  evidence: benchEvidence,
  faults: benchFaults,
  'supply-incident': benchSupplyIncident,
};

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  // The intake and end-to-end benchmarks run the services from dist/, as `npm start` does.
  if (process.env.SETTLE_SKIP_BUILD !== '1' && (await run('npm', ['run', '--silent', 'build'])) !== 0) {
    throw new Error('the build failed');
  }
  const infrastructure = await startInfrastructure({ database: 'settle_bench', kafkaName: 'bench' });
  // The evidence object store, for the benchmarks that run dispute-intake (EVIDENCE_S3_*).
  Object.assign(process.env, infrastructure.evidenceEnv);
  try {
    for (const [name, bench] of Object.entries(BENCHMARKS)) {
      if (only.length > 0 && !only.includes(name)) continue;
      await bench(infrastructure.databaseUrl, infrastructure.kafkaBrokers);
    }
  } finally {
    await infrastructure.stop();
  }
  const table = writeReport();
  console.log(`\nSummary (bench-results/report.md, charts beside it):\n\n${table}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
