import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// Need-to-know (docs/access.md): who may reach a person is decided by explicit grants.
// - case_agencies.kept: an agency brought in on purpose stays when its last member leaves;
//   one that came in with a member leaves with its last member.
// - person_grants: access to one person of a case without membership of the case (an
//   accepted referral reaches the referred victim, never the other people of the case).
// - link_requests: linking a person one cannot reveal into another case needs the approval
//   of a member of a case that holds the person.
// - duplicate_flags: probable duplicates across cases the caller cannot see, for the
//   secretariat to resolve; the caller learns only that one exists.
// - supervisors manage the membership of their agency's cases without seeing identities;
//   agency officers read protection records of the cases they work, not of every case of
//   their agency (those records hold notes about the victim).
export const needToKnow = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .alterTable('case_agencies')
      .addColumn('kept', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // Participation recorded before this migration was never tied to a member: keep it.
    await db.updateTable('case_agencies').set({ kept: 1 }).execute();

    await db.schema
      .createTable('person_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('case_person_id', 'text', (c) =>
        c.notNull().references('case_persons.id').onDelete('cascade'),
      )
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('referral_id', 'text', (c) => c.references('referrals.id'))
      .addColumn('identity', 'integer', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .execute();
    await db.schema
      .createIndex('person_grants_user_idx')
      .on('person_grants')
      .columns(['user_id', 'case_person_id'])
      .execute();

    await db.schema
      .createTable('link_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_case_person_id', 'text', (c) =>
        c.notNull().references('case_persons.id').onDelete('cascade'),
      )
      .addColumn('target_case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('case_person_id', 'text')
      .execute();
    await db.schema
      .createIndex('link_requests_source_idx')
      .on('link_requests')
      .columns(['source_case_person_id', 'status'])
      .execute();
    await db.schema
      .createIndex('link_requests_target_idx')
      .on('link_requests')
      .columns(['target_case_id', 'status'])
      .execute();

    await db.schema
      .createTable('duplicate_flags')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
      .addColumn('match_person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('flagged_at', 'text', (c) => c.notNull())
      .addColumn('flagged_by', 'text', (c) => c.notNull())
      .addColumn('resolved_by', 'text')
      .addColumn('resolved_at', 'text')
      .addUniqueConstraint('duplicate_flags_pair', ['person_id', 'match_person_id'])
      .execute();
    await db.schema
      .createIndex('duplicate_flags_status_idx')
      .on('duplicate_flags')
      .column('status')
      .execute();

    await db.insertInto('roles').values({ id: 'supervisor' }).execute();
    await db
      .insertInto('role_permissions')
      .values(
        (
          [
            ['supervisor', 'agency.read', 'all'],
            ['supervisor', 'user.read', 'agency'],
            ['supervisor', 'case.read', 'agency'],
            ['supervisor', 'case.supervise', 'agency'],
            ['secretariat', 'duplicate.resolve', 'all'],
          ] as const
        ).map(([role_id, permission, scope]) => ({ role_id, permission, scope })),
      )
      .execute();
    await db
      .updateTable('role_permissions')
      .set({ scope: 'own' })
      .where('role_id', '=', 'agency_officer')
      .where('permission', '=', 'protection.read')
      .execute();
  },
};
