import fc from 'fast-check';
import { hostileValue } from './hostile.js';

// Bodies shaped by a route's own schema (the JSON Schema the OpenAPI document derives from
// its zod schema), so most requests get past the first check and reach the handler; each
// value is, now and then, replaced by a hostile one. The keywords handled are those the
// API's schemas use (a test in write-routes.test.ts fails on one that is not).

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
};

export const handledKeywords = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'default',
  'description',
  '$schema',
]);

/** What the generator offers beyond the schema: the fixture's real ids, and values for fields known by name. */
export type Offer = { ids: readonly string[]; byName: Record<string, fc.Arbitrary<unknown>> };

/** Every keyword a schema uses, to check the generator knows them all. */
export function keywordsOf(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) keywordsOf(item, into);
  else if (schema && typeof schema === 'object')
    for (const [key, value] of Object.entries(schema)) {
      into.add(key);
      if (key === 'properties') for (const child of Object.values(value as object)) keywordsOf(child, into);
      else if (key !== 'enum' && key !== 'const' && key !== 'default') keywordsOf(value, into);
    }
  return into;
}

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

// Strings that fit a field's length but say something awkward.
const awkwardText = fc.constantFrom(
  '=1+2',
  '+SUM(1)',
  '<img src=x onerror=alert(1)>',
  'Zoë 漢字 ✓',
  'a\u0000b',
  '\u202eevil',
  "O'Brien; --",
  '\ud83d',
  ' leading and trailing ',
);

function stringOf(schema: JsonSchema, offer: Offer): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 300;
  if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...offer.ids), fc.uuid({ version: 7 }));
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max);
  return fc.oneof(
    {
      arbitrary: fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.min(max, 60) }),
      weight: 4,
    },
    { arbitrary: awkwardText.filter((s) => s.length >= min && s.length <= max), weight: 2 },
    // At the limit, and one over it.
    {
      arbitrary: fc.constantFrom('é'.repeat(Math.min(max, 100_000)), 'y'.repeat(Math.min(max + 1, 200_001))),
      weight: 1,
    },
  );
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000;
  const inRange = integer
    ? fc.integer({ min: Math.max(Math.ceil(min), -(2 ** 31)), max: Math.min(Math.floor(max), 2 ** 31) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // The bounds and just past them.
  return fc.oneof({ arbitrary: inRange, weight: 4 }, fc.constantFrom(min, max, min - 1, max + 1, min - 0.5));
}

function objectOf(schema: JsonSchema, offer: Offer, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const fields = Object.fromEntries(
    Object.entries(properties).map(([key, child]) => [
      key,
      offer.byName[key]
        ? fc.oneof({ arbitrary: offer.byName[key], weight: 3 }, shaped(child, offer, depth + 1))
        : shaped(child, offer, depth + 1),
    ]),
  );
  const known = fc.record(fields, {
    requiredKeys: Object.keys(properties).filter((k) => required.has(k)),
  });
  if (Object.keys(properties).length > 0 || schema.additionalProperties === false) return known;
  // A record keyed by something (languages, codes): a few keys of that kind.
  const values =
    typeof schema.additionalProperties === 'object'
      ? shaped(schema.additionalProperties, offer, depth + 1)
      : hostileValue;
  const keys = schema.propertyNames
    ? shaped(schema.propertyNames, offer, depth + 1)
    : fc.string({ maxLength: 12 });
  return fc.dictionary(keys.map(String), values, { maxKeys: 4 });
}

/** A value of the schema's shape, now and then hostile. */
export function shaped(schema: JsonSchema, offer: Offer, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: proper(schema, offer, depth), weight: 12 },
    { arbitrary: hostileValue, weight: 1 },
  );
}

function proper(schema: JsonSchema, offer: Offer, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => proper(s, offer, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectOf(schema, offer, depth);
    case 'array':
      return fc.array(schema.items ? shaped(schema.items, offer, depth + 1) : hostileValue, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, depth > 2 ? 2 : 5),
      });
    case 'string':
      return stringOf(schema, offer);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
