import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { presentedResponse } from './presented-response.js';

describe('an answer written as its presenter built it', () => {
  const write = presentedResponse({
    schema: z.object({ id: z.string(), count: z.number() }),
    method: 'GET',
    url: '/api/v1/example',
  });

  it('is the presenter’s JSON when the schema would keep it as it is', () => {
    expect(write({ id: 'a', count: 2 })).toBe('{"id":"a","count":2}');
  });

  it('fails under the tests when the presenter adds a field the schema lacks', () => {
    expect(() => write({ id: 'a', count: 2, name: 'Maria' })).toThrow(/differs from its response schema/);
  });

  it('fails under the tests when a value breaks the schema', () => {
    expect(() => write({ id: 'a', count: 'two' })).toThrow();
  });
});
