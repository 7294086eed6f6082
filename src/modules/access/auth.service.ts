import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import { uuidv7 } from 'uuidv7';
import { GuiaError } from '../../core/errors.js';
import type { Language } from '../../core/languages.js';
import {
  mergeGrants,
  rolesRequiringTwoFactor,
  type Permission,
  type RoleId,
} from '../../core/permissions.js';
import type { Executor, SessionTable } from '../../db/schema.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { auditService, systemActor, type AuditActor } from '../audit/audit.service.js';
import {
  agenciesRepo,
  recoveryCodesRepo,
  sessionsRepo,
  usersRepo,
  type SessionRow,
  type UserRow,
} from './access.repo.js';
import type { SessionView } from './access.schemas.js';
import type { Actor } from './actor.js';
import { assertAcceptablePassword, decoyPasswordHash, hashPassword, passwordMatches } from './passwords.js';

export type Stage = SessionTable['stage'];

export type AuthSettings = {
  idleMs: number;
  absoluteMs: number;
  maxFailedSignIns: number;
  lockoutMs: number;
};

export const defaultAuthSettings: AuthSettings = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
  maxFailedSignIns: 5,
  lockoutMs: 15 * 60_000,
};

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
   */
  async signIn(tx: Executor, settings: AuthSettings, email: string, password: string): Promise<SignInResult> {
    const now = Date.now();
    const user = await usersRepo.getByEmail(tx, email);
    if (!user) {
      await passwordMatches(await decoyPasswordHash(), password);
      await auditService.record(tx, systemActor('anonymous'), 'auth.sign_in_failed', {
        summary: { reason: 'unknown_email' },
      });
      return { error: new GuiaError('auth.invalid_credentials') };
    }
    if (user.locked_until && Date.parse(user.locked_until) > now) {
      await auditService.record(tx, userActor(user), 'auth.sign_in_failed', {
        entityType: 'user',
        entityId: user.id,
        summary: { reason: 'locked' },
      });
      return { error: new GuiaError('auth.locked', { until: user.locked_until }) };
    }
    const matches = await passwordMatches(user.password_hash, password);
    if (!matches || user.active !== 1) {
      const failures = user.failed_sign_ins + 1;
      const lock = failures >= settings.maxFailedSignIns;
      const lockedUntil = lock ? new Date(now + settings.lockoutMs).toISOString() : null;
      await usersRepo.setSecurityState(tx, user.id, {
        failed_sign_ins: lock ? 0 : failures,
        locked_until: lockedUntil,
      });
      const reason = matches ? 'disabled' : 'wrong_password';
      await auditService.record(tx, userActor(user), 'auth.sign_in_failed', {
        entityType: 'user',
        entityId: user.id,
        summary: { reason },
      });
      if (lock)
        await auditService.record(tx, userActor(user), 'auth.locked', {
          entityType: 'user',
          entityId: user.id,
          summary: { until: lockedUntil },
        });
      return {
        error: new GuiaError(
          lock ? 'auth.locked' : 'auth.invalid_credentials',
          lockedUntil ? { until: lockedUntil } : {},
        ),
      };
    }
    await usersRepo.setSecurityState(tx, user.id, { failed_sign_ins: 0, locked_until: null });
    const stage = await stageAfterPassword(tx, user);
    const opened = await authService.openSession(tx, settings, user.id, stage);
    if (stage !== 'second_factor') await authService.completeSignIn(tx, user);
    return opened;
  },

  async openSession(tx: Executor, settings: AuthSettings, userId: string, stage: Stage) {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const session: SessionRow = {
      id: uuidv7(),
      token_hash: sha256(token),
      user_id: userId,
      stage,
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + settings.absoluteMs).toISOString(),
    };
    await sessionsRepo.insert(tx, session);
    return { token, session };
  },

  async completeSignIn(tx: Executor, user: UserRow): Promise<void> {
    await usersRepo.setSecurityState(tx, user.id, { last_sign_in_at: new Date().toISOString() });
    await auditService.record(tx, userActor(user), 'auth.signed_in', {
      entityType: 'user',
      entityId: user.id,
    });
  },

  /**
   * The session a cookie token stands for, or why there is none. Expired sessions are
   * deleted on sight; the last-seen time is written at most once a minute.
   */
  async resolve(
    db: Executor,
    settings: AuthSettings,
    token: string,
  ): Promise<{ session: SessionRow; user: UserRow } | 'unknown' | 'expired'> {
    const session = await sessionsRepo.byTokenHash(db, sha256(token));
    if (!session) return 'unknown';
    const now = Date.now();
    const idle = now - Date.parse(session.last_seen_at) > settings.idleMs;
    if (idle || Date.parse(session.expires_at) <= now) {
      await sessionsRepo.delete(db, session.id);
      return 'expired';
    }
    const user = await usersRepo.get(db, session.user_id);
    if (!user || user.active !== 1) {
      await sessionsRepo.delete(db, session.id);
      return 'expired';
    }
    if (now - Date.parse(session.last_seen_at) > 60_000) {
      await sessionsRepo.update(db, session.id, { last_seen_at: new Date(now).toISOString() });
    }
    return { session, user };
  },

  async actorOf(db: Executor, session: SessionRow, user: UserRow): Promise<Actor> {
    const roles = ((await usersRepo.rolesOf(db, [user.id])).get(user.id) ?? []) as RoleId[];
    return {
      userId: user.id,
      agencyId: user.agency_id,
      label: 'user',
      email: user.email,
      name: user.name,
      language: user.language as Language,
      roles,
      grants: mergeGrants(await usersRepo.grantsOf(db, user.id)),
      sessionId: session.id,
    };
  },

  async view(db: Executor, session: SessionRow, user: UserRow): Promise<SessionView> {
    const actor = await authService.actorOf(db, session, user);
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
      expiresAt: session.expires_at,
    };
  },

  /** Accepts a TOTP code (each time step once only) or an unused recovery code. */
  async secondFactor(
    tx: Executor,
    cipher: FieldCipher,
    session: SessionRow,
    user: UserRow,
    code: string,
  ): Promise<Stage | GuiaError> {
    const accepted = /^\d{6}$/.test(code)
      ? await acceptTotp(tx, cipher, user, code)
      : await acceptRecoveryCode(tx, user, code);
    if (!accepted) {
      await auditService.record(tx, userActor(user), 'auth.second_factor_failed', {
        entityType: 'user',
        entityId: user.id,
      });
      return new GuiaError('auth.invalid_second_factor', {}, [{ path: 'code', code: 'invalid' }]);
    }
    const stage = nextStage({ ...(await stageFacts(tx, user)), twoFactorEnabled: true });
    await sessionsRepo.update(tx, session.id, { stage });
    await authService.completeSignIn(tx, user);
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
    return stage;
  },

  async changeLanguage(tx: Executor, user: UserRow, language: Language): Promise<void> {
    await usersRepo.updateOwnAccount(tx, user.id, { language });
    await auditService.record(tx, userActor(user), 'account.language_changed', {
      entityType: 'user',
      entityId: user.id,
      summary: { language: { from: user.language, to: language } },
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
    const otpauthUri = generateURI({ issuer: 'Guia', label: user.email, secret });
    return {
      secret,
      otpauthUri,
      qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 240 }),
    };
  },

  /** Confirms enrolment with a first code; returns recovery codes, shown this once only. */
  async confirmTwoFactor(
    tx: Executor,
    cipher: FieldCipher,
    session: SessionRow,
    user: UserRow,
    code: string,
  ): Promise<{ recoveryCodes: string[]; stage: Stage }> {
    if (user.totp_secret) throw new GuiaError('totp.already_enabled');
    if (!user.totp_pending_secret) throw new GuiaError('totp.not_pending');
    const secret = cipher.decrypt(user.totp_pending_secret, 'users.totp_pending_secret');
    const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
    if (!result.valid) {
      await auditService.record(tx, userActor(user), 'auth.second_factor_failed', {
        entityType: 'user',
        entityId: user.id,
        summary: { during: 'enrolment' },
      });
      throw new GuiaError('auth.invalid_second_factor', {}, [{ path: 'code', code: 'invalid' }]);
    }
    await tx
      .updateTable('users')
      .set({
        totp_secret: cipher.encrypt(secret, totpColumn),
        totp_pending_secret: null,
        totp_last_step: 'timeStep' in result ? result.timeStep : null,
      })
      .where('id', '=', user.id)
      .execute();
    const recoveryCodes = Array.from({ length: 10 }, () => {
      const raw = randomBytes(10).toString('hex').slice(0, 10);
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await recoveryCodesRepo.replace(
      tx,
      user.id,
      recoveryCodes.map((c) => ({ id: uuidv7(), code_hash: sha256(c) })),
    );
    // Enrolment is the last sign-in step (the route allows it only then or once active).
    const stage: Stage = 'active';
    await sessionsRepo.update(tx, session.id, { stage });
    await auditService.record(tx, userActor(user), 'account.two_factor_enrolled', {
      entityType: 'user',
      entityId: user.id,
    });
    return { recoveryCodes, stage };
  },
};

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

async function acceptRecoveryCode(tx: Executor, user: UserRow, code: string): Promise<boolean> {
  const hashed = sha256(code.toLowerCase());
  const match = (await recoveryCodesRepo.unused(tx, user.id)).find((row) => row.code_hash === hashed);
  if (!match || !(await recoveryCodesRepo.markUsed(tx, match.id, new Date().toISOString()))) return false;
  await auditService.record(tx, userActor(user), 'account.recovery_code_used', {
    entityType: 'user',
    entityId: user.id,
  });
  return true;
}
