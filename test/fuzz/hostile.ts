import fc from 'fast-check';

// The values an attacker, a broken client or a pasted spreadsheet sends. Each is tried in
// place of a field's proper value, as a path parameter, a query value and a header.

const huge = 'x'.repeat(200_000);

export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'a\udfffb',
  '\u202egnp.exe',
  '\u200b\ufeff',
  '👩‍👩‍👧‍👦'.repeat(50),
  '漢字'.repeat(3000),
  huge,
  '=HYPERLINK("http://evil.example","x")',
  '+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(A1:A9)',
  '<script>alert(1)</script>',
  "'; DROP TABLE cases; --",
  '../../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '\r\nSet-Cookie: x=1',
  '__proto__',
  'constructor',
  'toString',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '3020-13-45',
  '0000-00-00',
  '2024-02-30',
  '9999-12-31',
  '10000-01-01',
  '2024-01-01T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '01a00000-0000-7000-8000-00000000dead',
  '01A00000-0000-7000-8000-00000000DEAD',
  'not-a-uuid',
  '{"a":1}',
];

export const hostileNumbers: readonly number[] = [
  -1,
  0,
  -0,
  0.5,
  1e-320,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  -1e308,
];

/** A value nested `depth` levels deep, in objects or arrays. */
export function nested(depth: number, inArrays: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = inArrays ? [value] : { a: value };
  return value;
}

/** An object whose own keys are the ones prototype pollution uses (JSON.parse makes them own keys). */
export function pollution(): unknown {
  return JSON.parse(
    '{"__proto__":{"isAdmin":true,"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{}}',
  );
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...hostileStrings), weight: 6 },
  { arbitrary: fc.constantFrom(...hostileNumbers), weight: 2 },
  {
    arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], { a: 1 }, ['x', 1, null]),
    weight: 2,
  },
  { arbitrary: fc.constant(null).map(pollution), weight: 1 },
  { arbitrary: fc.integer({ min: 20, max: 2000 }).map((d) => nested(d, d % 2 === 0)), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.bigInt().map((n) => Number(n)), weight: 1 },
);

/** Path parameters that are not what the route expects. */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'not-a-uuid',
    '00000000-0000-0000-0000-00000000000g',
    '01a00000-0000-7000-8000-00000000dead',
    '0'.repeat(5000),
    '%00',
    '%E0%A4%A',
    '..%2F..%2Fetc',
    '%F0%9F%92%A9',
    '__proto__',
    'constructor',
    '3020-13-45',
    '2024-Q5',
    '-1',
    '1e309',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
);

/** Whole request bodies that no schema expects, each with the content type it claims. */
export const rawBody: fc.Arbitrary<{ payload: string | Buffer; contentType: string | undefined }> = fc.oneof(
  fc.record({
    payload: fc.constantFrom(
      '',
      '{',
      '{"a":',
      'null',
      'true',
      '[]',
      '"text"',
      '12',
      '{"a":1,"a":2}',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '[1,2,3]',
      '\u0000',
      '\ufeff{}',
      '{"a":"\\ud800"}',
      '{"a":1e999}',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
    ),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
  }),
  fc.record({
    payload: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }).map(Buffer.from),
    ),
    contentType: fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/octet-stream',
      'application/json; charset=utf-16',
      'text/csv',
      'invalid content type',
      undefined,
    ),
  }),
);

/** Headers that should change nothing but the answer's language or the refusal. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      'accept-language': fc.constantFrom(
        'xx',
        '*;q=abc',
        'zh-Hant;q=2, pt;q=-1',
        ','.repeat(500),
        'en-US\u00e9',
      ),
      'x-forwarded-for': fc.constantFrom('not-an-ip', '::ffff:1.2.3.4, ,', '1.1.1.1'.repeat(100)),
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
      'x-request-id': fc.string({ maxLength: 200 }),
      accept: fc.constantFrom('text/html', 'application/xml', '*/*;q=x'),
    },
    { requiredKeys: [] },
  ),
);

/** Query strings added to any route: unknown, repeated and oversized parameters. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?a=1&a=2',
    '?__proto__[x]=1',
    '?constructor[prototype][x]=1',
    '?%00=%00',
    '?format=',
    `?q=${'x'.repeat(5000)}`,
    '?%E0%A4%A=1',
    '?&&&=&=',
  ),
  fc
    .dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom(...hostileStrings.slice(0, 20)), {
      maxKeys: 4,
    })
    .map((q) => `?${new URLSearchParams(q).toString()}`),
);
