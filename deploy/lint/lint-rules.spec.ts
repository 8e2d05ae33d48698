import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import * as ts from 'typescript';

/**
 * The rules `npm run check` enforces (docs/CONVENTIONS.md, "Rules the tools enforce"), each shown failing on a
 * deliberate violation in deploy/lint/fixtures (a tree shaped like the repository's, kept out of the lint, the
 * compile and the build). ESLint runs in a child process with the repository's eslint.config.mjs from the fixtures'
 * directory, so the config's path patterns (`apps/**`, `*.repository.ts`) apply to the fixtures as they do to the code.
 * The compiler's rule (noUncheckedIndexedAccess) is checked with the TypeScript API, below.
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
      'libs',
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
  }, 180_000);

  const service = 'apps/negotiation/src/orders/orders.service.ts';
  const rulesIn = (file: string) => (messages.get(file) ?? []).map((message) => message.ruleId);

  it('keeps TypeORM, pg and kafkajs out of a service', () => {
    const restricted = (messages.get(service) ?? []).filter((message) => message.ruleId === 'no-restricted-imports');
    expect(restricted.map((message) => message.message)).toEqual([
      expect.stringMatching(/^'typeorm' import is restricted.*repositories, entities, migrations/),
      expect.stringMatching(/^'pg' import is restricted/),
      expect.stringMatching(/^'kafkajs' import is restricted.*libs\/messaging/),
    ]);
  });

  it('keeps frameworks and I/O out of the domain', () => {
    expect(messages.get('libs/dispute-lifecycle/src/framework.ts')).toEqual([
      expect.objectContaining({
        ruleId: 'no-restricted-imports',
        message: expect.stringContaining('Domain code stays free of frameworks and I/O'),
      }),
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

/**
 * `noUncheckedIndexedAccess` is a compiler option, not a lint rule: the fixture's element reads are compiled with
 * the TypeScript API under the options the project's tsconfig gives them (fixtures/tsconfig.json extends the root
 * one), in this process. The type packages (`types`) are left out: the fixture uses no globals, and loading them
 * would triple the time.
 */
describe('noUncheckedIndexedAccess (npm run check: tsc -p tsconfig.json)', () => {
  const fixture = join(FIXTURES, 'apps/negotiation/src/orders/indexed.ts');
  const cache = new Map<string, ts.SourceFile | undefined>();

  function optionsOf(config: string): ts.CompilerOptions {
    const parsed = ts.getParsedCommandLineOfConfigFile(config, undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    if (!parsed) throw new Error(`${config} could not be read`);
    return parsed.options;
  }

  /** The fixture's diagnostics as `line:column code`, compiled with `options` (source files parsed once). */
  function diagnostics(options: ts.CompilerOptions): string[] {
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion) => {
      if (!cache.has(fileName)) cache.set(fileName, read(fileName, languageVersion));
      return cache.get(fileName);
    };
    const program = ts.createProgram({ rootNames: [fixture], options: { ...options, types: [] }, host });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const file = diagnostic.file ? relative(FIXTURES, diagnostic.file.fileName) : '';
      return `${file}:${(where?.line ?? -1) + 1}:${(where?.character ?? -1) + 1} TS${diagnostic.code}`;
    });
  }

  it('is on in the root tsconfig, the build and the console web app', () => {
    expect(optionsOf(join(ROOT, 'tsconfig.json')).noUncheckedIndexedAccess).toBe(true);
    expect(optionsOf(join(ROOT, 'tsconfig.build.json')).noUncheckedIndexedAccess).toBe(true);
    expect(optionsOf(join(ROOT, 'apps/console/web/tsconfig.json')).noUncheckedIndexedAccess).toBe(true);
  });

  it('rejects an element read by index that may be missing, and only because of the option', () => {
    const options = optionsOf(join(FIXTURES, 'tsconfig.json'));
    expect(diagnostics(options)).toEqual([
      'apps/negotiation/src/orders/indexed.ts:3:10 TS2532', // names[0].length
      'apps/negotiation/src/orders/indexed.ts:3:28 TS2532', // byId['a'].length
    ]);
    expect(diagnostics({ ...options, noUncheckedIndexedAccess: false })).toEqual([]);
  }, 30_000);
});

describe('test data stays out of the build (tsconfig.build.json)', () => {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  const shipped = (parsed?.fileNames ?? []).map((file) => relative(ROOT, file));
  const TEST_CODE = /(^|\/)(testing|test)\/|\.(spec|int-spec|e2e-spec|browser-spec)\.ts$|spec-fixtures\.ts$/;

  it('compiles no test file, fixture or sample', () => {
    expect(shipped.length).toBeGreaterThan(100);
    expect(shipped.filter((file) => TEST_CODE.test(file))).toEqual([]);
  });

  it('has no shipped file importing test code (which would pull it into dist)', () => {
    const imports = shipped.flatMap((file) =>
      ts
        .preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true)
        .importedFiles.filter(({ fileName }) => /(^|\/)testing(\/|$)|^@settle\/testing/.test(fileName))
        .map(({ fileName }) => `${file} imports ${fileName}`),
    );
    expect(imports).toEqual([]);
  });
});
