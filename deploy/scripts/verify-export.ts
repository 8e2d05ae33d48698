/**
 * `npm run verify-export -- FILE`: checks a dispute export bundle (GET /v1/disputes/{id}/export) offline: every
 * event's hash, the chain of previous hashes, the versions and the head hash. Exit code 0 when it verifies, 1 when
 * it does not (each problem printed), 2 on a usage error.
 */
import { verifyDisputeExport } from '@settle/contracts';
import { readFileSync } from 'node:fs';

function main(argv: string[]): number {
  const file = argv.find((arg) => arg !== '--');
  if (!file) {
    console.error('usage: npm run verify-export -- <bundle.json>');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const result = verifyDisputeExport(text);
  if (result.ok) {
    console.log(`OK: dispute ${result.disputeId}, ${result.events} events, head hash ${result.headHash}`);
    return 0;
  }
  console.error(`NOT VERIFIED: ${file}`);
  for (const error of result.errors) console.error(`  - ${error}`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
