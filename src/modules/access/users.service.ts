import { uuidv7 } from 'uuidv7';
import { creationStamps, updateStamps } from '../../db/versioned.js';
import { duplicate, GuiaError, invalid } from '../../core/errors.js';
import type { Language } from '../../core/languages.js';
import type { RoleId } from '../../core/permissions.js';
import { conflictingRoles, defaultExclusiveRoles } from '../../core/separation-of-duties.js';
import type { Executor } from '../../db/schema.js';
import { auditService, type AuditActor } from '../audit/audit.service.js';
import {
  agenciesRepo,
  sessionsRepo,
  settingsRepo,
  usersRepo,
  type UserFilter,
  type UserRow,
} from './access.repo.js';
import type { UserCreate, UserUpdate, UserView } from './access.schemas.js';
import { changedFields } from '../audit/changed-fields.js';
import { authNotices } from './auth-notices.js';
import { assertAcceptablePassword, hashPassword, oneTimePassword } from './passwords.js';
import { asAccountEmail, asCodes, asId, asLanguage, asNumber } from '../audit/audit-values.js';

async function present(db: Executor, rows: UserRow[]): Promise<UserView[]> {
  const roles = await usersRepo.rolesOf(
    db,
    rows.map((r) => r.id),
  );
  const agencies = new Map((await agenciesRepo.list(db)).map((a) => [a.id, a.code]));
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language as Language,
    agency: { id: row.agency_id, code: agencies.get(row.agency_id) ?? '' },
    roles: (roles.get(row.id) ?? []) as RoleId[],
    active: row.active === 1,
    twoFactorEnabled: row.totp_secret !== null,
    mustChangePassword: row.must_change_password === 1,
    lastSignInAt: row.last_sign_in_at,
    version: row.version,
    createdAt: row.created_at,
  }));
}

export type NewUser = UserCreate & {
  /** A password chosen by the person creating the account; otherwise a one-time password is generated. */
  password?: string;
  /** Whether the password must be changed at first sign-in (always, for a generated one). */
  mustChangePassword?: boolean;
};

async function assertAgencyExists(db: Executor, agencyId: string): Promise<void> {
  if (!(await agenciesRepo.get(db, agencyId))) throw invalid('agencyId', 'unknown');
}

const exclusiveRolesSetting = 'roles.exclusive';

/**
 * The role groups no user may hold together. Kept in the database (set from
 * GUIA_EXCLUSIVE_ROLES at start-up) so the API, the command line and every process behind
 * a load balancer apply the same rule.
 */
export const rolePolicy = {
  async exclusiveGroups(db: Executor): Promise<readonly (readonly string[])[]> {
    const stored = await settingsRepo.get(db, exclusiveRolesSetting);
    return stored === undefined ? defaultExclusiveRoles : (JSON.parse(stored) as string[][]);
  },
  async setExclusiveGroups(db: Executor, groups: readonly (readonly string[])[]): Promise<void> {
    await settingsRepo.set(db, exclusiveRolesSetting, JSON.stringify(groups));
  },
};

async function assertRolesMayBeHeldTogether(db: Executor, roles: readonly string[]): Promise<void> {
  const clash = conflictingRoles(roles, await rolePolicy.exclusiveGroups(db));
  if (clash) {
    const params = { roles: clash.join(', ') };
    throw new GuiaError('user.exclusive_roles', params, [{ path: 'roles', code: 'exclusive', params }]);
  }
}

/** No failed second-factor attempts on record and no lock from them. */
const secondFactorUnlocked = {
  second_factor_failures: 0,
  second_factor_failed_since: null,
  second_factor_locked_at: null,
} as const;

export const usersService = {
  async list(db: Executor, filter: UserFilter): Promise<UserView[]> {
    return present(db, await usersRepo.list(db, filter));
  },

  async get(db: Executor, id: string): Promise<UserRow> {
    const row = await usersRepo.get(db, id);
    if (!row) throw new GuiaError('resource.not_found', { entity: 'user' });
    return row;
  },

  async view(db: Executor, id: string): Promise<UserView> {
    const [view] = await present(db, [await usersService.get(db, id)]);
    if (!view) throw new GuiaError('resource.not_found', { entity: 'user' });
    return view;
  },

  async create(
    tx: Executor,
    actor: AuditActor,
    input: NewUser,
  ): Promise<{ user: UserView; oneTimePassword: string }> {
    if (await usersRepo.getByEmail(tx, input.email)) throw duplicate('email');
    await assertAgencyExists(tx, input.agencyId);
    await assertRolesMayBeHeldTogether(tx, input.roles);
    const password = input.password ?? oneTimePassword();
    if (input.password !== undefined)
      assertAcceptablePassword(input.password, [input.email.split('@')[0] ?? '']);
    const now = new Date().toISOString();
    const id = uuidv7();
    await usersRepo.insert(tx, {
      id,
      email: input.email,
      name: input.name,
      language: input.language,
      agency_id: input.agencyId,
      active: 1,
      password_hash: await hashPassword(password),
      must_change_password: input.password === undefined || input.mustChangePassword ? 1 : 0,
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      failed_sign_ins: 0,
      locked_until: null,
      last_sign_in_at: null,
      ...creationStamps(actor.userId, now),
    });
    await usersRepo.setRoles(tx, id, input.roles);
    await auditService.record(tx, actor, 'user.created', {
      entityType: 'user',
      entityId: id,
      summary: { email: asAccountEmail(input.email), agencyId: asId(input.agencyId), roles: input.roles },
    });
    return { user: await usersService.view(tx, id), oneTimePassword: password };
  },

  /** `keepSessionId`: the editor's own session, kept when they edit their own account. */
  async update(
    tx: Executor,
    actor: AuditActor,
    id: string,
    input: UserUpdate,
    keepSessionId?: string,
  ): Promise<UserView> {
    const before = await usersService.get(tx, id);
    if (input.active === false && id === actor.userId) throw new GuiaError('user.cannot_disable_self');
    if (input.agencyId) await assertAgencyExists(tx, input.agencyId);
    const previousRoles = (await usersRepo.rolesOf(tx, [id])).get(id) ?? [];
    const nextRoles = input.roles ? [...new Set(input.roles)].sort() : previousRoles;
    const rolesChange = JSON.stringify(previousRoles) !== JSON.stringify(nextRoles);
    if (rolesChange) {
      // Nobody grants himself rights: another administrator must (separation of duties).
      if (id === actor.userId) throw new GuiaError('user.cannot_change_own_roles');
      await assertRolesMayBeHeldTogether(tx, nextRoles);
    }
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.agencyId !== undefined ? { agency_id: input.agencyId } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
    };
    await usersRepo.update(tx, id, input.version, {
      ...changes,
      ...updateStamps(actor.userId, new Date().toISOString()),
    });
    // A staff member's name is a person's name: its change is recorded, the names are not.
    const summary = {
      ...changedFields(before, changes, {
        name: 'hidden',
        language: asLanguage,
        agency_id: asId,
        active: asNumber,
      }),
      ...(rolesChange ? { roles: { from: asCodes(previousRoles), to: asCodes(nextRoles) } } : {}),
    };
    if (rolesChange) await usersRepo.setRoles(tx, id, nextRoles);
    // A disabled account or one whose rights changed must not keep sessions granted under the old rights.
    if (input.active === false || summary.roles || summary.agency_id)
      await sessionsRepo.deleteForUser(tx, id, keepSessionId);
    const action =
      input.active === false
        ? 'user.disabled'
        : input.active === true && before.active === 0
          ? 'user.enabled'
          : 'user.updated';
    await auditService.record(tx, actor, action, { entityType: 'user', entityId: id, summary });
    return usersService.view(tx, id);
  },

  async disable(tx: Executor, actor: AuditActor, id: string): Promise<UserView> {
    const user = await usersService.get(tx, id);
    return usersService.update(tx, actor, id, { version: user.version, active: false });
  },

  /** For a user who lost their authenticator and recovery codes: they enrol again at next sign-in. */
  async resetTwoFactor(tx: Executor, actor: AuditActor, id: string): Promise<void> {
    const user = await usersService.get(tx, id);
    await usersRepo.update(tx, id, user.version, {
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      ...secondFactorUnlocked,
      ...updateStamps(actor.userId, new Date().toISOString()),
    });
    await tx.deleteFrom('recovery_codes').where('user_id', '=', id).execute();
    await sessionsRepo.deleteForUser(tx, id);
    await auditService.record(tx, actor, 'account.two_factor_disabled', { entityType: 'user', entityId: id });
    await authNotices.record(tx, id, 'two_factor_reset');
  },

  /** Sets a new password (generated unless given) that must be changed at next sign-in, and ends every session. */
  async resetPassword(tx: Executor, actor: AuditActor, id: string, chosen?: string): Promise<string> {
    const user = await usersService.get(tx, id);
    if (chosen !== undefined) assertAcceptablePassword(chosen, [user.email.split('@')[0] ?? '']);
    const password = chosen ?? oneTimePassword();
    await usersRepo.update(tx, id, user.version, {
      password_hash: await hashPassword(password),
      must_change_password: 1,
      failed_sign_ins: 0,
      locked_until: null,
      // Whoever locked the second factor by guessing knew the password: a new one unlocks it.
      ...secondFactorUnlocked,
      ...updateStamps(actor.userId, new Date().toISOString()),
    });
    await sessionsRepo.deleteForUser(tx, id);
    await auditService.record(tx, actor, 'user.password_reset', { entityType: 'user', entityId: id });
    await authNotices.record(tx, id, 'password_reset');
    return password;
  },
};
