import { required } from '@settle/contracts';
import fc from 'fast-check';

/**
 * Malformed requests, generated from a valid one: each request carries at least one defect that the contract refuses
 * whatever else it holds, so none may be applied. No defect is `null` (an optional field set to null is absent, and
 * the request may then be valid) and no unknown name is one a later contract could accept (each has an upper-case
 * letter and an underscore: never a CloudEvents extension attribute, never a DTO field).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

export interface Template {
  /** A valid body (never sent as it is). */
  body: Record<string, Json>;
  /** Paths (with `*` for any array index or map name) whose value is a closed set of strings. */
  enums?: string[];
  /** Paths of free-form string maps (listing attributes): any name is a valid field there. */
  maps?: string[];
  /** The route's body limit in bytes. */
  limit: number;
}

export interface Malformed {
  body: string | Buffer;
  contentType: string;
  label: string;
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

function leaves(value: Json, path: Path = [], out: { path: Path; value: Json }[] = []) {
  if (path.length > 0) out.push({ path, value });
  if (Array.isArray(value)) value.forEach((item, index) => leaves(item, [...path, index], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) leaves(item, [...path, key], out);
  return out;
}

const matches = (path: Path, pattern: string) => {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((part, index) => part === '*' || part === String(path[index]));
};

function setAt(root: Json, path: Path, value: Json): void {
  let node = root as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  const last = required(path.at(-1), 'the field to set');
  if (last === '__proto__')
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  else node[last] = value;
}

const getAt = (root: Json, path: Path): Json =>
  path.reduce<Json>(
    (node, step) => required((node as Record<string | number, Json>)[step], 'a step of the path'),
    root,
  );

/** The element at `index` counted round a non-empty list (a fast-check draw of any size picks one of them). */
const cyclic = <T>(items: readonly T[], index: number): T =>
  required(items[index % items.length], 'an element of a non-empty list');

/** A value of another JSON kind than `value` (never null). */
function otherKind(value: Json, pick: number): Json {
  const kinds: Json[] = [[], [[]], {}, 42, 'text', true, [{}], 1.5];
  const kindOf = (v: Json) => (Array.isArray(v) ? 'array' : typeof v);
  const candidates = kinds.filter((candidate) => kindOf(candidate) !== kindOf(value));
  return cyclic(candidates, pick);
}

/**
 * Deep nesting is spliced into the JSON text (a marker string stands in for it until then): the generator's own
 * JSON.stringify, like any recursive walk, would overflow its stack on 5,000 levels.
 */
const DEEP_MARKER = /"@@deep:(\d+):([ao])@@"/g;

function nestedText(levels: number, arrays: boolean): string {
  return arrays ? `${'['.repeat(levels)}1${']'.repeat(levels)}` : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

const spliceDeep = (json: string) =>
  json.replace(DEEP_MARKER, (_marker, levels: string, kind: string) => nestedText(Number(levels), kind === 'a'));

const BAD_MONEY: [Json, Json][] = [
  [-1, 'USD'],
  [1.5, 'USD'],
  [2 ** 53, 'USD'],
  [1e300, 'USD'],
  ['100', 'USD'],
  [100, 'usd'],
  [100, 'ZZZ'],
  [100, ''],
  [100, ['USD']],
];

const mutation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wrong-type' as const), at: fc.nat(), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('unknown-field' as const),
      at: fc.nat(),
      name: fc.oneof(
        fc.constantFrom(...PROTOTYPE_KEYS),
        fc.string({ maxLength: 12 }).map((text) => `Unknown_${text}`),
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('unstorable' as const),
      at: fc.nat(),
      where: fc.nat(),
      text: fc.constantFrom('\u0000', '\ud800', '\udfff', 'a\u0000b', '\udbff\u0041'),
      inName: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      at: fc.nat(),
      levels: fc.oneof(fc.integer({ min: 33, max: 100 }), fc.constant(5000)),
      arrays: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bad-enum' as const), at: fc.nat(), text: fc.string() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bad-money' as const), at: fc.nat(), pick: fc.nat() }) },
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

const rawDefect = fc.oneof(
  fc.constant({ kind: 'huge' as const }),
  fc.constant({ kind: 'bom' as const }),
  fc.constant({ kind: 'form' as const }),
  fc.constant({ kind: 'text-plain' as const }),
  fc.constant({ kind: 'charset' as const }),
  fc.record({ kind: fc.constant('truncated' as const), cut: fc.nat() }),
  fc.record({ kind: fc.constant('not-json' as const), text: fc.string({ minLength: 1, maxLength: 40 }) }),
  fc.record({
    kind: fc.constant('not-an-object' as const),
    value: fc.constantFrom<Json>([], [{}], 'text', 1, true, null),
  }),
);

type RawDefect = typeof rawDefect extends fc.Arbitrary<infer R> ? R : never;

/** Applies one mutation; false when the template has nowhere to apply it (the caller then adds an unknown field). */
function apply(body: Record<string, Json>, template: Template, change: Mutation): string | undefined {
  const all = leaves(body);
  const inMap = (path: Path) => (template.maps ?? []).some((pattern) => matches(path.slice(0, -1), pattern));
  switch (change.kind) {
    case 'wrong-type': {
      const targets = all.filter(({ path }) => !inMap(path));
      if (targets.length === 0) return undefined;
      const { path, value } = cyclic(targets, change.at);
      // Of another kind than the template's own value: a second change of the same field must not restore its kind.
      const original = leaves(template.body).find((leaf) => leaf.path.join('.') === path.join('.'))?.value ?? value;
      setAt(body, path, otherKind(original, change.pick));
      return `${path.join('.')}: wrong type`;
    }
    case 'unknown-field': {
      const objects = [
        { path: [] as Path, value: body as Json },
        ...all.filter(({ value }) => value !== null && typeof value === 'object' && !Array.isArray(value)),
      ].filter(
        ({ path }) => PROTOTYPE_KEYS.includes(change.name) || !(template.maps ?? []).some((m) => matches(path, m)),
      );
      const { path } = cyclic(objects, change.at);
      setAt(body, [...path, change.name], 'x');
      return `${[...path, change.name].join('.')}: unknown field`;
    }
    case 'unstorable': {
      const strings = all.filter(({ value }) => typeof value === 'string');
      if (strings.length === 0) return undefined;
      const { path, value } = cyclic(strings, change.at);
      const text = value as string;
      const spoiled =
        text.slice(0, change.where % (text.length + 1)) + change.text + text.slice(change.where % (text.length + 1));
      const parentPath = path.slice(0, -1);
      if (change.inName && typeof path[path.length - 1] === 'string') {
        const parent = getAt(body, parentPath) as Record<string, Json>;
        const name = path[path.length - 1] as string;
        const renamed = name + change.text;
        delete parent[name];
        parent[renamed] = text;
        return `${[...parentPath, renamed].join('.')}: unstorable name`;
      }
      setAt(body, path, spoiled);
      return `${path.join('.')}: unstorable text`;
    }
    case 'deep': {
      const targets = [...all.filter(({ path }) => !inMap(path)).map(({ path }) => path), ['Deep_field']];
      const path = cyclic(targets, change.at);
      setAt(body, path, `@@deep:${change.levels}:${change.arrays ? 'a' : 'o'}@@`);
      return `${path.join('.')}: ${change.levels} levels`;
    }
    case 'bad-enum': {
      const enums = all.filter(({ path }) => (template.enums ?? []).some((pattern) => matches(path, pattern)));
      if (enums.length === 0) return undefined;
      const { path } = cyclic(enums, change.at);
      setAt(body, path, `not-${change.text}`);
      return `${path.join('.')}: bad enum`;
    }
    case 'bad-money': {
      const money = all.filter(
        ({ value }) => value !== null && typeof value === 'object' && !Array.isArray(value) && 'amountMinor' in value,
      );
      if (money.length === 0) return undefined;
      const { path } = cyclic(money, change.at);
      const [amountMinor, currency] = cyclic(BAD_MONEY, change.pick);
      setAt(body, path, { amountMinor, currency });
      return `${path.join('.')}: bad money`;
    }
  }
}

function serialise(body: Record<string, Json>, template: Template, raw: RawDefect | undefined): Malformed {
  const json = spliceDeep(JSON.stringify(body));
  const contentType = 'application/json';
  if (!raw) return { body: json, contentType, label: '' };
  switch (raw.kind) {
    case 'huge':
      return {
        body: spliceDeep(JSON.stringify({ ...body, Padding_field: 'x'.repeat(template.limit) })),
        contentType,
        label: 'over the limit',
      };
    case 'bom':
      return { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), contentType, label: 'BOM' };
    case 'form':
      return {
        body: new URLSearchParams(
          Object.entries(body).map(([k, v]): [string, string] => [k, spliceDeep(JSON.stringify(v))]),
        ).toString(),
        contentType: 'application/x-www-form-urlencoded',
        label: 'form-encoded',
      };
    case 'text-plain':
      return { body: json, contentType: 'text/plain', label: 'text/plain' };
    case 'charset':
      return { body: json, contentType: 'application/json; charset=utf-16', label: 'charset' };
    case 'truncated':
      return { body: json.slice(0, (raw.cut % (json.length - 1)) + 1), contentType, label: 'truncated JSON' };
    case 'not-json':
      return { body: `<${raw.text}`, contentType, label: 'not JSON' };
    case 'not-an-object':
      return { body: JSON.stringify(raw.value), contentType, label: 'not an object' };
  }
}

/** Malformed requests for `template`: one to three body defects, and sometimes a defect of the bytes themselves. */
export function malformedRequests(template: Template): fc.Arbitrary<Malformed> {
  return fc
    .tuple(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.option(rawDefect, { freq: 4 }))
    .map(([changes, raw]) => {
      const body = structuredClone(template.body);
      const labels: string[] = [];
      for (const change of changes) {
        labels.push(
          apply(body, template, change) ??
            (apply(body, template, { kind: 'unknown-field', at: change.at, name: 'Unknown_field' }) as string),
        );
      }
      const malformed = serialise(body, template, raw ?? undefined);
      return { ...malformed, label: [...labels, malformed.label].filter(Boolean).join('; ') };
    });
}

/** Path ids that name nothing: the request around them is valid, so only the id stops it. */
export const badIds = fc.oneof(
  fc.constantFrom('abc', '%00', '0', '%20', 'null', '1%20OR%201%3D1', '00000000-0000-0000-0000-00000000000g', '%C0%AF'),
  fc.uuid().map((id) => `${id}x`),
  fc.uuid().map((id) => id.slice(0, 35)),
  fc.string({ minLength: 1, maxLength: 20 }).map((text) => encodeURIComponent(`x${text}`)),
);
