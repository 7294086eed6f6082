import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  registerSecurityHeaderHook,
  securityHeaderOperations,
  securityHeaderOptions,
} from './security-headers.js';

/** The headers one answer of an app carries, without those that vary by request (date). */
async function headersOf(setUp: (app: ReturnType<typeof Fastify>) => Promise<void> | void) {
  const app = Fastify();
  await setUp(app);
  app.get('/api/x', async () => ({ ok: true }));
  const response = await app.inject({ method: 'GET', url: '/api/x' });
  await app.close();
  const { date: _date, ...headers } = response.headers;
  return headers;
}

describe('security headers computed once', () => {
  it('are exactly the headers @fastify/helmet sets per request with the same options', async () => {
    const perRequest = await headersOf((app) => app.register(helmet, securityHeaderOptions));
    const once = await headersOf((app) => registerSecurityHeaderHook(app));
    expect(once).toEqual(perRequest);
    expect(once['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(once['x-frame-options']).toBe('DENY');
  });

  it('refuses options helmet refuses, at start rather than on a request', () => {
    expect(() =>
      securityHeaderOperations({ contentSecurityPolicy: { directives: { scriptSrc: ['self'] } } }),
    ).toThrow(/should be quoted/);
  });
});
