import { createHash } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../../src/core/permissions.js';
import { GuiaError } from '../../src/core/errors.js';
import type { Executor } from '../../src/db/schema.js';
import { sessionsRepo, usersRepo } from '../../src/modules/access/access.repo.js';
import {
  authService,
  defaultAuthSettings,
  lastSeenGranularityMs,
  type AuthSettings,
} from '../../src/modules/access/auth.service.js';
import { usersService } from '../../src/modules/access/users.service.js';
import { systemActor } from '../../src/modules/audit/audit.service.js';
import { databases } from '../support/databases.js';
import { secretariatAgencyId } from '../support/fixtures.js';
import { startTestApp, strongPassword, type TestApp } from '../support/harness.js';

// The authentication service's rules at their edges, called directly with a clock the test
// holds: the throttle's window, a session's idle and absolute ends, what each failure records,
// the second factor's counts and locks, and what a password change or an enrolment ends or tells.

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const start = Date.parse('2026-12-02T09:00:00.000Z');
const minute = 60_000;

describe.each(databases)('the authentication service on %s', (kind) => {
  let t: TestApp;
  let agencyId: string;
  let clock = start;
  let counter = 0;
  const settings: AuthSettings = { ...defaultAuthSettings, now: () => clock };
  const run = <T>(work: (tx: Executor) => Promise<T>) => t.database.db.transaction().execute(work);
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    t = await startTestApp(kind);
    agencyId = await secretariatAgencyId(t);
  });
  afterAll(() => t.close());

  /** A user with a password of their own (no change required), created as the command line does. */
  async function newUser(roles: RoleId[] = ['analyst'], mustChangePassword = false) {
    const email = `service${++counter}.${roles[0]}@example.org`;
    const { user } = await run((tx) =>
      usersService.create(tx, systemActor('cli'), {
        email,
        name: `Service Tester ${counter}`,
        language: 'en',
        agencyId,
        roles,
        password: strongPassword,
        mustChangePassword,
      }),
    );
    return { id: user.id, email };
  }

  // Inside a transaction, rows are read through it: the global handle would wait for it on SQLite.
  const userRow = async (id: string, db: Executor = t.database.db) => (await usersRepo.get(db, id))!;
  const sessionRow = (id: string, db: Executor = t.database.db) => sessionsRepo.byId(db, id);
  const signIn = (email: string, password = strongPassword, address = '192.0.2.1') =>
    run((tx) => authService.signIn(tx, settings, email, password, address));

  /** The audit entries of an action since a sequence number, with their summaries parsed. */
  async function audited(action: string, since = 0) {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['seq', 'actor_id', 'actor_label', 'entity_type', 'entity_id', 'summary'])
      .where('action', '=', action)
      .where('seq', '>', since)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({ ...row, summary: JSON.parse(row.summary) as Record<string, unknown> }));
  }
  async function lastSeq(): Promise<number> {
    const row = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    return Number(row.seq);
  }

  const errorOf = (result: Awaited<ReturnType<typeof signIn>>) => {
    if (!('error' in result)) throw new Error('the sign-in succeeded');
    return result.error;
  };
  const sessionOf = (result: Awaited<ReturnType<typeof signIn>>) => {
    if ('error' in result) throw result.error;
    return result;
  };

  describe('signing in', () => {
    it('throttles the sixth attempt of a window until the window ends, then counts afresh', async () => {
      clock = start;
      const user = await newUser();
      for (let i = 0; i < 5; i++) {
        expect(errorOf(await signIn(user.email, 'a wrong guess here')).code).toBe('auth.invalid_credentials');
        clock += minute;
      }
      const throttled = errorOf(await signIn(user.email));
      expect(throttled.code).toBe('auth.sign_in_throttled');
      // The window started with the first failure and lasts the lockout.
      expect(throttled.params).toEqual({ until: iso(start + settings.lockoutMs) });
      // One millisecond before its end, still throttled; at its end, a new window.
      clock = start + settings.lockoutMs - 1;
      expect(errorOf(await signIn(user.email)).code).toBe('auth.sign_in_throttled');
      clock = start + settings.lockoutMs;
      expect(sessionOf(await signIn(user.email)).session.stage).toBe('active');
    });

    it('records each failure with its reason, and the lock once, at the failure that reaches the limit', async () => {
      clock = start;
      const user = await newUser();
      const since = await lastSeq();
      await signIn('nobody.at.all@example.org', 'whatever it may be');
      for (let i = 0; i < 5; i++) {
        await signIn(user.email, 'a wrong guess here', '192.0.2.77');
        clock += 1_000;
      }
      await signIn(user.email, strongPassword, '192.0.2.77');
      const failed = await audited('auth.sign_in_failed', since);
      expect(failed[0]).toMatchObject({
        actor_id: null,
        actor_label: 'anonymous',
        entity_type: null,
        entity_id: null,
        summary: { reason: 'unknown_email' },
      });
      expect(failed.slice(1).map((f) => [f.actor_id, f.entity_type, f.entity_id, f.summary])).toEqual([
        ...Array(5).fill([user.id, 'user', user.id, { reason: 'wrong_password' }]),
        [user.id, 'user', user.id, { reason: 'throttled' }],
      ]);
      const locked = await audited('auth.locked', since);
      expect(locked).toHaveLength(1);
      expect(locked[0]).toMatchObject({
        entity_type: 'user',
        entity_id: user.id,
        summary: { scope: 'email_and_address', until: iso(start + settings.lockoutMs) },
      });
    });

    it('counts each e-mail apart from the others at one address', async () => {
      clock = start;
      const first = await newUser();
      const second = await newUser();
      for (let i = 0; i < 6; i++) await signIn(first.email, 'a wrong guess here', '192.0.2.88');
      expect(errorOf(await signIn(first.email, strongPassword, '192.0.2.88')).code).toBe(
        'auth.sign_in_throttled',
      );
      expect(sessionOf(await signIn(second.email, strongPassword, '192.0.2.88')).session.stage).toBe(
        'active',
      );
    });

    it('refuses a disabled account with the right password as it refuses a wrong one, and records why', async () => {
      clock = start;
      const user = await newUser();
      await run((tx) => usersService.disable(tx, systemActor('cli'), user.id));
      const since = await lastSeq();
      expect(errorOf(await signIn(user.email)).code).toBe('auth.invalid_credentials');
      expect((await audited('auth.sign_in_failed', since)).map((f) => f.summary)).toEqual([
        { reason: 'disabled' },
      ]);
    });

    it('forgets the failures of an attempt that succeeds', async () => {
      clock = start;
      const user = await newUser();
      for (let i = 0; i < 4; i++) await signIn(user.email, 'a wrong guess here');
      sessionOf(await signIn(user.email));
      for (let i = 0; i < 5; i++)
        expect(errorOf(await signIn(user.email, 'a wrong guess here')).code).toBe('auth.invalid_credentials');
    });

    it('forgets the counts of windows that have passed, and keeps the others', async () => {
      clock = start;
      const old = await newUser();
      const recent = await newUser();
      await signIn(old.email, 'a wrong guess here', '192.0.2.99');
      clock = start + 1;
      await signIn(recent.email, 'a wrong guess here', '192.0.2.99');
      const counted = async () => {
        const keys = [old, recent].map((u) => sha256(`${u.email}\n192.0.2.99`));
        const rows = await t.database.db.selectFrom('sign_in_throttle').select('key').execute();
        return keys.map((key) => rows.some((row) => row.key === key));
      };
      expect(await counted()).toEqual([true, true]);
      clock = start + settings.lockoutMs - 1;
      await authService.forgetOldSignInAttempts(t.database.db, settings);
      expect(await counted()).toEqual([true, true]);
      clock = start + settings.lockoutMs;
      await authService.forgetOldSignInAttempts(t.database.db, settings);
      expect(await counted()).toEqual([false, true]);
      clock = start + settings.lockoutMs + 1;
      await authService.forgetOldSignInAttempts(t.database.db, settings);
      expect(await counted()).toEqual([false, false]);
    });

    it('opens a session for the full absolute time, storing the hash of its token only', async () => {
      clock = start;
      const user = await newUser();
      const since = await lastSeq();
      const { token, session } = sessionOf(await signIn(user.email));
      const stored = (await t.database.db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', session.id)
        .executeTakeFirst())!;
      expect(stored).toMatchObject({
        user_id: user.id,
        stage: 'active',
        created_at: iso(start),
        last_seen_at: iso(start),
        expires_at: iso(start + settings.absoluteMs),
        failed_codes: 0,
      });
      expect(stored.token_hash).not.toContain(token);
      expect(stored.csrf_token).not.toBe(token);
      expect(await authService.resolve(t.database.db, settings, token)).toMatchObject({
        session: { id: session.id },
        user: { id: user.id },
      });
      expect((await userRow(user.id)).last_sign_in_at).toBe(iso(start));
      expect(await audited('auth.signed_in', since)).toMatchObject([
        { actor_id: user.id, actor_label: 'user', entity_type: 'user', entity_id: user.id },
      ]);
    });

    it('does not count a sign-in as done, nor record it, while the second factor is still to come', async () => {
      clock = start;
      const user = await enrolledUser();
      const since = await lastSeq();
      clock = start + minute;
      const { session } = sessionOf(await signIn(user.email));
      expect(session.stage).toBe('second_factor');
      expect((await userRow(user.id)).last_sign_in_at).not.toBe(iso(start + minute));
      expect(await audited('auth.signed_in', since)).toEqual([]);
    });
  });

  describe('resolving a session', () => {
    async function freshSession() {
      clock = start;
      const user = await newUser();
      return { user, ...sessionOf(await signIn(user.email)) };
    }

    it('answers unknown for a token it never issued', async () => {
      expect(await authService.resolve(t.database.db, settings, 'not-a-token')).toBe('unknown');
    });

    it('keeps a session idle for exactly the limit and the write granularity, and ends it a millisecond later', async () => {
      const { token, session } = await freshSession();
      clock = start + settings.idleMs + lastSeenGranularityMs;
      expect(await authService.resolve(t.database.db, settings, token)).toMatchObject({
        session: { id: session.id },
      });
      const other = await freshSession();
      clock = start + settings.idleMs + lastSeenGranularityMs + 1;
      expect(await authService.resolve(t.database.db, settings, other.token)).toBe('expired');
      expect(await sessionRow(other.session.id)).toBeUndefined();
    });

    it('ends a session at its absolute end, however active', async () => {
      const { token, session } = await freshSession();
      for (clock = start; clock < start + settings.absoluteMs; clock += settings.idleMs)
        expect(await authService.resolve(t.database.db, settings, token)).not.toBe('expired');
      clock = start + settings.absoluteMs;
      expect(await authService.resolve(t.database.db, settings, token)).toBe('expired');
      expect(await sessionRow(session.id)).toBeUndefined();
    });

    it('ends the session of a disabled account', async () => {
      const { user, token, session } = await freshSession();
      await t.database.db.updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute();
      expect(await authService.resolve(t.database.db, settings, token)).toBe('expired');
      expect(await sessionRow(session.id)).toBeUndefined();
    });

    it('writes the last-seen time once it is a granularity old, not before', async () => {
      const { token, session } = await freshSession();
      clock = start + lastSeenGranularityMs - 1;
      await authService.resolve(t.database.db, settings, token);
      expect((await sessionRow(session.id))!.last_seen_at).toBe(iso(start));
      clock = start + lastSeenGranularityMs;
      await authService.resolve(t.database.db, settings, token);
      expect((await sessionRow(session.id))!.last_seen_at).toBe(iso(start + lastSeenGranularityMs));
    });
  });

  /** A TOTP code of the time step after the last one the account used (accepted within the tolerance). */
  async function nextCode(user: { id: string; secret: string }) {
    const { totp_last_step } = await userRow(user.id);
    const step = Math.max(Math.floor(Date.now() / 30_000), (totp_last_step ?? 0) + 1);
    return generate({ secret: user.secret, epoch: step * 30 });
  }

  /** An enrolled user's sign-in up to the second factor: the session waiting for a code. */
  async function awaitingCode(user: { email: string }) {
    const { session } = sessionOf(await signIn(user.email));
    expect(session.stage).toBe('second_factor');
    return session;
  }

  const enterCode = (
    session: { id: string },
    user: { id: string },
    code: string,
    with_: AuthSettings = settings,
  ) =>
    run(async (tx) =>
      authService.secondFactor(
        tx,
        with_,
        t.cipher,
        (await sessionRow(session.id, tx)) ?? (session as never),
        user.id,
        code,
      ),
    );

  describe('the second factor', () => {
    it('accepts the next TOTP code, makes the session active and records the sign-in then', async () => {
      clock = start;
      const user = await enrolledUser();
      clock = start + minute;
      const session = await awaitingCode(user);
      const since = await lastSeq();
      expect(await enterCode(session, user, await nextCode(user))).toBe('active');
      expect((await sessionRow(session.id))!.stage).toBe('active');
      expect((await userRow(user.id)).last_sign_in_at).toBe(iso(start + minute));
      expect(await audited('auth.signed_in', since)).toMatchObject([{ entity_id: user.id }]);
    });

    it('leads a user whose password must change to the password change after the code, and on to an active session', async () => {
      clock = start;
      const user = await enrolledUser();
      await t.database.db
        .updateTable('users')
        .set({ must_change_password: 1 })
        .where('id', '=', user.id)
        .execute();
      const session = await awaitingCode(user);
      expect(await enterCode(session, user, await nextCode(user))).toBe('password_change');
      // Enrolled already: the new password is the last step, not a second enrolment.
      const stage = await run(async (tx) =>
        authService.changePassword(
          tx,
          (await sessionRow(session.id, tx))!,
          await userRow(user.id, tx),
          strongPassword,
          'monsoon typhoon harbour 61',
        ),
      );
      expect(stage).toBe('active');
    });

    it('accepts an unused recovery code once, recording its use and when', async () => {
      clock = start;
      const user = await enrolledUser();
      clock = start + 2 * minute;
      const since = await lastSeq();
      const first = await awaitingCode(user);
      expect(await enterCode(first, user, user.recoveryCodes[2]!)).toBe('active');
      const used = await t.database.db
        .selectFrom('recovery_codes')
        .select('used_at')
        .where('user_id', '=', user.id)
        .where('used_at', 'is not', null)
        .execute();
      expect(used).toEqual([{ used_at: iso(start + 2 * minute) }]);
      expect(await audited('account.recovery_code_used', since)).toMatchObject([
        { actor_id: user.id, entity_type: 'user', entity_id: user.id },
      ]);
      const second = await awaitingCode(user);
      expect(await enterCode(second, user, user.recoveryCodes[2]!)).toMatchObject({
        code: 'auth.invalid_second_factor',
      });
    });

    it('refuses every six-digit code of an account whose authenticator was removed while it signed in', async () => {
      clock = start;
      const user = await enrolledUser();
      const session = await awaitingCode(user);
      const code = await nextCode(user);
      await t.database.db
        .updateTable('users')
        .set({ totp_secret: null, totp_last_step: null })
        .where('id', '=', user.id)
        .execute();
      expect(await enterCode(session, user, code)).toMatchObject({ code: 'auth.invalid_second_factor' });
      expect(await enterCode(session, user, '123456')).toMatchObject({ code: 'auth.invalid_second_factor' });
      expect((await sessionRow(session.id))!.stage).toBe('second_factor');
    });

    it('counts wrong codes of one attempt, names the field, and ends the attempt at the fifth', async () => {
      clock = start;
      const user = await enrolledUser();
      const session = await awaitingCode(user);
      const since = await lastSeq();
      for (let i = 1; i <= 4; i++) {
        const refused = await enterCode(session, user, '000000');
        expect(refused).toBeInstanceOf(GuiaError);
        expect(refused).toMatchObject({
          code: 'auth.invalid_second_factor',
          fieldErrors: [{ path: 'code', code: 'invalid' }],
        });
        expect((await sessionRow(session.id))!.failed_codes).toBe(i);
      }
      expect(await enterCode(session, user, '000000')).toMatchObject({ code: 'auth.sign_in_attempt_ended' });
      expect(await sessionRow(session.id)).toBeUndefined();
      const failures = await audited('auth.second_factor_failed', since);
      expect(failures.map((f) => f.summary)).toEqual([
        { during: 'sign_in', attemptFailures: 1, accountFailures: 1 },
        { during: 'sign_in', attemptFailures: 2, accountFailures: 2 },
        { during: 'sign_in', attemptFailures: 3, accountFailures: 3 },
        { during: 'sign_in', attemptFailures: 4, accountFailures: 4 },
        { during: 'sign_in', attemptFailures: 5, accountFailures: 5, attemptEnded: true },
      ]);
      expect(failures[0]).toMatchObject({ actor_id: user.id, entity_type: 'user', entity_id: user.id });
      // A code for an attempt that has ended finds no session.
      expect(await enterCode(session, user, await nextCode(user))).toMatchObject({
        code: 'auth.session_expired',
      });
    });

    it("counts the account's wrong codes within the window from the first, and afresh after it", async () => {
      clock = start;
      const user = await enrolledUser();
      const guessAt = async (at: number) => {
        clock = at;
        await enterCode(await awaitingCode(user), user, '000000');
        return userRow(user.id);
      };
      expect(await guessAt(start)).toMatchObject({
        second_factor_failures: 1,
        second_factor_failed_since: iso(start),
      });
      expect(await guessAt(start + settings.wrongCodeWindowMs - 1)).toMatchObject({
        second_factor_failures: 2,
        second_factor_failed_since: iso(start),
      });
      expect(await guessAt(start + settings.wrongCodeWindowMs)).toMatchObject({
        second_factor_failures: 1,
        second_factor_failed_since: iso(start + settings.wrongCodeWindowMs),
        second_factor_locked_at: null,
      });
    });

    it("locks the account's second factor at the limit, ends the sessions still signing in and keeps the active ones", async () => {
      clock = start;
      const strict: AuthSettings = { ...settings, maxWrongCodesPerAccount: 3 };
      const user = await enrolledUser();
      const active = await awaitingCode(user);
      expect(await enterCode(active, user, await nextCode(user))).toBe('active');
      const waiting = await awaitingCode(user);
      const guessing = await awaitingCode(user);
      const since = await lastSeq();
      expect(await enterCode(guessing, user, '000000', strict)).toMatchObject({
        code: 'auth.invalid_second_factor',
      });
      expect(await enterCode(guessing, user, '000000', strict)).toMatchObject({
        code: 'auth.invalid_second_factor',
      });
      clock = start + minute;
      expect(await enterCode(guessing, user, '000000', strict)).toMatchObject({
        code: 'auth.second_factor_locked',
      });
      expect((await userRow(user.id)).second_factor_locked_at).toBe(iso(start + minute));
      expect(await sessionRow(guessing.id)).toBeUndefined();
      expect(await sessionRow(waiting.id)).toBeUndefined();
      expect((await sessionRow(active.id))!.stage).toBe('active');
      expect(await audited('auth.locked', since)).toMatchObject([
        { entity_type: 'user', entity_id: user.id, summary: { scope: 'second_factor', failures: 3 } },
      ]);
      expect((await audited('auth.second_factor_failed', since)).at(-1)!.summary).toEqual({
        during: 'sign_in',
        attemptFailures: 3,
        accountFailures: 3,
      });
    });

    it('refuses the right code and the right password of a locked account, ending the attempt and recording why', async () => {
      clock = start;
      const user = await enrolledUser();
      const session = await awaitingCode(user);
      await t.database.db
        .updateTable('users')
        .set({ second_factor_locked_at: iso(start) })
        .where('id', '=', user.id)
        .execute();
      const since = await lastSeq();
      expect(await enterCode(session, user, await nextCode(user))).toMatchObject({
        code: 'auth.second_factor_locked',
      });
      expect(await sessionRow(session.id)).toBeUndefined();
      expect(await audited('auth.second_factor_failed', since)).toMatchObject([
        {
          actor_id: user.id,
          entity_type: 'user',
          entity_id: user.id,
          summary: { reason: 'second_factor_locked' },
        },
      ]);
      expect(errorOf(await signIn(user.email)).code).toBe('auth.second_factor_locked');
      expect((await audited('auth.sign_in_failed', since)).map((f) => [f.entity_id, f.summary])).toEqual([
        [user.id, { reason: 'second_factor_locked' }],
      ]);
    });
  });

  describe('enrolling a second factor', () => {
    it('keeps a new secret pending, encrypted, and records who started and when', async () => {
      clock = start;
      const user = await newUser();
      const since = await lastSeq();
      const setup = await run(async (tx) =>
        authService.beginTwoFactor(tx, t.cipher, await userRow(user.id, tx)),
      );
      const row = await userRow(user.id);
      expect(row.totp_secret).toBeNull();
      expect(row.totp_pending_secret).not.toContain(setup.secret);
      expect(t.cipher.decrypt(row.totp_pending_secret!, 'users.totp_pending_secret')).toBe(setup.secret);
      expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/Guia:/);
      expect(setup.otpauthUri).toContain(encodeURIComponent(user.email));
      expect(setup.otpauthUri).toContain(`secret=${setup.secret}`);
      expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      // 240 pixels square with a narrow quiet zone: big enough to scan from a screen.
      const png = Buffer.from(setup.qrCodeDataUrl.split(',')[1]!, 'base64');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([240, 240]);
      expect(await audited('account.two_factor_setup_started', since)).toMatchObject([
        { actor_id: user.id, entity_type: 'user', entity_id: user.id },
      ]);
    });

    it('refuses a confirmation with nothing pending, and a setup or confirmation once enrolled', async () => {
      clock = start;
      const user = await newUser();
      const { session } = sessionOf(await signIn(user.email));
      const confirm = (code: string) =>
        run((tx) => authService.confirmTwoFactor(tx, settings, t.cipher, session, user.id, code));
      await expect(confirm('123456')).rejects.toMatchObject({ code: 'totp.not_pending' });
      const enrolled = await enrolledUser();
      await expect(
        run(async (tx) => authService.beginTwoFactor(tx, t.cipher, await userRow(enrolled.id, tx))),
      ).rejects.toMatchObject({ code: 'totp.already_enabled' });
      await expect(
        run((tx) =>
          authService.confirmTwoFactor(tx, settings, t.cipher, enrolled.enrolment, enrolled.id, '123456'),
        ),
      ).rejects.toMatchObject({ code: 'totp.already_enabled' });
    });

    it('enables the secret, spends its first code, hands out ten new recovery codes and ends the sign-in steps', async () => {
      clock = start;
      const user = await newUser(['secretariat']);
      const { session } = sessionOf(await signIn(user.email));
      const { secret } = await run(async (tx) =>
        authService.beginTwoFactor(tx, t.cipher, await userRow(user.id, tx)),
      );
      const code = await generate({ secret });
      const since = await lastSeq();
      const confirmed = await run((tx) =>
        authService.confirmTwoFactor(tx, settings, t.cipher, session, user.id, code),
      );
      if (confirmed instanceof GuiaError) throw confirmed;
      expect(confirmed.stage).toBe('active');
      expect(confirmed.recoveryCodes).toHaveLength(10);
      expect((await sessionRow(session.id))!.stage).toBe('active');
      const row = await userRow(user.id);
      expect(row.totp_pending_secret).toBeNull();
      expect(t.cipher.decrypt(row.totp_secret!, 'users.totp_secret')).toBe(secret);
      expect(row.totp_last_step).toBe(Math.floor(Date.now() / 30_000));
      const stored = await t.database.db
        .selectFrom('recovery_codes')
        .select(['code_hash', 'used_at'])
        .where('user_id', '=', user.id)
        .execute();
      expect(stored).toHaveLength(10);
      expect(stored.every((r) => r.used_at === null)).toBe(true);
      expect(await audited('account.two_factor_enrolled', since)).toMatchObject([
        { actor_id: user.id, entity_type: 'user', entity_id: user.id },
      ]);
      // Enrolment while signing in sets the account up: no notice.
      expect(await noticesOf(user.id)).toEqual([]);
    });

    it('tells a signed-in user of the enrolment, stamped with the time it happened', async () => {
      clock = start;
      const user = await newUser();
      const { session } = sessionOf(await signIn(user.email));
      const { secret } = await run(async (tx) =>
        authService.beginTwoFactor(tx, t.cipher, await userRow(user.id, tx)),
      );
      clock = start + 5 * minute;
      const code = await generate({ secret });
      await run((tx) => authService.confirmTwoFactor(tx, settings, t.cipher, session, user.id, code));
      expect(await noticesOf(user.id)).toEqual([
        { kind: 'account.two_factor_enrolled', created_at: iso(start + 5 * minute) },
      ]);
    });

    it('answers that the session has ended to a confirmation whose session was ended meanwhile', async () => {
      clock = start;
      const user = await newUser();
      const { session } = sessionOf(await signIn(user.email));
      const { secret } = await run(async (tx) =>
        authService.beginTwoFactor(tx, t.cipher, await userRow(user.id, tx)),
      );
      await sessionsRepo.delete(t.database.db, session.id);
      const code = await generate({ secret });
      expect(
        await run((tx) => authService.confirmTwoFactor(tx, settings, t.cipher, session, user.id, code)),
      ).toMatchObject({ code: 'auth.session_expired' });
      expect((await userRow(user.id)).totp_secret).toBeNull();
    });

    it('counts a wrong enrolment code as one of the enrolment, keeping the secret pending', async () => {
      clock = start;
      const user = await newUser();
      const { session } = sessionOf(await signIn(user.email));
      await run(async (tx) => authService.beginTwoFactor(tx, t.cipher, await userRow(user.id, tx)));
      const since = await lastSeq();
      const refused = await run((tx) =>
        authService.confirmTwoFactor(tx, settings, t.cipher, session, user.id, '000000'),
      );
      expect(refused).toMatchObject({ code: 'auth.invalid_second_factor' });
      expect((await audited('auth.second_factor_failed', since)).map((f) => f.summary)).toEqual([
        { during: 'enrolment', attemptFailures: 1, accountFailures: 1 },
      ]);
      const row = await userRow(user.id);
      expect(row.totp_secret).toBeNull();
      expect(row.totp_pending_secret).not.toBeNull();
    });

    it('refuses an enrolment of a locked account, ending a session still signing in but not an active one', async () => {
      clock = start;
      const signingIn = await newUser(['secretariat']);
      const active = await newUser();
      const sessions = [];
      for (const user of [signingIn, active]) {
        const { session } = sessionOf(await signIn(user.email));
        const { secret } = await run(async (tx) =>
          authService.beginTwoFactor(tx, t.cipher, await userRow(user.id, tx)),
        );
        await t.database.db
          .updateTable('users')
          .set({ second_factor_locked_at: iso(start) })
          .where('id', '=', user.id)
          .execute();
        const code = await generate({ secret });
        expect(
          await run((tx) => authService.confirmTwoFactor(tx, settings, t.cipher, session, user.id, code)),
        ).toMatchObject({ code: 'auth.second_factor_locked' });
        expect((await userRow(user.id)).totp_secret).toBeNull();
        sessions.push(await sessionRow(session.id));
      }
      expect(sessions[0]).toBeUndefined();
      expect(sessions[1]).toMatchObject({ stage: 'active' });
    });
  });

  describe("changing one's own account", () => {
    const change = (session: { id: string }, user: { id: string }, current: string, next: string) =>
      run(async (tx) =>
        authService.changePassword(
          tx,
          (await sessionRow(session.id, tx))!,
          await userRow(user.id, tx),
          current,
          next,
        ),
      );

    it('refuses a wrong current password or the same one again, naming the field, and changes nothing', async () => {
      clock = start;
      const user = await newUser();
      const { session } = sessionOf(await signIn(user.email));
      await expect(
        change(session, user, 'not my password at all', 'monsoon typhoon harbour 61'),
      ).rejects.toMatchObject({
        code: 'password.wrong_current',
        fieldErrors: [{ path: 'currentPassword', code: 'wrong' }],
      });
      await expect(change(session, user, strongPassword, strongPassword)).rejects.toMatchObject({
        code: 'password.same_as_old',
        fieldErrors: [{ path: 'newPassword', code: 'same_as_old' }],
      });
      expect(sessionOf(await signIn(user.email)).session.user_id).toBe(user.id);
    });

    it("refuses a new password made of the user's e-mail name or full name", async () => {
      clock = start;
      const user = await newUser();
      const { session } = sessionOf(await signIn(user.email));
      const localPart = user.email.split('@')[0]!;
      const name = (await userRow(user.id)).name;
      for (const next of [localPart, `${name}!`])
        await expect(change(session, user, strongPassword, next)).rejects.toMatchObject({
          code: 'password.too_common',
          fieldErrors: [{ path: 'newPassword' }],
        });
    });

    it('sets the new password, ends the other sessions, keeps this one active and tells the user', async () => {
      clock = start;
      const user = await newUser();
      const { session } = sessionOf(await signIn(user.email));
      const other = sessionOf(await signIn(user.email)).session;
      const since = await lastSeq();
      const next = 'monsoon typhoon harbour 61';
      expect(await change(session, user, strongPassword, next)).toBe('active');
      expect(await sessionRow(other.id)).toBeUndefined();
      expect((await sessionRow(session.id))!.stage).toBe('active');
      expect(errorOf(await signIn(user.email, strongPassword, '192.0.2.5')).code).toBe(
        'auth.invalid_credentials',
      );
      expect(sessionOf(await signIn(user.email, next, '192.0.2.5')).session.stage).toBe('active');
      expect(await audited('account.password_changed', since)).toMatchObject([
        { actor_id: user.id, entity_type: 'user', entity_id: user.id },
      ]);
      expect((await noticesOf(user.id)).map((n) => n.kind)).toEqual(['account.password_changed']);
    });

    it('moves a first sign-in on to the next step, no longer asking for a change, and tells nobody', async () => {
      clock = start;
      for (const [roles, after] of [
        [['analyst'], 'active'],
        [['secretariat'], 'two_factor_enrolment'],
        // One role that needs a second factor is enough.
        [['analyst', 'secretariat'], 'two_factor_enrolment'],
      ] as const) {
        const user = await newUser([...roles], true);
        const { session } = sessionOf(await signIn(user.email));
        expect(session.stage).toBe('password_change');
        expect(await change(session, user, strongPassword, 'monsoon typhoon harbour 61')).toBe(after);
        expect((await sessionRow(session.id))!.stage).toBe(after);
        expect((await userRow(user.id)).must_change_password).toBe(0);
        expect(await noticesOf(user.id)).toEqual([]);
      }
    });

    it('changes the language, recording the change from and to', async () => {
      clock = start;
      const user = await newUser();
      const since = await lastSeq();
      await run(async (tx) => authService.changeLanguage(tx, await userRow(user.id, tx), 'pt'));
      expect((await userRow(user.id)).language).toBe('pt');
      expect(await audited('account.language_changed', since)).toMatchObject([
        {
          actor_id: user.id,
          entity_type: 'user',
          entity_id: user.id,
          summary: { language: { from: 'en', to: 'pt' } },
        },
      ]);
    });
  });

  describe('signing out and the session view', () => {
    it('signs out one session, recording it, and every session of the user', async () => {
      clock = start;
      const user = await newUser();
      const [a, b, c] = [
        sessionOf(await signIn(user.email)).session,
        sessionOf(await signIn(user.email)).session,
        sessionOf(await signIn(user.email)).session,
      ];
      const since = await lastSeq();
      const row = await userRow(user.id);
      const actor = { userId: user.id, agencyId: row.agency_id, label: 'user' as const };
      await run((tx) => authService.signOut(tx, actor, a!.id));
      expect(await sessionRow(a!.id)).toBeUndefined();
      expect(await sessionRow(b!.id)).toBeDefined();
      expect(await audited('auth.signed_out', since)).toMatchObject([
        { actor_id: user.id, entity_type: 'session', entity_id: a!.id },
      ]);
      const { actorOfUser } = await import('../../src/modules/access/actor.js');
      const full = await actorOfUser(t.database.db, row, b!.id);
      await run((tx) => authService.signOutEverywhere(tx, full));
      expect(await sessionRow(b!.id)).toBeUndefined();
      expect(await sessionRow(c!.id)).toBeUndefined();
      expect(await audited('auth.signed_out_everywhere', since)).toMatchObject([
        { actor_id: user.id, entity_type: 'user', entity_id: user.id },
      ]);
    });

    it('shows the user, agency and expiry, and grants nothing before the last step', async () => {
      clock = start;
      const user = await newUser(['analyst'], true);
      const { session } = sessionOf(await signIn(user.email));
      const view = (s: typeof session) =>
        run(async (tx) => authService.view(tx, s, await userRow(user.id, tx), 'Asia/Macau'));
      const pending = await view(session);
      expect(pending).toMatchObject({
        stage: 'password_change',
        csrfToken: session.csrf_token,
        permissions: [],
        caseScope: null,
        expiresAt: iso(start + settings.absoluteMs),
        timeZone: 'Asia/Macau',
        user: {
          id: user.id,
          email: user.email,
          language: 'en',
          agency: { id: agencyId, code: 'SECRETARIAT' },
          roles: ['analyst'],
          twoFactorEnabled: false,
        },
      });
      const active = await view({ ...session, stage: 'active' });
      expect(active.permissions).toContain('case.read');
      expect(active.permissions).not.toContain('user.manage');
      expect(active.caseScope).toBe('all');
      const secretariat = await enrolledUser();
      const enrolledView = await run(async (tx) =>
        authService.view(tx, { ...session, stage: 'active' }, await userRow(secretariat.id, tx), 'UTC'),
      );
      expect(enrolledView.user.twoFactorEnabled).toBe(true);
    });
  });

  /** The user's own notifications: kind and time. */
  async function noticesOf(userId: string) {
    return t.database.db
      .selectFrom('notifications')
      .select(['kind', 'created_at'])
      .where('recipient_id', '=', userId)
      .orderBy('created_at')
      .execute();
  }

  /** A secretariat user (a role that requires a second factor) enrolled with TOTP. */
  async function enrolledUser() {
    const user = await newUser(['secretariat']);
    const { session } = sessionOf(await signIn(user.email));
    expect(session.stage).toBe('two_factor_enrolment');
    const { secret } = await run(async (tx) =>
      authService.beginTwoFactor(tx, t.cipher, await userRow(user.id, tx)),
    );
    const code = await generate({ secret });
    const confirmed = await run((tx) =>
      authService.confirmTwoFactor(tx, settings, t.cipher, session, user.id, code),
    );
    if (confirmed instanceof GuiaError) throw confirmed;
    return { ...user, secret, recoveryCodes: confirmed.recoveryCodes, enrolment: session };
  }
});
