import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../support/databases.js';
import { addAgency, addUser, auditActions } from '../support/fixtures.js';
import {
  signInAdmin,
  startTestApp,
  startWithAdmin,
  strongPassword,
  type TestApp,
  type TestClient,
} from '../support/harness.js';

// Issue 6, findings 9–13, 15 and 16: each test is the attack, asserting that it fails.

async function signInFrom(t: TestApp, address: string, email: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress: address,
    payload: { email, password },
  });
}

describe.each(databases)('sign-in throttling on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agencyId: string;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agencyId = await addAgency(admin, 'PJ');
  });
  afterAll(() => t.close());

  it('cannot lock a user out from another address: guesses throttle only the guessing address', async () => {
    const victim = await addUser(t, admin, agencyId, ['analyst']);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await signInFrom(t, '203.0.113.9', victim.email, 'a guess at the password')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The right password from the attacker's address is refused too while throttled ...
    const password = t.accounts.get(victim.email)!.password;
    expect((await signInFrom(t, '203.0.113.9', victim.email, password)).statusCode).toBe(429);
    // ... but the victim at her own desk signs in.
    const own = await signInFrom(t, '192.0.2.20', victim.email, password);
    expect(own.statusCode, own.body).toBe(200);
    expect(await auditActions(t)).toContain('auth.locked');
  });

  it('answers an unknown e-mail exactly as a real one, including once throttled', async () => {
    const real = await addUser(t, admin, agencyId, ['analyst']);
    const answers = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await signInFrom(t, '198.51.100.7', email, 'wrong password again');
        seen.push(`${response.statusCode} ${(response.json() as { code: string }).code}`);
      }
      return seen;
    };
    const forReal = await answers(real.email);
    const forNobody = await answers('nobody.here@example.org');
    expect(forNobody).toEqual(forReal);
    expect(forReal.at(-1)).toBe('429 auth.sign_in_throttled');
    expect(forReal).not.toContain(expect.stringMatching(/^423/));
  });

  it('counts an IPv6 client by its /64, so rotating the low bits does not reset the count', async () => {
    const user = await addUser(t, admin, agencyId, ['analyst']);
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++)
      statuses.push(
        (await signInFrom(t, `2001:db8:1:2::${i}`, user.email, 'wrong password again')).statusCode,
      );
    expect(statuses.at(-1)).toBe(429);
  });
});

describe.each(databases)('second-factor guessing on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agencyId: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { auth: { maxWrongCodesPerAccount: 8 } });
    admin = await signInAdmin(t);
    agencyId = await addAgency(admin, 'PSP');
  });
  afterAll(() => t.close());

  async function enrolledUser() {
    const user = await addUser(t, admin, agencyId, ['secretariat']);
    await t.client().signIn(user.email);
    return user;
  }

  async function guess(client: TestClient, code: string) {
    return client.post('/api/v1/auth/second-factor', { code });
  }

  it('ends the sign-in attempt after five wrong codes', async () => {
    const user = await enrolledUser();
    const client = t.client();
    await client.post('/api/v1/auth/sign-in', { email: user.email, password: strongPassword });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(((await guess(client, '000000')).json() as { code: string }).code);
    expect(codes).toEqual([...Array(4).fill('auth.invalid_second_factor'), 'auth.sign_in_attempt_ended']);
    // The session is gone: even the right code no longer helps this attempt.
    const after = await guess(client, await client.totp(user.email));
    expect(after.statusCode).toBe(401);
    expect((after.json() as { code: string }).code).not.toBe('auth.invalid_second_factor');
  });

  it('counts parallel guesses one by one', async () => {
    const user = await enrolledUser();
    const client = t.client();
    await client.post('/api/v1/auth/sign-in', { email: user.email, password: strongPassword });
    const answers = await Promise.all(Array.from({ length: 10 }, () => guess(client, '111111')));
    expect(
      answers.filter((r) => (r.json() as { code: string }).code === 'auth.invalid_second_factor'),
    ).toHaveLength(4);
  });

  it("locks the account's second factor after too many wrong codes across attempts, until an administrator resets it", async () => {
    const user = await enrolledUser();
    let last = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      const client = t.client();
      await client.post('/api/v1/auth/sign-in', { email: user.email, password: strongPassword });
      for (let i = 0; i < 5; i++) {
        const response = await guess(client, '222222');
        last = (response.json() as { code: string }).code;
        if (last !== 'auth.invalid_second_factor') break;
      }
    }
    expect(last).toBe('auth.second_factor_locked');
    // Now even the right password and code are refused.
    const client = t.client();
    const again = await client.post('/api/v1/auth/sign-in', { email: user.email, password: strongPassword });
    expect(again.statusCode).toBe(423);
    expect(await auditActions(t)).toContain('auth.locked');
    await admin.post(`/api/v1/users/${user.id}/reset-password`);
    const row = await t.database.db
      .selectFrom('users')
      .select('second_factor_locked_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.second_factor_locked_at).toBeNull();
  });

  it('counts wrong codes during enrolment too, and keeps the count although the code is refused', async () => {
    const user = await addUser(t, admin, agencyId, ['case_worker']);
    const client = t.client();
    const first = t.accounts.get(user.email)!.password;
    await client.post('/api/v1/auth/sign-in', { email: user.email, password: first });
    await client.post('/api/v1/account/password', { currentPassword: first, newPassword: strongPassword });
    await client.post('/api/v1/account/two-factor/setup');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (
          (await client.post('/api/v1/account/two-factor/confirm', { code: '333333' })).json() as {
            code: string;
          }
        ).code,
      );
    expect(codes.at(-1)).toBe('auth.sign_in_attempt_ended');
    const failures = (await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'auth.second_factor_failed')
      .where('entity_id', '=', user.id)
      .execute()) as { summary: string }[];
    expect(failures).toHaveLength(5);
    expect(failures[0]!.summary).toContain('enrolment');
  });
});

describe.each(databases)('idle timeout on %s', (kind) => {
  let clock = Date.now();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { auth: { now: () => clock, idleMs: 30 * 60_000 } });
  });
  afterAll(() => t.close());

  it('keeps a session that was active, however recently the last-seen time was written', async () => {
    const client = await signInAdmin(t);
    clock += 30_000;
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
    clock += 50_000;
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
    // Idle for the limit less one second since the last request: still signed in.
    clock += 30 * 60_000 - 1_000;
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
    // Idle for the limit and two seconds: ended.
    clock += 30 * 60_000 + 2_000;
    const ended = await client.get('/api/v1/session');
    expect(ended.statusCode).toBe(401);
    expect(ended.json()).toMatchObject({ code: 'auth.session_expired' });
  });
});

describe.each(databases)('parallel creation on %s', (kind) => {
  it('answers one 201 and 409 naming the field for the rest, and logs no e-mail or database detail', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const t = await startTestApp(kind, { logger: { level: 'info', stream } });
    try {
      const admin = await signInAdmin(t);
      const agencyId = await addAgency(admin, 'DSAL');
      const email = 'race.target@example.org';
      const users = await Promise.all(
        Array.from({ length: 10 }, () =>
          admin.post('/api/v1/users', { email, name: 'Race Target', agencyId, roles: ['analyst'] }),
        ),
      );
      expect(users.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
      for (const refused of users.filter((r) => r.statusCode === 409))
        expect(refused.json()).toMatchObject({ code: 'resource.duplicate', errors: [{ path: 'email' }] });

      const names = { en: 'Race agency', 'zh-Hant': '競賽機構', pt: 'Agência corrida' };
      const agencies = await Promise.all(
        Array.from({ length: 10 }, () =>
          admin.post('/api/v1/agencies', { code: 'RACE', kind: 'labour', names }),
        ),
      );
      expect(agencies.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
      expect(agencies.find((r) => r.statusCode === 409)!.json()).toMatchObject({
        errors: [{ path: 'code' }],
      });

      const log = lines.join('');
      expect(log).not.toContain(email);
      expect(log).not.toContain('"statusCode":500');
      expect(log).not.toContain('already exists');
    } finally {
      await t.close();
    }
  });
});

describe.each(databases)('separation of duties on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agencyId: string;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agencyId = await addAgency(admin, 'GSC');
  });
  afterAll(() => t.close());

  it('refuses an administrator who grants himself a role, audits it, and changes nothing', async () => {
    const me = (await admin.get('/api/v1/session')).json() as { user: { id: string } };
    for (const roles of [['administrator', 'secretariat'], ['auditor']]) {
      const self = (await admin.get(`/api/v1/users/${me.user.id}`)).json() as { version: number };
      const response = await admin.patch(`/api/v1/users/${me.user.id}`, { version: self.version, roles });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'user.cannot_change_own_roles' });
    }
    expect(((await admin.get('/api/v1/session')).json() as { user: { roles: string[] } }).user.roles).toEqual(
      ['administrator'],
    );
    expect((await admin.get('/api/v1/audit?limit=1')).statusCode).toBe(403);
    expect(await auditActions(t)).toContain('auth.permission_denied');
  });

  it('refuses administrator and auditor together, for a new user and for another user', async () => {
    const created = await admin.post('/api/v1/users', {
      email: 'both.roles@example.org',
      name: 'Both Roles',
      agencyId,
      roles: ['administrator', 'auditor'],
    });
    expect(created.statusCode).toBe(409);
    expect(created.json()).toMatchObject({ code: 'user.exclusive_roles', errors: [{ path: 'roles' }] });
    const other = await addUser(t, admin, agencyId, ['auditor']);
    const changed = await admin.patch(`/api/v1/users/${other.id}`, {
      version: other.version,
      roles: ['auditor', 'administrator'],
    });
    expect(changed.statusCode).toBe(409);
  });

  it('allows the combination when the instance is configured without exclusive roles', async () => {
    const { rolePolicy } = await import('../../src/modules/access/users.service.js');
    await rolePolicy.setExclusiveGroups(t.database.db, []);
    try {
      const created = await admin.post('/api/v1/users', {
        email: 'both.allowed@example.org',
        name: 'Both Allowed',
        agencyId,
        roles: ['administrator', 'auditor'],
      });
      expect(created.statusCode).toBe(201);
    } finally {
      await rolePolicy.setExclusiveGroups(t.database.db, [['administrator', 'auditor']]);
    }
  });
});

describe.each(databases)('input rules on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let agencyId: string;

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agencyId = await addAgency(admin, 'CPSP');
  });
  afterAll(() => t.close());

  it('refuses NUL, control and bidi-override characters in user and agency names', async () => {
    for (const [name, code] of [
      ['Lei\u0000Chi', 'control_character'],
      ['Lei\u0085Chi', 'control_character'],
      ['Lei \u202eihC', 'bidi_control'],
      ['Lei \u2066Chi\u2069', 'bidi_control'],
    ] as const) {
      const user = await admin.post('/api/v1/users', {
        email: `n${Math.random().toString(36).slice(2)}@example.org`,
        name,
        agencyId,
        roles: ['analyst'],
      });
      expect(user.statusCode).toBe(400);
      expect(user.json()).toMatchObject({ errors: [{ path: 'name', code }] });
    }
    const agency = await admin.post('/api/v1/agencies', {
      code: 'BIDI',
      kind: 'police',
      names: { en: 'Police \u202e', 'zh-Hant': '警察', pt: 'Polícia' },
    });
    expect(agency.json()).toMatchObject({ errors: [{ path: 'names.en', code: 'bidi_control' }] });
  });

  it('stores names in NFC', async () => {
    const decomposed = 'Jose\u0301 Lei';
    const response = await admin.post('/api/v1/users', {
      email: 'nfc.name@example.org',
      name: decomposed,
      agencyId,
      roles: ['analyst'],
    });
    expect(response.statusCode).toBe(201);
    expect((response.json() as { user: { name: string } }).user.name).toBe('Jos\u00e9 Lei');
  });
});

describe('HTTP answers on sqlite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('answers headers over the limit with a 431 problem document', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (chunk) => (data += String(chunk)));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(raw).toContain('application/problem+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 431,
      code: 'request.headers_too_large',
    });
  });

  it('answers bad JSON, a wrong content type and a malformed URL with problem documents', async () => {
    const client = t.client();
    const badJson = await client.request('POST', '/api/v1/auth/sign-in', '{"email":', {
      'content-type': 'application/json',
    });
    const wrongType = await client.request('POST', '/api/v1/auth/sign-in', 'email=a', {
      'content-type': 'text/plain',
    });
    const badUrl = await t.app.inject({ method: 'GET', url: '/api/v1/%E0%A4%A' });
    for (const response of [badJson, wrongType, badUrl]) {
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('creates the database files 0600 in a 0700 directory', () => {
    const file = t.sqliteFile!;
    for (const path of [file, `${file}-wal`, `${file}-shm`])
      expect((statSync(path).mode & 0o777).toString(8), path).toBe('600');
    const key = `${t.dataDir}/guia.key`;
    expect((statSync(key).mode & 0o777).toString(8)).toBe('600');
  });
});
