import { jsonShapeErrors, MAX_JSON_DEPTH, validateAs } from './validation';
import { ListingDto } from './shared/listing.dto';
import { RulingDecisionDto } from './shared/dispute.dto';
import { sampleListing } from './testing';

const deep = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('jsonShapeErrors', () => {
  it('accepts ordinary JSON, emoji (surrogate pairs) included', () => {
    expect(jsonShapeErrors({ title: 'Pendant 🙂', skus: [{ price: { amountMinor: 1 } }], none: null })).toEqual([]);
  });

  it('refuses nesting deeper than 32 levels without recursing (100,000 levels)', () => {
    expect(jsonShapeErrors(deep(MAX_JSON_DEPTH))).toEqual([]);
    expect(jsonShapeErrors({ a: deep(MAX_JSON_DEPTH) })).toEqual([
      {
        field: ['a', ...Array<string>(MAX_JSON_DEPTH - 1).fill('0')].join('.'),
        message: 'nests deeper than 32 levels',
      },
    ]);
    expect(jsonShapeErrors(deep(100_000))).toHaveLength(1);
  });

  it('names each NUL or lone surrogate in a value or a name', () => {
    expect(
      jsonShapeErrors({
        title: 'a\u0000b',
        skus: [{ note: '\ud800' }],
        attributes: { 'x\udc00': 'y', ok: '\udbff\udfff' },
      }),
    ).toEqual([
      { field: 'title', message: 'must not contain a NUL character' },
      { field: 'skus.0.note', message: 'must not contain a lone UTF-16 surrogate' },
      { field: 'attributes.x\udc00', message: 'is a name with a lone UTF-16 surrogate' },
    ]);
  });

  it('refuses reserved names at any depth, JSON.parse’s own __proto__ included', () => {
    const parsed = JSON.parse('{"a":{"__proto__":{"admin":true}},"constructor":1,"b":[{"prototype":2}]}') as unknown;
    expect(
      jsonShapeErrors(parsed)
        .map((error) => error.field)
        .sort(),
    ).toEqual(['a.__proto__', 'b.0.prototype', 'constructor']);
  });

  it('reports at most 20 fields', () => {
    expect(jsonShapeErrors(Array.from({ length: 100 }, () => '\u0000'))).toHaveLength(20);
  });
});

describe('validateAs holds payloads to the same shape', () => {
  it('refuses a NUL in a listing title and a lone surrogate in an attribute name', () => {
    const result = validateAs(
      ListingDto,
      { ...sampleListing(), title: 'x\u0000', attributes: { '\ud800': 'x' } },
      'data',
    );
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      'data.title',
      'data.attributes.\ud800',
    ]);
  });

  it('refuses an array where a nested object or an element is expected', () => {
    const fields = (data: unknown) => {
      const result = validateAs(ListingDto, data);
      return result.ok ? [] : result.errors.map((error) => error.field);
    };
    expect(fields({ ...sampleListing(), saleUnit: [] })).toEqual(['saleUnit']);
    expect(fields({ ...sampleListing(), images: [[]] })).toEqual(['images']);
    const ruling = validateAs(RulingDecisionDto, {
      rulingId: '01890a5d-ac96-774b-bcce-b302099a8057',
      outcome: 'REFUND_BUYER',
      rationale: 'Photos.',
      citations: [[]],
    });
    expect(ruling.ok ? [] : ruling.errors.map((error) => error.field)).toEqual(['citations']);
  });
});
