import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/harness.js';

describe('structured logs', () => {
  it('name requests by route and status, never by password, token, e-mail or searched name', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const t = await startTestApp('sqlite', { logger: { level: 'info', stream } });
    try {
      const client = t.client();
      await client.post('/api/v1/auth/sign-in', {
        email: 'admin@localhost',
        password: 'a wrong password 123',
      });
      await client.signIn('admin@localhost');
      await client.get('/api/v1/cases?name=Maria%20Clara');
      const log = lines.join('');
      expect(log).toContain('"route":"/api/v1/auth/sign-in"');
      expect(log).toContain('"statusCode":401');
      for (const secret of [
        'a wrong password 123',
        t.accounts.get('admin@localhost')!.password,
        'admin@localhost',
        client.cookie!,
        'Maria',
      ]) {
        expect(log.includes(secret), secret).toBe(false);
      }
    } finally {
      await t.close();
    }
  });
});
