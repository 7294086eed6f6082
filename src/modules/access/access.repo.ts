import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { likePattern } from '../../db/like.js';
import { reusable } from '../../db/reusable.js';
import { updateStamps, updateVersionedOrStale } from '../../db/versioned.js';
import type { AgencyTable, Executor, SessionTable, UserTable } from '../../db/schema.js';

export type AgencyRow = Selectable<AgencyTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;

export type UserFilter = { agencyId?: string; role?: string; active?: boolean; q?: string };

export const agenciesRepo = {
  list: (db: Executor) => db.selectFrom('agencies').selectAll().orderBy('code').execute(),
  get: (db: Executor, id: string) =>
    db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst(),
  getByCode: (db: Executor, code: string) =>
    db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst(),
  insert: (db: Executor, row: Insertable<AgencyTable>) => db.insertInto('agencies').values(row).execute(),
  /** A versioned update: a stale version raises `resource.stale` (409). */
  update: (db: Executor, id: string, version: number, changes: Updateable<AgencyTable>) =>
    updateVersionedOrStale(db, 'agencies', id, version, changes, 'agency'),
};

export const usersRepo = {
  get: (db: Executor, id: string) =>
    db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  getByEmail: (db: Executor, email: string) =>
    db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),
  /**
   * The user row, locked until the transaction ends (a no-op update: portable where
   * `SELECT … FOR UPDATE` is not; SQLite serialises writers anyway).
   */
  lock: (db: Executor, id: string) =>
    db
      .updateTable('users')
      .set((eb) => ({ second_factor_failures: eb.ref('second_factor_failures') }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst(),
  list(db: Executor, filter: UserFilter) {
    let query = db.selectFrom('users').selectAll('users');
    if (filter.agencyId) query = query.where('users.agency_id', '=', filter.agencyId);
    if (filter.active !== undefined) query = query.where('users.active', '=', filter.active ? 1 : 0);
    if (filter.role) {
      const role = filter.role;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_roles')
            .select('user_roles.user_id')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role_id', '=', role),
        ),
      );
    }
    if (filter.q) {
      const q = filter.q.toLowerCase();
      query = query.where((eb) =>
        eb.or([likePattern('users.email', q, 'contains'), likePattern('users.name', q, 'contains', true)]),
      );
    }
    return query.orderBy('users.email').limit(1000).execute();
  },
  insert: (db: Executor, row: Insertable<UserTable>) => db.insertInto('users').values(row).execute(),
  /** A versioned update: a stale version raises `resource.stale` (409). */
  update: (db: Executor, id: string, version: number, changes: Updateable<UserTable>) =>
    updateVersionedOrStale(db, 'users', id, version, changes, 'user'),
  /** Security bookkeeping (failed sign-ins, last TOTP step) that must not bump the version users edit against. */
  /**
   * A change the user makes to their own account (password, language): it applies whatever
   * an administrator edited meanwhile, and bumps the version so that editor sees it changed.
   */
  async updateOwnAccount(
    db: Executor,
    id: string,
    changes: Pick<Updateable<UserTable>, 'password_hash' | 'must_change_password' | 'language'>,
  ): Promise<void> {
    await db
      .updateTable('users')
      .set((eb) => ({
        ...changes,
        version: eb('version', '+', 1),
        ...updateStamps(id, new Date().toISOString()),
      }))
      .where('id', '=', id)
      .execute();
  },
  async setSecurityState(
    db: Executor,
    id: string,
    changes: Pick<
      Updateable<UserTable>,
      | 'failed_sign_ins'
      | 'locked_until'
      | 'last_sign_in_at'
      | 'totp_last_step'
      | 'second_factor_failures'
      | 'second_factor_failed_since'
      | 'second_factor_locked_at'
    >,
  ): Promise<void> {
    await db.updateTable('users').set(changes).where('id', '=', id).execute();
  },
  async rolesOf(db: Executor, userIds: readonly string[]): Promise<Map<string, string[]>> {
    const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return byUser;
    const rows = await db
      .selectFrom('user_roles')
      .select(['user_id', 'role_id'])
      .where('user_id', 'in', userIds)
      .orderBy('role_id')
      .execute();
    for (const row of rows) byUser.get(row.user_id)?.push(row.role_id);
    return byUser;
  },
  async setRoles(db: Executor, userId: string, roleIds: readonly string[]): Promise<void> {
    await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roleIds.length > 0) {
      await db
        .insertInto('user_roles')
        .values(roleIds.map((role_id) => ({ user_id: userId, role_id })))
        .execute();
    }
  },
  /** A user's roles and what they grant, in one statement (every signed-in request runs it). */
  async accessOf(
    db: Executor,
    userId: string,
  ): Promise<{ roles: string[]; grants: { permission: string; scope: string }[] }> {
    const rows = await rolesWithGrants(db, userId);
    const grants = rows.flatMap(({ permission, scope }) =>
      permission !== null && scope !== null ? [{ permission, scope }] : [],
    );
    return { roles: [...new Set(rows.map((row) => row.role_id))], grants };
  },
  grantsOf: (db: Executor, userId: string) =>
    db
      .selectFrom('user_roles')
      .innerJoin('role_permissions', 'role_permissions.role_id', 'user_roles.role_id')
      .select(['role_permissions.permission', 'role_permissions.scope'])
      .where('user_roles.user_id', '=', userId)
      .execute(),
  count: async (db: Executor) =>
    Number(
      (
        await db
          .selectFrom('users')
          .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
};

export const rolesRepo = {
  list: (db: Executor) => db.selectFrom('roles').select('id').orderBy('id').execute(),
  permissions: (db: Executor) =>
    db.selectFrom('role_permissions').selectAll().orderBy('role_id').orderBy('permission').execute(),
};

export const recoveryCodesRepo = {
  async replace(db: Executor, userId: string, rows: { id: string; code_hash: string }[]): Promise<void> {
    await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await db
      .insertInto('recovery_codes')
      .values(rows.map((row) => ({ ...row, user_id: userId, used_at: null })))
      .execute();
  },
  unused: (db: Executor, userId: string) =>
    db
      .selectFrom('recovery_codes')
      .selectAll()
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute(),
  async markUsed(db: Executor, id: string, at: string): Promise<boolean> {
    const result = await db
      .updateTable('recovery_codes')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
};

// The statements of every signed-in request, built once (src/db/reusable.ts).
const rolesWithGrants = reusable((db, userId: string) =>
  db
    .selectFrom('user_roles')
    .leftJoin('role_permissions', 'role_permissions.role_id', 'user_roles.role_id')
    .select(['user_roles.role_id', 'role_permissions.permission', 'role_permissions.scope'])
    .where('user_roles.user_id', '=', userId)
    .orderBy('user_roles.role_id'),
);

const sessionWithUser = reusable((db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as session_id',
      'sessions.token_hash as session_token_hash',
      'sessions.stage as session_stage',
      'sessions.csrf_token as session_csrf_token',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at as session_last_seen_at',
      'sessions.expires_at as session_expires_at',
      'sessions.failed_codes as session_failed_codes',
    ])
    .where('sessions.token_hash', '=', tokenHash),
);

export const sessionsRepo = {
  /** The session of a token hash and its user, in one statement (a session's user always exists). */
  async withUser(
    db: Executor,
    tokenHash: string,
  ): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const [row] = await sessionWithUser(db, tokenHash);
    if (!row) return undefined;
    const {
      session_id: id,
      session_token_hash: token_hash,
      session_stage: stage,
      session_csrf_token: csrf_token,
      session_created_at: created_at,
      session_last_seen_at: last_seen_at,
      session_expires_at: expires_at,
      session_failed_codes: failed_codes,
      ...user
    } = row;
    const session = {
      id,
      token_hash,
      user_id: user.id,
      stage,
      csrf_token,
      created_at,
      last_seen_at,
      expires_at,
    };
    return { session: { ...session, failed_codes }, user };
  },
  insert: (db: Executor, row: SessionRow) => db.insertInto('sessions').values(row).execute(),
  byId: (db: Executor, id: string) =>
    db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst(),
  byTokenHash: (db: Executor, tokenHash: string) =>
    db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
  async update(db: Executor, id: string, changes: Updateable<SessionTable>): Promise<void> {
    await db.updateTable('sessions').set(changes).where('id', '=', id).execute();
  },
  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
  },
  async deleteForUser(db: Executor, userId: string, exceptId?: string): Promise<void> {
    let query = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) query = query.where('id', '!=', exceptId);
    await query.execute();
  },
  /** Ends the sessions of a user that have not finished signing in. */
  async deleteSigningIn(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('sessions').where('user_id', '=', userId).where('stage', '!=', 'active').execute();
  },
  async deleteExpired(db: Executor, now: string, idleBefore: string): Promise<void> {
    await db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
      .execute();
  },
};

export const settingsRepo = {
  get: async (db: Executor, key: string) =>
    (await db.selectFrom('instance_settings').select('value').where('key', '=', key).executeTakeFirst())
      ?.value,
  async set(db: Executor, key: string, value: string): Promise<void> {
    await db
      .insertInto('instance_settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  },
};

export const signInThrottleRepo = {
  /**
   * Counts one sign-in attempt for a key and returns the attempts of its current window
   * (a window older than `windowStartedBefore` starts again). The upsert locks the row
   * until the transaction ends, so parallel attempts on one key are counted in turn.
   */
  count: (db: Executor, key: string, now: string, windowStartedBefore: string) =>
    db
      .insertInto('sign_in_throttle')
      .values({ key, attempts: 1, window_started_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => {
          const expired = eb('sign_in_throttle.window_started_at', '<=', windowStartedBefore);
          return {
            attempts: eb
              .case()
              .when(expired)
              .then(eb.lit(1))
              .else(eb('sign_in_throttle.attempts', '+', eb.lit(1)))
              .end(),
            window_started_at: eb
              .case()
              .when(expired)
              .then(eb.val(now))
              .else(eb.ref('sign_in_throttle.window_started_at'))
              .end(),
          };
        }),
      )
      .returning(['attempts', 'window_started_at'])
      .executeTakeFirstOrThrow(),
  async clear(db: Executor, key: string): Promise<void> {
    await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
  },
  async purge(db: Executor, windowStartedBefore: string): Promise<void> {
    await db.deleteFrom('sign_in_throttle').where('window_started_at', '<=', windowStartedBefore).execute();
  },
};

export type ReferenceRow = { id: string; label: string; kind: 'user' | 'agency' };

/** Names of users and codes of agencies, many of each, in one statement. */
export const referencesRepo = {
  async references(db: Executor, userIds: string[], agencyIds: string[]): Promise<ReferenceRow[]> {
    const users = () =>
      db
        .selectFrom('users')
        .select(['id', 'name as label', sql<ReferenceRow['kind']>`'user'`.as('kind')])
        .where('id', 'in', userIds);
    const agencies = () =>
      db
        .selectFrom('agencies')
        .select(['id', 'code as label', sql<ReferenceRow['kind']>`'agency'`.as('kind')])
        .where('id', 'in', agencyIds);
    if (userIds.length === 0) return agencyIds.length === 0 ? [] : agencies().execute();
    return agencyIds.length === 0 ? users().execute() : users().unionAll(agencies()).execute();
  },
};
