import type { Executor } from '../db/schema.js';

/**
 * Takes `day` for this process unless a run of that day (or later) was claimed already under
 * `key`: true if taken. Behind a load balancer several processes tick; one of them runs the
 * day's job. The claim is an instance setting holding the last day claimed.
 */
export async function claimDay(db: Executor, key: string, day: string): Promise<boolean> {
  await db
    .insertInto('instance_settings')
    .values({ key, value: '' })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const result = await db
    .updateTable('instance_settings')
    .set({ value: day })
    .where('key', '=', key)
    .where('value', '<', day)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
