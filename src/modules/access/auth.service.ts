import { createHash, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import { uuidv7 } from 'uuidv7';
import { GuiaError } from '../../core/errors.js';
import type { Language } from '../../core/languages.js';
import { rolesRequiringTwoFactor, type Permission } from '../../core/permissions.js';
import type { Executor, SessionTable } from '../../db/schema.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { auditService, systemActor, type AuditActor } from '../audit/audit.service.js';
import {
  agenciesRepo,
  recoveryCodesRepo,
  sessionsRepo,
  signInThrottleRepo,
  usersRepo,
  type SessionRow,
  type UserRow,
} from './access.repo.js';
import type { SessionView } from './access.schemas.js';
import { actorOfUser, type Actor } from './actor.js';
import {
  assertAcceptablePassword,
  decoyPasswordHash,
  hashPassword,
  hashRecoveryCode,
  newRecoveryCodes,
  passwordMatches,
  recoveryCodeMatches,
} from './passwords.js';
import { asLanguage, asTimestamp } from '../audit/audit-values.js';
import { authNotices, isNewsAt } from './auth-notices.js';

export type Stage = SessionTable['stage'];

export type AuthSettings = {
  idleMs: number;
  absoluteMs: number;
  /** Failed sign-ins allowed per e-mail and client address within `lockoutMs`. */
  maxFailedSignIns: number;
  lockoutMs: number;
  /** Wrong second-factor codes that end one sign-in attempt (its session). */
  maxWrongCodesPerAttempt: number;
  /** Wrong second-factor codes within `wrongCodeWindowMs` that lock the account's second factor. */
  maxWrongCodesPerAccount: number;
  wrongCodeWindowMs: number;
  /** The clock (milliseconds since the epoch); tests pass their own. */
  now: () => number;
};

export const defaultAuthSettings: AuthSettings = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
  maxFailedSignIns: 5,
  lockoutMs: 15 * 60_000,
  maxWrongCodesPerAttempt: 5,
  maxWrongCodesPerAccount: 20,
  wrongCodeWindowMs: 24 * 3_600_000,
  now: () => Date.now(),
};

/**
 * A session's last-seen time is written only when it is at least this old, sparing a write
 * per request. The idle check allows for it, so an active session never ends early; an idle
 * one ends at most this much after the limit.
 */
export const lastSeenGranularityMs = 1_000;

const totpColumn = 'users.totp_secret';
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** What a user must still do once the step just taken succeeded. */
export function nextStage(user: {
  mustChangePassword: boolean;
  twoFactorEnabled: boolean;
  twoFactorRequired: boolean;
}): Stage {
  if (user.mustChangePassword) return 'password_change';
  if (user.twoFactorRequired && !user.twoFactorEnabled) return 'two_factor_enrolment';
  return 'active';
}

async function stageAfterPassword(db: Executor, user: UserRow): Promise<Stage> {
  if (user.totp_secret) return 'second_factor';
  return nextStage(await stageFacts(db, user));
}

async function stageFacts(db: Executor, user: UserRow) {
  const roles = (await usersRepo.rolesOf(db, [user.id])).get(user.id) ?? [];
  return {
    mustChangePassword: user.must_change_password === 1,
    twoFactorEnabled: user.totp_secret !== null,
    twoFactorRequired: roles.some((r) => (rolesRequiringTwoFactor as readonly string[]).includes(r)),
  };
}

/**
 * The client as the sign-in throttle counts it: an IPv6 address by its /64 network, which
 * one subscriber usually holds whole (changing the low bits must not reset the count).
 */
export function throttledAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

const iso = (ms: number) => new Date(ms).toISOString();

const userActor = (user: UserRow): AuditActor => ({
  userId: user.id,
  agencyId: user.agency_id,
  label: 'user',
});

export type SignInResult = { token: string; session: SessionRow } | { error: GuiaError };

export const authService = {
  /**
   * Checks e-mail and password and opens a session at the stage the user must pass next.
   * Failures are recorded and committed by the caller's transaction before it answers,
   * so the audit trail keeps them although the sign-in is refused.
   *
   * Failed sign-ins are counted per e-mail *and* client address, never per account alone:
   * someone guessing from elsewhere cannot lock the user out of their own desk, and an
   * unknown e-mail goes through the same count, the same password hashing and the same
   * answers (401, then 429 with the same code) as a real one, so no answer tells whether
   * an account exists. Each attempt is counted before the password is checked, in a row
   * locked until commit: parallel guesses cannot slip past the limit.
   */
  async signIn(
    tx: Executor,
    settings: AuthSettings,
    email: string,
    password: string,
    clientAddress: string,
  ): Promise<SignInResult> {
    const now = settings.now();
    const throttleKey = sha256(`${email}\n${throttledAddress(clientAddress)}`);
    const counted = await signInThrottleRepo.count(tx, throttleKey, iso(now), iso(now - settings.lockoutMs));
    const user = await usersRepo.getByEmail(tx, email);
    const actor = user ? userActor(user) : systemActor('anonymous');
    const about = user ? { entityType: 'user' as const, entityId: user.id } : {};
    if (counted.attempts > settings.maxFailedSignIns) {
      const until = iso(Date.parse(counted.window_started_at) + settings.lockoutMs);
      await auditService.record(tx, actor, 'auth.sign_in_failed', {
        ...about,
        summary: { reason: 'throttled' },
      });
      return { error: new GuiaError('auth.sign_in_throttled', { until }) };
    }
    const matches = await passwordMatches(user?.password_hash ?? (await decoyPasswordHash()), password);
    if (!user || !matches || user.active !== 1) {
      const reason = !user ? 'unknown_email' : matches ? 'disabled' : 'wrong_password';
      await auditService.record(tx, actor, 'auth.sign_in_failed', { ...about, summary: { reason } });
      if (counted.attempts === settings.maxFailedSignIns) {
        await auditService.record(tx, actor, 'auth.locked', {
          ...about,
          summary: {
            scope: 'email_and_address',
            until: asTimestamp(iso(Date.parse(counted.window_started_at) + settings.lockoutMs)),
          },
        });
      }
      return { error: new GuiaError('auth.invalid_credentials') };
    }
    await signInThrottleRepo.clear(tx, throttleKey);
    if (user.second_factor_locked_at) {
      await auditService.record(tx, actor, 'auth.sign_in_failed', {
        ...about,
        summary: { reason: 'second_factor_locked' },
      });
      return { error: new GuiaError('auth.second_factor_locked') };
    }
    const stage = await stageAfterPassword(tx, user);
    const opened = await authService.openSession(tx, settings, user.id, stage);
    if (stage !== 'second_factor') await authService.completeSignIn(tx, settings, user);
    return opened;
  },

  /** Counts of failed sign-ins whose window has passed are of no use any more. */
  async forgetOldSignInAttempts(db: Executor, settings: AuthSettings): Promise<void> {
    await signInThrottleRepo.purge(db, iso(settings.now() - settings.lockoutMs));
  },

  async openSession(tx: Executor, settings: AuthSettings, userId: string, stage: Stage) {
    const token = randomBytes(32).toString('base64url');
    const now = new Date(settings.now());
    const session: SessionRow = {
      id: uuidv7(),
      token_hash: sha256(token),
      user_id: userId,
      stage,
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + settings.absoluteMs).toISOString(),
      failed_codes: 0,
    };
    await sessionsRepo.insert(tx, session);
    return { token, session };
  },

  async completeSignIn(tx: Executor, settings: AuthSettings, user: UserRow): Promise<void> {
    await usersRepo.setSecurityState(tx, user.id, { last_sign_in_at: iso(settings.now()) });
    await auditService.record(tx, userActor(user), 'auth.signed_in', {
      entityType: 'user',
      entityId: user.id,
    });
  },

  /**
   * The session a cookie token stands for, or why there is none. Expired sessions are
   * deleted on sight. The last-seen time is written at most once per
   * `lastSeenGranularityMs`, so the true last request may be up to that much later than
   * the stored time: the idle check allows for it, and an active session never ends early.
   */
  async resolve(
    db: Executor,
    settings: AuthSettings,
    token: string,
  ): Promise<{ session: SessionRow; user: UserRow } | 'unknown' | 'expired'> {
    const found = await sessionsRepo.withUser(db, sha256(token));
    if (!found) return 'unknown';
    const { session, user } = found;
    const now = settings.now();
    const lastSeen = Date.parse(session.last_seen_at);
    const idle = now - lastSeen > settings.idleMs + lastSeenGranularityMs;
    if (idle || Date.parse(session.expires_at) <= now) {
      await sessionsRepo.delete(db, session.id);
      return 'expired';
    }
    if (user.active !== 1) {
      await sessionsRepo.delete(db, session.id);
      return 'expired';
    }
    if (now - lastSeen >= lastSeenGranularityMs) {
      await sessionsRepo.update(db, session.id, { last_seen_at: iso(now) });
    }
    return { session, user };
  },

  async view(db: Executor, session: SessionRow, user: UserRow, timeZone: string): Promise<SessionView> {
    const actor = await actorOfUser(db, user, session.id);
    const agency = await agenciesRepo.get(db, user.agency_id);
    return {
      stage: session.stage,
      csrfToken: session.csrf_token,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        language: actor.language,
        agency: { id: user.agency_id, code: agency?.code ?? '' },
        roles: actor.roles,
        twoFactorEnabled: user.totp_secret !== null,
      },
      // Until every sign-in step is done, the session grants nothing.
      permissions: session.stage === 'active' ? (Object.keys(actor.grants) as Permission[]) : [],
      caseScope: session.stage === 'active' ? (actor.grants['case.read'] ?? null) : null,
      expiresAt: session.expires_at,
      timeZone,
    };
  },

  /**
   * Accepts a TOTP code (each time step once only) or an unused recovery code. Wrong codes
   * are counted per sign-in attempt and per account (see `countWrongCode`); the account row
   * is locked first, so parallel guesses are counted one after the other.
   */
  async secondFactor(
    tx: Executor,
    settings: AuthSettings,
    cipher: FieldCipher,
    session: SessionRow,
    userId: string,
    code: string,
  ): Promise<Stage | GuiaError> {
    const locked = await lockForCode(tx, session, userId);
    if (locked instanceof GuiaError) return locked;
    const { user, attempt } = locked;
    if (user.second_factor_locked_at) return refuseLocked(tx, user, attempt);
    const accepted = /^\d{6}$/.test(code)
      ? await acceptTotp(tx, cipher, user, code)
      : await acceptRecoveryCode(tx, settings, user, code);
    if (!accepted) return countWrongCode(tx, settings, attempt, user, 'sign_in');
    const stage = nextStage({ ...(await stageFacts(tx, user)), twoFactorEnabled: true });
    await sessionsRepo.update(tx, session.id, { stage });
    await authService.completeSignIn(tx, settings, user);
    return stage;
  },

  async signOut(tx: Executor, actor: AuditActor, sessionId: string): Promise<void> {
    await sessionsRepo.delete(tx, sessionId);
    await auditService.record(tx, actor, 'auth.signed_out', { entityType: 'session', entityId: sessionId });
  },

  async signOutEverywhere(tx: Executor, actor: Actor): Promise<void> {
    await sessionsRepo.deleteForUser(tx, actor.userId);
    await auditService.record(tx, actor, 'auth.signed_out_everywhere', {
      entityType: 'user',
      entityId: actor.userId,
    });
  },

  /** Changes the password; other sessions of the user end, this one moves to its next stage. */
  async changePassword(
    tx: Executor,
    session: SessionRow,
    user: UserRow,
    current: string,
    next: string,
  ): Promise<Stage> {
    if (!(await passwordMatches(user.password_hash, current))) {
      throw new GuiaError('password.wrong_current', {}, [{ path: 'currentPassword', code: 'wrong' }]);
    }
    if (current === next)
      throw new GuiaError('password.same_as_old', {}, [{ path: 'newPassword', code: 'same_as_old' }]);
    assertAcceptablePassword(next, [user.email.split('@')[0] ?? '', user.name], 'newPassword');
    await usersRepo.updateOwnAccount(tx, user.id, {
      password_hash: await hashPassword(next),
      must_change_password: 0,
    });
    await sessionsRepo.deleteForUser(tx, user.id, session.id);
    const stage =
      session.stage === 'active'
        ? 'active'
        : nextStage({ ...(await stageFacts(tx, user)), mustChangePassword: false });
    await sessionsRepo.update(tx, session.id, { stage });
    await auditService.record(tx, userActor(user), 'account.password_changed', {
      entityType: 'user',
      entityId: user.id,
    });
    if (isNewsAt(session.stage)) await authNotices.record(tx, user.id, 'password_changed');
    return stage;
  },

  async changeLanguage(tx: Executor, user: UserRow, language: Language): Promise<void> {
    await usersRepo.updateOwnAccount(tx, user.id, { language });
    await auditService.record(tx, userActor(user), 'account.language_changed', {
      entityType: 'user',
      entityId: user.id,
      summary: { language: { from: asLanguage(user.language), to: language } },
    });
  },

  /** Starts enrolment: a new secret is kept pending until a code made from it is confirmed. */
  async beginTwoFactor(tx: Executor, cipher: FieldCipher, user: UserRow) {
    if (user.totp_secret) throw new GuiaError('totp.already_enabled');
    const secret = generateSecret();
    await tx
      .updateTable('users')
      .set({ totp_pending_secret: cipher.encrypt(secret, 'users.totp_pending_secret') })
      .where('id', '=', user.id)
      .execute();
    // A new secret replaces any pending one: who started an enrolment, and when, is on record.
    await auditService.record(tx, userActor(user), 'account.two_factor_setup_started', {
      entityType: 'user',
      entityId: user.id,
    });
    const otpauthUri = generateURI({ issuer: 'Guia', label: user.email, secret });
    return {
      secret,
      otpauthUri,
      qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 240 }),
    };
  },

  /**
   * Confirms enrolment with a first code; returns recovery codes, shown this once only.
   * Wrong codes count as in `secondFactor`, and are returned rather than thrown so that
   * the count and the audit entry are committed.
   */
  async confirmTwoFactor(
    tx: Executor,
    settings: AuthSettings,
    cipher: FieldCipher,
    session: SessionRow,
    userId: string,
    code: string,
  ): Promise<{ recoveryCodes: string[]; stage: Stage } | GuiaError> {
    const locked = await lockForCode(tx, session, userId);
    if (locked instanceof GuiaError) return locked;
    const { user, attempt } = locked;
    if (user.totp_secret) throw new GuiaError('totp.already_enabled');
    if (!user.totp_pending_secret) throw new GuiaError('totp.not_pending');
    if (user.second_factor_locked_at) return refuseLocked(tx, user, attempt);
    const secret = cipher.decrypt(user.totp_pending_secret, 'users.totp_pending_secret');
    const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
    if (!result.valid) return countWrongCode(tx, settings, attempt, user, 'enrolment');
    await tx
      .updateTable('users')
      .set({
        totp_secret: cipher.encrypt(secret, totpColumn),
        totp_pending_secret: null,
        totp_last_step: 'timeStep' in result ? result.timeStep : null,
      })
      .where('id', '=', user.id)
      .execute();
    const recoveryCodes = newRecoveryCodes();
    await recoveryCodesRepo.replace(
      tx,
      user.id,
      await Promise.all(
        recoveryCodes.map(async (c) => ({ id: uuidv7(), code_hash: await hashRecoveryCode(c) })),
      ),
    );
    // Enrolment is the last sign-in step (the route allows it only then or once active).
    const stage: Stage = 'active';
    await sessionsRepo.update(tx, session.id, { stage });
    await auditService.record(tx, userActor(user), 'account.two_factor_enrolled', {
      entityType: 'user',
      entityId: user.id,
    });
    if (isNewsAt(attempt.stage))
      await authNotices.record(tx, user.id, 'two_factor_enrolled', iso(settings.now()));
    return { recoveryCodes, stage };
  },
};

/**
 * The account row, locked until the transaction ends, and the session as stored now: every
 * code check of one account runs after the previous one has counted.
 */
async function lockForCode(
  tx: Executor,
  session: SessionRow,
  userId: string,
): Promise<{ user: UserRow; attempt: SessionRow } | GuiaError> {
  const user = await usersRepo.lock(tx, userId);
  const attempt = await sessionsRepo.byId(tx, session.id);
  if (!user || !attempt) return new GuiaError('auth.session_expired');
  return { user, attempt };
}

async function refuseLocked(tx: Executor, user: UserRow, attempt: SessionRow): Promise<GuiaError> {
  if (attempt.stage !== 'active') await sessionsRepo.delete(tx, attempt.id);
  await auditService.record(tx, userActor(user), 'auth.second_factor_failed', {
    entityType: 'user',
    entityId: user.id,
    summary: { reason: 'second_factor_locked' },
  });
  return new GuiaError('auth.second_factor_locked');
}

/**
 * A wrong code: the sign-in attempt (its session) ends after `maxWrongCodesPerAttempt`, and
 * the account's second factor locks after `maxWrongCodesPerAccount` within
 * `wrongCodeWindowMs`, until an administrator resets the password or the second factor
 * (whoever guessed knew the password). Locking ends every session still signing in.
 */
async function countWrongCode(
  tx: Executor,
  settings: AuthSettings,
  attempt: SessionRow,
  user: UserRow,
  during: 'sign_in' | 'enrolment',
): Promise<GuiaError> {
  const now = settings.now();
  const since = user.second_factor_failed_since;
  const inWindow = since !== null && now - Date.parse(since) < settings.wrongCodeWindowMs;
  const accountFailures = inWindow ? user.second_factor_failures + 1 : 1;
  const lock = accountFailures >= settings.maxWrongCodesPerAccount;
  await usersRepo.setSecurityState(tx, user.id, {
    second_factor_failures: accountFailures,
    second_factor_failed_since: inWindow ? since : iso(now),
    ...(lock ? { second_factor_locked_at: iso(now) } : {}),
  });
  const attemptFailures = attempt.failed_codes + 1;
  const ended = attemptFailures >= settings.maxWrongCodesPerAttempt;
  await auditService.record(tx, userActor(user), 'auth.second_factor_failed', {
    entityType: 'user',
    entityId: user.id,
    summary: { during, attemptFailures, accountFailures, ...(ended ? { attemptEnded: true } : {}) },
  });
  if (lock) {
    await sessionsRepo.deleteSigningIn(tx, user.id);
    await sessionsRepo.delete(tx, attempt.id);
    await auditService.record(tx, userActor(user), 'auth.locked', {
      entityType: 'user',
      entityId: user.id,
      summary: { scope: 'second_factor', failures: accountFailures },
    });
    return new GuiaError('auth.second_factor_locked');
  }
  if (ended) {
    await sessionsRepo.delete(tx, attempt.id);
    return new GuiaError('auth.sign_in_attempt_ended');
  }
  await sessionsRepo.update(tx, attempt.id, { failed_codes: attemptFailures });
  return new GuiaError('auth.invalid_second_factor', {}, [{ path: 'code', code: 'invalid' }]);
}

async function acceptTotp(tx: Executor, cipher: FieldCipher, user: UserRow, code: string): Promise<boolean> {
  if (!user.totp_secret) return false;
  const secret = cipher.decrypt(user.totp_secret, totpColumn);
  const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
  if (!result.valid || !('timeStep' in result)) return false;
  // A code seen once is spent: replaying an observed code within its window fails.
  if (user.totp_last_step !== null && result.timeStep <= user.totp_last_step) return false;
  await usersRepo.setSecurityState(tx, user.id, { totp_last_step: result.timeStep });
  return true;
}

async function acceptRecoveryCode(
  tx: Executor,
  settings: AuthSettings,
  user: UserRow,
  code: string,
): Promise<boolean> {
  const unused = await recoveryCodesRepo.unused(tx, user.id);
  // Every unused code is checked (each has its own salt), in parallel on the hashing threads.
  const matches = await Promise.all(unused.map((row) => recoveryCodeMatches(row.code_hash, code)));
  const match = unused.find((_, i) => matches[i]);
  if (!match || !(await recoveryCodesRepo.markUsed(tx, match.id, iso(settings.now())))) return false;
  await auditService.record(tx, userActor(user), 'account.recovery_code_used', {
    entityType: 'user',
    entityId: user.id,
  });
  return true;
}
