import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { databases } from '../support/databases.js';
import { addAgency } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';
import { watchChanges, type ChangeWatch, type Snapshot } from './snapshot.js';

// The fuzzers' cheap check that a refused request wrote nothing (snapshot.ts, watchChanges):
// one small query when nothing moved, the whole snapshot only when something did. Shown here to
// catch a partial write planted during a refused request — a row inserted, a versioned row
// updated, a row written by another connection (a CLI command's) — and to let a clean refusal
// through without a snapshot.

const changed = (diff: { before: Snapshot; after: Snapshot } | null) =>
  diff ? Object.keys(diff.after).filter((k) => diff.after[k] !== diff.before[k]) : [];

describe.each(databases)('the fuzzers’ change check on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let watch: ChangeWatch;
  let agencyId: string;
  const refused = async () => {
    const response = await admin.post('/api/v1/agencies', { code: '' });
    expect(response.statusCode).toBe(400);
  };

  beforeAll(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    agencyId = await addAgency(admin, 'WATCH');
    watch = await watchChanges(t.database);
  });
  afterAll(() => t.close());

  it('sees nothing to compare after a refusal that wrote nothing', async () => {
    // A session's last-seen time is written at most once a second: some refusal of a quick
    // series writes nothing at all (and one that writes it shows no change in the snapshot).
    const diffs = [];
    for (let i = 0; i < 4; i++) {
      await watch.before();
      await refused();
      diffs.push(await watch.after());
    }
    expect(diffs).toContain(null);
    expect(diffs.flatMap(changed)).toEqual([]);
  });

  it('catches a row left behind by a refused request', async () => {
    await watch.before();
    await refused();
    await t.database.db.insertInto('instance_settings').values({ key: 'planted', value: 'x' }).execute();
    expect(changed(await watch.after())).toEqual(['instance_settings']);
  });

  it('catches an update of a versioned row, and a row rolled back leaves nothing to report', async () => {
    await watch.before();
    await refused();
    await sql`update agencies set version = version + 1 where id = ${agencyId}`.execute(t.database.db);
    expect(changed(await watch.after())).toEqual(['agencies.version']);
    await watch.before();
    await t.database.db
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('instance_settings').values({ key: 'rolled back', value: 'x' }).execute();
        throw new Error('refused');
      })
      .catch(() => {});
    // The counter moved (something was tried), so the snapshots are compared: they are equal.
    const diff = await watch.after();
    expect(diff).not.toBeNull();
    expect(changed(diff)).toEqual([]);
  });

  it('catches a write committed by another connection, as a command would make', async () => {
    const other = t.sqliteFile ? openDatabase({ kind: 'sqlite', file: t.sqliteFile }) : null;
    try {
      await watch.before();
      await (other ?? t.database).db
        .insertInto('instance_settings')
        .values({ key: 'other connection', value: 'x' })
        .execute();
      expect(changed(await watch.after())).toEqual(['instance_settings']);
    } finally {
      await other?.close();
    }
  });
});
