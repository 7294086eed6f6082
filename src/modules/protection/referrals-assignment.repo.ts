import type { Executor } from '../../db/schema.js';
import { updateStamps } from '../../db/versioned.js';

// The handover's own statements: who an accepted referral is given to, and the person grants
// that follow the worker (docs/access.md, "referral").

export const referralAssignmentRepo = {
  /** The active users of an agency whose roles let them work a victim's protection records, by name. */
  workersOf: (db: Executor, agencyId: string) =>
    db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .innerJoin('role_permissions', 'role_permissions.role_id', 'user_roles.role_id')
      .select(['users.id', 'users.name'])
      .distinct()
      .where('users.active', '=', 1)
      .where('users.agency_id', '=', agencyId)
      .where('role_permissions.permission', '=', 'protection.write')
      .orderBy('users.name')
      .orderBy('users.id')
      .execute(),

  /** Records the worker only on the version the caller saw: a concurrent change makes this false. */
  async assign(
    db: Executor,
    id: string,
    version: number,
    change: { assigned_to: string; assigned_at: string; assigned_by: string },
  ): Promise<boolean> {
    const result = await db
      .updateTable('referrals')
      .set((eb) => ({
        ...change,
        ...updateStamps(change.assigned_by, change.assigned_at),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'accepted')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  /** Ends the live assignment grants of a referral (the previous worker's), returning their ids. */
  async revokeAssignmentGrants(db: Executor, referralId: string, by: string, at: string): Promise<string[]> {
    const live = await db
      .selectFrom('person_grants')
      .select(['id', 'user_id'])
      .where('referral_id', '=', referralId)
      .where('reason', '=', 'assignment')
      .where('revoked_at', 'is', null)
      .execute();
    if (live.length === 0) return [];
    await db
      .updateTable('person_grants')
      .set({ revoked_at: at, revoked_by: by })
      .where(
        'id',
        'in',
        live.map((g) => g.id),
      )
      .execute();
    return live.map((g) => g.id);
  },
};
