import type { KyselyPlugin, QueryResult, UnknownRow } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sha256EntryHash, signCheckpoint } from '../../src/modules/audit/audit-chain.js';
import { auditKeysOf } from '../../src/modules/audit/audit-keyring.js';
import { sha256EndSetting } from '../../src/modules/audit/audit.repo.js';
import { auditService, systemActor } from '../../src/modules/audit/audit.service.js';
import { databases } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { dropGuards, readTrail, rewriteTrail, type Entry } from './audit-attacker.js';

// The edges of the audit trail that audit.test.ts leaves open: what an entry records about
// its entity and actor, the two ends of the trail (emptied, cut, its head record altered
// alone, an entry appended while it is read), a trail keyed after entries appended without
// the key, and the exact break each verification names.

/**
 * A reader that sees entry `seq` only on its third read: the trail as it looked while the
 * entry was being appended, so its last page ends before it but the head read next names it.
 */
function appendedWhileRead(seq: number): KyselyPlugin {
  let hidden = 0;
  return {
    transformQuery: (args) => args.node,
    transformResult: async (args): Promise<QueryResult<UnknownRow>> => {
      const rows = args.result.rows;
      if (hidden >= 2 || !rows.some((r) => 'prev_hash' in r && r['seq'] === seq)) return args.result;
      hidden++;
      return { ...args.result, rows: rows.filter((r) => r['seq'] !== seq) };
    },
  };
}

describe.each(databases)('the ends of the audit trail on %s', (kind) => {
  let t: TestApp;
  let trail: Entry[];

  const setHead = (value: string) =>
    t.database.db.updateTable('instance_settings').set({ value }).where('key', '=', 'audit.head').execute();

  beforeEach(async () => {
    t = await startTestApp(kind);
    for (const entityId of ['agency-1', 'agency-2', 'agency-3']) {
      await t.database.db.transaction().execute((tx) =>
        auditService.record(tx, systemActor('cli'), 'agency.updated', {
          entityType: 'agency',
          entityId,
          summary: {},
        }),
      );
    }
    trail = await readTrail(t.database.db);
  });
  afterEach(() => t.close());

  it('records the entity each entry is about, and opens with the keyed start written by the system', async () => {
    expect(trail[0]).toMatchObject({
      seq: 1,
      action: 'audit.chain_keyed',
      actor_label: 'system',
      actor_id: null,
      entity_type: null,
      entity_id: null,
    });
    expect(trail.slice(-3).map((e) => [e.actor_label, e.action, e.entity_type, e.entity_id])).toEqual([
      ['cli', 'agency.updated', 'agency', 'agency-1'],
      ['cli', 'agency.updated', 'agency', 'agency-2'],
      ['cli', 'agency.updated', 'agency', 'agency-3'],
    ]);
  });

  it('catches a trail emptied entirely, head and all, naming position 1 and no entry', async () => {
    await rewriteTrail(t.database.db, kind, () => [], sha256EntryHash);
    expect(await auditService.verify(t.database.db)).toEqual({
      ok: false,
      entries: 0,
      firstBad: { seq: 1, id: '', reason: 'unkeyed' },
    });
  });

  it('names the first missing position, and no entry, for a trail cut at its end', async () => {
    await dropGuards(t.database.db, kind);
    await t.database.db.deleteFrom('audit_log').where('seq', '=', trail.length).execute();
    expect(await auditService.verify(t.database.db)).toEqual({
      ok: false,
      entries: trail.length - 1,
      firstBad: { seq: trail.length, id: '', reason: 'truncated' },
    });
  });

  it('catches the head kept beside the trail altered alone: its hash, or its position', async () => {
    const last = trail.at(-1)!;
    const truncated = { ok: false, entries: trail.length, firstBad: { id: '', reason: 'truncated' } };
    await setHead(`${last.seq}:${sha256EntryHash(last)}`);
    expect(await auditService.verify(t.database.db)).toMatchObject(truncated);
    await setHead(`${last.seq + 1}:${last.hash}`);
    expect(await auditService.verify(t.database.db)).toMatchObject(truncated);
  });

  it('reads on, rather than call the trail cut, when an entry is appended while it is read', async () => {
    const last = trail.at(-1)!;
    const reader = t.database.db.withPlugin(appendedWhileRead(last.seq));
    expect(await auditService.verify(reader)).toEqual({
      ok: true,
      entries: trail.length,
      head: { seq: last.seq, hash: last.hash },
    });
  });

  it('names no entry for a forged checkpoint', async () => {
    const forged = signCheckpoint(
      { sequence: 2, hash: trail[1]!.hash, time: new Date().toISOString() },
      auditKeysOf(t.database.db).chain,
    );
    expect(await auditService.verify(t.database.db, { checkpoint: forged })).toEqual({
      ok: false,
      entries: 0,
      firstBad: { seq: 2, id: '', reason: 'checkpoint_signature' },
    });
  });

  it('reports its progress while checking the trail before signing a checkpoint', async () => {
    const onProgress = vi.fn();
    const made = await auditService.checkpoint(t.database.db, new Date(), onProgress);
    expect(made).toMatchObject({ ok: true, checkpoint: { sequence: trail.length } });
    expect(onProgress).toHaveBeenLastCalledWith(trail.length);
  });

  it('says in the keyed start where the SHA-256 trail ended at migration, when entries were appended after it', async () => {
    // A trail still SHA-256-chained when it is first keyed, three of whose entries were
    // appended after migration 0005 noted its end, by a process running the earlier version.
    const sha256 = await rewriteTrail(
      t.database.db,
      kind,
      (entries) => entries.filter((e) => e.action !== 'audit.chain_keyed'),
      sha256EntryHash,
    );
    await t.database.db
      .updateTable('instance_settings')
      .set({ value: '0:'.padEnd(66, '0') })
      .where('key', '=', sha256EndSetting)
      .execute();
    await auditService.keyTrail(t.database.db, auditKeysOf(t.database.db));
    const keyedStart = (await readTrail(t.database.db)).at(-1)!;
    expect(keyedStart).toMatchObject({
      seq: sha256.length + 1,
      action: 'audit.chain_keyed',
      actor_label: 'system',
    });
    expect(JSON.parse(keyedStart.summary)).toEqual({
      sha256Entries: sha256.length,
      sha256EndAtMigration: '0:'.padEnd(66, '0'),
    });
    expect(await auditService.verify(t.database.db)).toMatchObject({ ok: true, entries: sha256.length + 1 });
  });
});
