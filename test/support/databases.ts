import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { DatabaseTarget } from '../../src/db/database.js';
import type { DatabaseKind } from '../../src/db/schema.js';
import { createPostgresDatabase } from './postgres-database.js';

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
  const { url, drop } = await createPostgresDatabase(inject('postgresUrl'), 'guia_test');
  return { target: { kind, url }, drop };
}
