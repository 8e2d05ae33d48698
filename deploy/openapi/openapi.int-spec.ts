import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMITTED_API, generateApis, OPENAPI_SERVICES, ROOT, runBin, type GeneratedApi } from './generate';

/**
 * The console's typed client is generated from the services' own OpenAPI documents. `npm run openapi` runs this file
 * with OPENAPI_WRITE=1, which writes the documents and types where they are committed; otherwise they are produced
 * in a scratch folder and the test fails when the committed ones differ.
 */
const WRITE = process.env.OPENAPI_WRITE === '1';
const SERVICES = OPENAPI_SERVICES.map(([definition]) => definition.name);

let folder: string;
let fresh: GeneratedApi[];
const freshOf = (service: string) => fresh.find((api) => api.service === service)!;

beforeAll(async () => {
  folder = WRITE ? COMMITTED_API : mkdtempSync(join(tmpdir(), 'settle-openapi-'));
  fresh = await generateApis(folder);
});

afterAll(() => {
  if (!WRITE) rmSync(folder, { recursive: true, force: true });
});

function committed(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '(missing)';
  }
}

describe('the generated API types', () => {
  it.each(SERVICES)(
    '%s: the committed document and types equal a fresh generation (else run `npm run openapi`)',
    (service) => {
      const api = freshOf(service);
      expect(committed(join(COMMITTED_API, 'openapi', `${service}.json`))).toBe(readFileSync(api.documentPath, 'utf8'));
      expect(committed(join(COMMITTED_API, 'schema', `${service}.ts`))).toBe(readFileSync(api.typesPath, 'utf8'));
    },
  );
});

interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer?: string }[] }[];
}

describe('Redocly lint (recommended ruleset, redocly.yaml)', () => {
  it.each(SERVICES)('%s: no error', async (service) => {
    const report = await lint(freshOf(service).documentPath);
    const errors = report.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer ?? ''}: ${problem.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });
});

async function lint(file: string): Promise<RedoclyReport> {
  const args = ['lint', '--format=json', `--config=${join(ROOT, 'redocly.yaml')}`, file];
  // redocly exits 1 when it finds an error; the report on stdout says which.
  const { stdout } = await runBin('@redocly/cli', args).catch(
    (failure: Error & { stdout?: string; stderr?: string }) => {
      if (!failure.stdout) throw new Error(`redocly lint did not run: ${failure.stderr || failure.message}`);
      return { stdout: failure.stdout };
    },
  );
  return JSON.parse(stdout) as RedoclyReport;
}
