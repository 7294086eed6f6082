import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// Publication (issue 8, item 5): tables leave Guia only through a named, versioned rule set
// (src/core/statistics/disclosure.ts) and become immutable release snapshots.
// - publication_rule_sets: a rule set is never edited; a change is a new version of its name.
// - statistical_releases: what was published, exactly as it was shown (the protected table as
//   JSON), with the rule set and version, the query that produced it, when, who, and the
//   epsilon it spent (the ledger is the sum over releases). No column may be updated.
// Releasing needs `statistics.release`, given to the secretariat.
export const publication = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('publication_rule_sets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('threshold', 'integer', (c) => c.notNull())
      .addColumn('zeros', 'text', (c) => c.notNull())
      .addColumn('rounding_base', 'integer')
      .addColumn('epsilon_numerator', 'integer')
      .addColumn('epsilon_denominator', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('publication_rule_sets_name_version', ['name', 'version'])
      .execute();

    await db.schema
      .createTable('statistical_releases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_set_id', 'text', (c) => c.notNull().references('publication_rule_sets.id'))
      .addColumn('rule_set_name', 'text', (c) => c.notNull())
      .addColumn('rule_set_version', 'integer', (c) => c.notNull())
      .addColumn('threshold', 'integer', (c) => c.notNull())
      .addColumn('title_en', 'text', (c) => c.notNull())
      .addColumn('title_zh_hant', 'text', (c) => c.notNull())
      .addColumn('title_pt', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('row_labels', 'text', (c) => c.notNull())
      .addColumn('col_labels', 'text', (c) => c.notNull())
      .addColumn('published', 'text', (c) => c.notNull())
      .addColumn('epsilon_numerator', 'integer')
      .addColumn('epsilon_denominator', 'integer')
      .addColumn('released_at', 'text', (c) => c.notNull())
      .addColumn('released_by', 'text', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema
      .createIndex('statistical_releases_released_idx')
      .on('statistical_releases')
      .columns(['released_at'])
      .execute();

    // The rule sets Guia ships with: UNODC's "<5", the ONS/research-centre threshold of 10, and
    // "<5" with every published figure rounded to base 5.
    const now = new Date().toISOString();
    await db
      .insertInto('publication_rule_sets')
      .values(
        (
          [
            ['unodc-under-5', 5, null],
            ['ons-under-10', 10, null],
            ['round-5', 5, 5],
          ] as const
        ).map(([name, threshold, rounding_base]) => ({
          id: uuidv7(),
          name,
          version: 1,
          threshold,
          zeros: 'show',
          rounding_base,
          epsilon_numerator: null,
          epsilon_denominator: null,
          created_at: now,
          created_by: 'system',
        })),
      )
      .execute();

    await db
      .insertInto('role_permissions')
      .values({ role_id: 'secretariat', permission: 'statistics.release', scope: 'all' })
      .execute();
  },
};
