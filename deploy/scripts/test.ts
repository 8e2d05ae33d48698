/**
 * `npm test`: format, lint and type check; the real Kafka and Postgres started (deploy/infra); then every
 * jest project (unit, integration, e2e) against them, the services built once for the end-to-end tests; then a clean stop. Extra arguments go to jest
 * (`npm test -- libs/messaging`). The last line printed is the plain summary "N passed, N failed".
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { startInfrastructure } from '../infra';
import { run } from './process';

interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
}

async function main(): Promise<number> {
  mkdirSync('.cache', { recursive: true });
  const summaryFile = '.cache/test-summary.txt';
  const resultsFile = '.cache/jest-results.json';
  rmSync(summaryFile, { force: true });
  rmSync(resultsFile, { force: true });
  const jestArgs = process.argv.slice(2);

  const checkStatus = jestArgs.length > 0 ? 0 : await run('npm', ['run', '--silent', 'check']);
  if (checkStatus !== 0)
    console.error('settle: npm run check failed (format, lint or types); running the tests anyway');

  // The end-to-end tests run the services from dist/ as `npm start` does: one build, before any of them.
  const buildStatus = await run('npm', ['run', '--silent', 'build']);
  if (buildStatus !== 0) console.error('settle: npm run build failed; the end-to-end tests will fail');

  const infrastructure = await startInfrastructure({ database: 'settle_test', kafkaName: 'test' });
  let jestStatus = 1;
  try {
    jestStatus = await run(
      'node',
      ['node_modules/jest/bin/jest.js', '--ci', '--maxWorkers=2', '--json', `--outputFile=${resultsFile}`, ...jestArgs],
      {
        env: {
          ...process.env,
          KAFKA_BROKERS: infrastructure.kafkaBrokers,
          DATABASE_URL: infrastructure.databaseUrl,
          ...infrastructure.evidenceEnv,
          NODE_ENV: 'test',
          SETTLE_SKIP_BUILD: '1',
        },
      },
    );
  } finally {
    await infrastructure.stop();
  }

  const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as JestResults) : undefined;
  const checks = jestArgs.length > 0 ? 0 : 1;
  const passed = (results?.numPassedTests ?? 0) + (checks && checkStatus === 0 ? 1 : 0);
  const failed =
    (results?.numFailedTests ?? 1) + (results?.numRuntimeErrorTestSuites ?? 0) + (checks && checkStatus !== 0 ? 1 : 0);
  const skipped = (results?.numPendingTests ?? 0) + (results?.numTodoTests ?? 0);
  const summary = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
  writeFileSync(summaryFile, `${summary}\n`);
  console.log(summary);
  return checkStatus === 0 && buildStatus === 0 && jestStatus === 0 && failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
