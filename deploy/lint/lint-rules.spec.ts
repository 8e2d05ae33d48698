import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The rules `npm run check` enforces (docs/CONVENTIONS.md, "Rules the tools enforce"), each shown failing on a
 * deliberate violation in deploy/lint/fixtures (a tree shaped like the repository's, kept out of the lint, the
 * compile and the build). ESLint runs in a child process with the repository's eslint.config.mjs from the fixtures'
 * directory, so the config's path patterns (`apps/**`, `*.repository.ts`) apply to the fixtures as they do to the code.
 */
const ROOT = join(__dirname, '../..');
const FIXTURES = join(__dirname, 'fixtures');

interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
}

async function lint(): Promise<Map<string, LintMessage[]>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/eslint/bin/eslint.js'),
      '--format',
      'json',
      '--config',
      join(ROOT, 'eslint.config.mjs'),
      'apps',
    ],
    { cwd: FIXTURES, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' })); // exit code 1: problems were found
  const results = JSON.parse(stdout) as { filePath: string; messages: LintMessage[] }[];
  return new Map(results.map((result) => [result.filePath.slice(FIXTURES.length + 1), result.messages]));
}

describe('lint rules (npm run check)', () => {
  let messages: Map<string, LintMessage[]>;
  beforeAll(async () => {
    messages = await lint();
  }, 60_000);

  const service = 'apps/negotiation/src/orders/orders.service.ts';
  const rulesIn = (file: string) => (messages.get(file) ?? []).map((message) => message.ruleId);

  it('keeps TypeORM and pg out of a service', () => {
    const restricted = (messages.get(service) ?? []).filter((message) => message.ruleId === 'no-restricted-imports');
    expect(restricted.map((message) => message.message)).toEqual([
      expect.stringMatching(/^'typeorm' import is restricted.*repositories, entities, migrations/),
      expect.stringMatching(/^'pg' import is restricted/),
    ]);
  });

  it('lets a repository and test code use them', () => {
    expect(rulesIn('apps/negotiation/src/orders/orders.repository.ts')).toEqual([]);
    expect(rulesIn('apps/negotiation/src/testing/harness.ts')).toEqual([]);
  });

  it('refuses an import from another app', () => {
    expect(messages.get(service)).toContainEqual(
      expect.objectContaining({
        ruleId: 'settle/no-cross-app-import',
        message: expect.stringContaining('apps/negotiation imports apps/dispute-intake'),
      }),
    );
  });

  it('reports a switch that misses a member of the union', () => {
    expect(messages.get(service)).toContainEqual(
      expect.objectContaining({
        ruleId: '@typescript-eslint/switch-exhaustiveness-check',
        message: expect.stringContaining('DELIVERED'),
      }),
    );
  });

  it.each([
    'no-unsafe-assignment',
    'no-unsafe-member-access',
    'no-unsafe-call',
    'no-unsafe-argument',
    'no-unsafe-return',
  ])('reports %s in code that ships', (rule) => {
    expect(rulesIn(service)).toContain(`@typescript-eslint/${rule}`);
  });
});
