/** The library is pure domain code (docs/CONVENTIONS.md, "Domain code"): no wall clock, no randomness, no framework or I/O imports. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const sources = (readdirSync(__dirname, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'spec-fixtures.ts')
  .map((f) => ({ file: f, text: readFileSync(join(__dirname, f), 'utf8') }));

describe('dispute-lifecycle purity', () => {
  it('has sources to check', () => {
    expect(sources.map((s) => s.file)).toEqual(
      expect.arrayContaining(['lifecycle.ts', 'policy.ts', 'index.ts', join('decisions', 'proposals.ts')]),
    );
  });

  it.each([
    ['the wall clock (Date.now)', /\bDate\.now\s*\(/],
    ['the wall clock (new Date())', /new Date\(\s*\)/],
    ['randomness', /Math\.random|randomUUID/],
    [
      'a framework or I/O import',
      /from '(?:@nestjs\/[^']*|typeorm|kafkajs|pg|node:[^']*|fs|http|net|@settle\/(?!contracts\/(?:message-types|money|enums|required)')[^']*)'/,
    ],
  ])('never uses %s', (_what, pattern) => {
    expect(sources.filter((s) => pattern.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});
