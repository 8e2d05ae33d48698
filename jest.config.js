/** Unit tests (`*.spec.ts`, no I/O) and integration tests (`*.int-spec.ts`, real Kafka and Postgres). */
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@settle/([a-z-]+)(/.*)?$': '<rootDir>/libs/$1/src$2' },
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test,deploy}/**/*.spec.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '/apps/console/web/'],
    },
    // The console's web app: its pure parts (money, countdowns, citations, catalogues), TSX through swc.
    {
      ...shared,
      displayName: 'web',
      testMatch: ['<rootDir>/apps/console/web/src/**/*.spec.{ts,tsx}'],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
      transform: {
        '^.+\\.tsx?$': [
          '@swc/jest',
          {
            ...swc,
            swcrc: false,
            jsc: {
              ...swc.jsc,
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
            },
          },
        ],
      },
    },
    // The console in Debian's Chromium (playwright-core), against the services and the console run from dist/.
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,deploy}/**/*.int-spec.ts', '<rootDir>/test/fuzz/**/*.int-spec.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
  // A global option (jest ignores it inside projects); unit tests finish far below it.
  testTimeout: 60_000,
};
