import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { migrate, openDatabase } from '../../src/db/database.js';
import { migrations } from '../../src/db/migrations/index.js';
import {
  genesisHash,
  keyedEntryHash,
  sha256EntryHash,
  signCheckpoint,
  type Checkpoint,
} from '../../src/modules/audit/audit-chain.js';
import { auditKeysOf } from '../../src/modules/audit/audit-keyring.js';
import { asCode } from '../../src/modules/audit/audit-values.js';
import { auditService, systemActor } from '../../src/modules/audit/audit.service.js';
import { openCipher } from '../../src/startup/instance.js';
import { databases, freshDatabase } from '../support/databases.js';
import { addAgency, addUser } from '../support/fixtures.js';
import { startWithAdmin, type TestApp, type TestClient } from '../support/harness.js';
import {
  dropGuards as dropTriggers,
  readTrail,
  rewriteEntry,
  rewriteTrail,
  truncateTrail,
  type Entry,
} from './audit-attacker.js';

/** Drops the append-only triggers, as someone with full database access could. */
const dropGuards = (t: TestApp) => dropTriggers(t.database.db, t.kind);

describe.each(databases)('audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;

  beforeEach(async () => {
    ({ t, admin } = await startWithAdmin(kind));
    await addAgency(admin, 'PJ');
  });
  afterEach(() => t.close());

  it('verifies an intact trail', async () => {
    const result = await auditService.verify(t.database.db);
    expect(result).toMatchObject({ ok: true });
    expect(result.entries).toBeGreaterThan(5);
  });

  it('refuses updates and deletes of entries in the database itself', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the first altered entry', async () => {
    await dropGuards(t);
    await sql`UPDATE audit_log SET summary = '{"code":"FAKE"}' WHERE seq = 3`.execute(t.database.db);
    expect(await auditService.verify(t.database.db)).toMatchObject({
      ok: false,
      entries: 2,
      firstBad: { seq: 3, reason: 'hash_mismatch' },
    });
  });

  it('names the entry after a deleted one', async () => {
    await dropGuards(t);
    await sql`DELETE FROM audit_log WHERE seq = 4`.execute(t.database.db);
    expect(await auditService.verify(t.database.db)).toMatchObject({
      ok: false,
      firstBad: { seq: 5, reason: 'gap' },
    });
  });

  it('detects entries cut off the end of the trail', async () => {
    await dropGuards(t);
    const last = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    await sql`DELETE FROM audit_log WHERE seq = ${Number(last.seq)}`.execute(t.database.db);
    expect(await auditService.verify(t.database.db)).toMatchObject({
      ok: false,
      firstBad: { seq: Number(last.seq), reason: 'truncated' },
    });
  });

  it('detects two entries swapped', async () => {
    await dropGuards(t);
    // Swap the contents of entries 2 and 3 while keeping the sequence numbers in place.
    const rows = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', 'in', [2, 3])
      .orderBy('seq')
      .execute();
    const [second, third] = rows as [(typeof rows)[0], (typeof rows)[0]];
    await t.database.db.deleteFrom('audit_log').where('seq', 'in', [2, 3]).execute();
    await t.database.db
      .insertInto('audit_log')
      .values([
        { ...third, seq: 2 },
        { ...second, seq: 3 },
      ])
      .execute();
    expect(await auditService.verify(t.database.db)).toMatchObject({ ok: false, firstBad: { seq: 2 } });
  });

  it('keeps the chain intact under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.database.db.transaction().execute((tx) =>
          auditService.record(tx, systemActor('system'), 'agency.updated', {
            entityType: 'agency',
            entityId: String(i),
            summary: {},
          }),
        ),
      ),
    );
    expect(await auditService.verify(t.database.db)).toMatchObject({ ok: true });
  });

  it('rolls the entry back with the change it records', async () => {
    const before = await t.database.db.selectFrom('audit_log').select('seq').execute();
    await expect(
      t.database.db.transaction().execute(async (tx) => {
        await auditService.record(tx, systemActor('system'), 'agency.created', {
          entityType: 'agency',
          entityId: 'x',
          summary: { code: asCode('X'), kind: asCode('ngo') },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.database.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(before.length);
  });

  it('lets an auditor browse and filter the trail, and nobody else', async () => {
    const agencyId = ((await admin.get('/api/v1/agencies')).json() as { id: string }[])[0]!.id;
    const auditor = await addUser(t, admin, agencyId, ['auditor']);
    const client = t.client();
    await client.signIn(auditor.email);
    const page = (await client.get('/api/v1/audit?action=agency.created&limit=10')).json() as {
      entries: { action: string; actor: { email: string | null } }[];
    };
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e) => e.action === 'agency.created')).toBe(true);
    const paged = (await client.get('/api/v1/audit?limit=2')).json() as {
      entries: { seq: number }[];
      nextBefore: number;
    };
    const next = (await client.get(`/api/v1/audit?limit=2&before=${paged.nextBefore}`)).json() as {
      entries: { seq: number }[];
    };
    expect(next.entries[0]!.seq).toBeLessThan(paged.entries[1]!.seq + 1);
    expect((await client.get('/api/v1/audit/verification')).json()).toMatchObject({ ok: true });
    expect((await admin.get('/api/v1/audit')).statusCode).toBe(403);
  });

  describe('against an attacker holding the database but not the key', () => {
    const checkpointNow = async (): Promise<Checkpoint> => {
      const made = await auditService.checkpoint(t.database.db, new Date());
      if (!made.ok) throw new Error(`trail broken before the attack: ${JSON.stringify(made)}`);
      return made.checkpoint;
    };
    const guessedKey = randomBytes(32);
    const rehashes = {
      'plain SHA-256': sha256EntryHash,
      'a guessed key': (fields: Parameters<typeof sha256EntryHash>[0]) => keyedEntryHash(fields, guessedKey),
    };

    it('starts the trail keyed: its first entry is the keyed start', async () => {
      const [first] = await readTrail(t.database.db);
      expect(first).toMatchObject({ seq: 1, action: 'audit.chain_keyed', prev_hash: genesisHash });
    });

    for (const [how, rehash] of Object.entries(rehashes)) {
      it(`catches entries deleted and the chain recomputed with ${how}`, async () => {
        const checkpoint = await checkpointNow();
        await rewriteTrail(
          t.database.db,
          kind,
          (entries) => entries.filter((e) => ![3, 4].includes(e.seq)),
          rehash,
        );
        const bad = { ok: false, firstBad: { seq: 1, reason: 'hash_mismatch' } };
        expect(await auditService.verify(t.database.db)).toMatchObject(bad);
        expect(await auditService.verify(t.database.db, { checkpoint })).toMatchObject(bad);
      });

      it(`catches one entry rewritten with its hash recomputed with ${how}`, async () => {
        await rewriteEntry(t.database.db, kind, 3, (e) => ({ ...e, summary: '{"code":"FAKE"}' }), rehash);
        expect(await auditService.verify(t.database.db)).toMatchObject({
          ok: false,
          entries: 2,
          firstBad: { seq: 3, reason: 'hash_mismatch' },
        });
      });
    }

    it('catches one entry rewritten and rehashed with the right key by its link to the next', async () => {
      // Even someone who had the key, rewriting entry 3 alone, breaks entry 4's link to it.
      const { chain } = auditKeysOf(t.database.db);
      await rewriteEntry(
        t.database.db,
        kind,
        3,
        (e) => ({ ...e, summary: '{"code":"FAKE"}' }),
        (e) => keyedEntryHash(e, chain),
      );
      expect(await auditService.verify(t.database.db)).toMatchObject({
        ok: false,
        entries: 3,
        firstBad: { seq: 4, reason: 'broken_link' },
      });
    });

    it('catches a trail rebuilt without its keyed start', async () => {
      await rewriteTrail(
        t.database.db,
        kind,
        (entries) => entries.filter((e) => e.action !== 'audit.chain_keyed'),
        sha256EntryHash,
      );
      expect(await auditService.verify(t.database.db)).toMatchObject({
        ok: false,
        firstBad: { reason: 'unkeyed' },
      });
    });

    // The attacks a checkpoint exists for: rebuilt with SHA-256 and without its keyed start,
    // the trail is keyed afresh by the next start as if it were an old SHA-256 trail, and
    // the trail alone can no longer tell.
    const rebuilds = {
      'without an entry': { edit: (e: Entry[]) => e.filter((x) => x.seq !== 3), caught: 'truncated' },
      'with an entry rewritten': {
        edit: (e: Entry[]) => e.map((x) => (x.seq === 3 ? { ...x, summary: '{"code":"FAKE"}' } : x)),
        caught: 'checkpoint_mismatch',
      },
    };
    for (const [how, { edit, caught }] of Object.entries(rebuilds)) {
      it(`catches, given a checkpoint, a trail rebuilt ${how} and keyed afresh by the next start`, async () => {
        const checkpoint = await checkpointNow();
        await rewriteTrail(
          t.database.db,
          kind,
          (entries) => edit(entries.filter((e) => e.action !== 'audit.chain_keyed')),
          sha256EntryHash,
        );
        await auditService.keyTrail(t.database.db, auditKeysOf(t.database.db));
        expect(await auditService.verify(t.database.db)).toMatchObject({ ok: true });
        expect(await auditService.verify(t.database.db, { checkpoint })).toMatchObject({
          ok: false,
          firstBad: { seq: checkpoint.sequence, reason: caught },
        });
      });
    }

    it('catches entries cut off after a checkpoint, head moved along', async () => {
      const checkpoint = await checkpointNow();
      await addAgency(admin, 'DSAL');
      await truncateTrail(t.database.db, kind, checkpoint.sequence - 2);
      // The head kept in the database moved with the cut: only the checkpoint shows it.
      expect(await auditService.verify(t.database.db)).toMatchObject({ ok: true });
      expect(await auditService.verify(t.database.db, { checkpoint })).toMatchObject({
        ok: false,
        entries: checkpoint.sequence - 2,
        firstBad: { seq: checkpoint.sequence - 1, reason: 'truncated' },
      });
    });

    it('verifies against a checkpoint while the trail grows, and refuses a forged one', async () => {
      const checkpoint = await checkpointNow();
      await addAgency(admin, 'DSAL');
      expect(await auditService.verify(t.database.db, { checkpoint })).toMatchObject({ ok: true });
      const forgeries: Checkpoint[] = [
        { ...checkpoint, sequence: checkpoint.sequence - 1 },
        { ...checkpoint, hash: sha256EntryHash((await readTrail(t.database.db))[0]!) },
        signCheckpoint({ sequence: 2, hash: checkpoint.hash, time: checkpoint.time }, guessedKey),
        // Signed with the chain key instead of the checkpoint key.
        signCheckpoint(checkpoint, auditKeysOf(t.database.db).chain),
      ];
      for (const forged of forgeries) {
        expect(await auditService.verify(t.database.db, { checkpoint: forged })).toMatchObject({
          ok: false,
          firstBad: { reason: 'checkpoint_signature' },
        });
      }
    });

    it('refuses to sign a checkpoint of a tampered trail', async () => {
      await dropGuards(t);
      await sql`UPDATE audit_log SET summary = '{}' WHERE seq = 2`.execute(t.database.db);
      expect(await auditService.checkpoint(t.database.db, new Date())).toMatchObject({
        ok: false,
        firstBad: { seq: 2, reason: 'hash_mismatch' },
      });
    });

    it('cannot be written to through a handle opened without the key', async () => {
      const unkeyed = t.database.db.withoutPlugins();
      await expect(
        unkeyed.transaction().execute((tx) =>
          auditService.record(tx, systemActor('system'), 'agency.updated', {
            entityType: 'agency',
            entityId: 'x',
            summary: {},
          }),
        ),
      ).rejects.toThrow(/no audit keys/);
      expect(await auditService.verify(t.database.db)).toMatchObject({ ok: true });
    });
  });

  describe('rejected session cookies', () => {
    const rejections = async () =>
      (
        await t.database.db
          .selectFrom('audit_log')
          .select('summary')
          .where('action', '=', 'auth.session_rejected')
          .execute()
      ).map((r) => JSON.parse(r.summary) as { count: number; from: string; to: string });

    it('are counted per minute, not written one by one', async () => {
      const before = await rejections();
      const flood = async () => {
        const response = await t.app.inject({
          method: 'GET',
          url: '/api/v1/session',
          headers: { cookie: `guia_session=${randomBytes(24).toString('base64url')}` },
        });
        expect(response.statusCode).toBe(401);
      };
      await flood();
      // The first of a minute is written at once: a crash cannot hide that it happened.
      expect(await rejections()).toHaveLength(before.length + 1);
      for (let i = 0; i < 199; i += 50)
        await Promise.all(Array.from({ length: Math.min(50, 199 - i) }, flood));
      await t.app.sessionRejections.flush();
      const written = (await rejections()).slice(before.length);
      // Two per minute at most, and the flood may straddle a minute.
      expect(written.length).toBeLessThanOrEqual(4);
      expect(written.reduce((sum, r) => sum + r.count, 0)).toBe(200);
      expect(await auditService.verify(t.database.db)).toMatchObject({ ok: true });
    });
  });
});

describe.each(databases)('an existing SHA-256 audit trail on %s', (kind) => {
  it('migrates to keyed chaining and still verifies, old part and new', async () => {
    const fresh = await freshDatabase(kind);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guia-audit-'));
    const database = openDatabase(fresh.target);
    try {
      // A database as the previous version left it: migrated to 0004, with a SHA-256 trail.
      const migrator = new Migrator({
        db: database.db,
        provider: { getMigrations: async () => migrations(kind) },
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      expect((await migrator.migrateTo('0004-case-exploitation-index')).error).toBeUndefined();
      let prev = genesisHash;
      for (let seq = 1; seq <= 5; seq++) {
        const fields = {
          seq,
          id: uuidv7(),
          at: new Date().toISOString(),
          actor_id: null,
          actor_label: 'system',
          actor_agency_id: null,
          action: 'agency.created',
          entity_type: 'agency',
          entity_id: `agency-${seq}`,
          summary: JSON.stringify({ seq }),
          prev_hash: prev,
        };
        prev = sha256EntryHash(fields);
        await database.db
          .insertInto('audit_log')
          .values({ ...fields, hash: prev })
          .execute();
      }
      await database.db
        .insertInto('instance_settings')
        .values({ key: 'audit.head', value: `5:${prev}` })
        .execute();

      // The new version starts: migration 0005, then the keyed start once the key is proven.
      await migrate(database);
      const config = loadConfig({
        GUIA_DATA_DIR: dataDir,
        ...(fresh.target.kind === 'postgres' ? { DATABASE_URL: fresh.target.url } : {}),
      });
      await openCipher(config, database, () => {});
      await database.db.transaction().execute((tx) =>
        auditService.record(tx, systemActor('system'), 'agency.updated', {
          entityType: 'agency',
          entityId: 'x',
          summary: {},
        }),
      );
      const trail = await readTrail(database.db);
      expect(trail.map((e) => e.action)).toEqual([
        ...Array<string>(5).fill('agency.created'),
        'audit.chain_keyed',
        'agency.updated',
      ]);
      expect(trail[5]).toMatchObject({ prev_hash: prev });
      expect(JSON.parse(trail[5]!.summary)).toEqual({ sha256Entries: 5 });
      expect(await auditService.verify(database.db)).toEqual({
        ok: true,
        entries: 7,
        head: { seq: 7, hash: trail[6]!.hash },
      });
      // A second start does not key the trail again.
      await openCipher(config, database, () => {});
      expect(await readTrail(database.db)).toHaveLength(7);

      // The old part stays protected by its links, and its end by the keyed start: an entry
      // rewritten there is caught even with every SHA-256 hash after it recomputed.
      await rewriteEntry(database.db, kind, 2, (e) => ({ ...e, summary: '{"seq":99}' }), sha256EntryHash);
      expect(await auditService.verify(database.db)).toMatchObject({
        ok: false,
        entries: 2,
        firstBad: { seq: 3, reason: 'broken_link' },
      });
      await rewriteTrail(
        database.db,
        kind,
        (entries) => entries,
        (e) => (e.seq < 6 ? sha256EntryHash(e) : trail[e.seq - 1]!.hash),
      );
      expect(await auditService.verify(database.db)).toMatchObject({
        ok: false,
        entries: 5,
        firstBad: { seq: 6, reason: 'hash_mismatch' },
      });
    } finally {
      await database.close();
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
