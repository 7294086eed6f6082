import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// The audit trail moves from SHA-256 chaining to HMAC chaining under a sub-key of the data
// key. The switch itself cannot happen here: migrations never see the data key (they run
// before it is loaded and proven, and `guia migrate` behaves the same), and a migration
// must not depend on a secret. So this migration only notes where the SHA-256 trail ends,
// as `seq:hash`; the first start with the key appends the `audit.chain_keyed` entry, whose
// HMAC covers the last SHA-256 hash, and says in it whether entries were appended after
// this point without the key (modules/audit/audit.service.ts, keyTrail). Entries up to that
// one are verified as SHA-256 as before, and every entry from it on with the key.
export const keyedAudit = {
  async up(db: AnyDb): Promise<void> {
    const tail = (await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()) as { seq: number; hash: string } | undefined;
    const value = tail ? `${tail.seq}:${tail.hash}` : `0:${'0'.repeat(64)}`;
    await db.insertInto('instance_settings').values({ key: 'audit.sha256_end', value }).execute();
  },
};
