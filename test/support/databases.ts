import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseTarget } from '../../src/db/database.js';
import type { DatabaseKind } from '../../src/db/schema.js';

// GUIA_TEST_DATABASES=sqlite (a comma-separated list) narrows the integration tests to those
// kinds; mutation testing (`npm run mutation`) runs on SQLite alone, as it reruns the tests
// for every mutant. Unset, every test runs on both.
export const databases: DatabaseKind[] = (process.env.GUIA_TEST_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map((kind) => {
    const name = kind.trim();
    if (name !== 'sqlite' && name !== 'postgres')
      throw new Error(`GUIA_TEST_DATABASES: unknown kind ${name}`);
    return name;
  });

/** A new, empty database of the given kind, and a function that removes it. */
export async function freshDatabase(
  kind: DatabaseKind,
): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'guia-sqlite-'));
    return {
      target: { kind, file: path.join(dir, 'guia.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject('postgresUrl');
  const name = `guia_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind, url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // pg's Pool.end() resolves before its connections have closed. Forcing the drop while they
      // close kills them, and the test process gets an uncaught "terminating connection due to
      // administrator command": wait for them to go first (FORCE only ends any that linger).
      for (let attempt = 0; attempt < 50; attempt++) {
        const { rows } = await client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
