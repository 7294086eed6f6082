import type { Insertable, Selectable } from 'kysely';
import type { Executor, PublicationRuleSetTable, StatisticalReleaseTable } from '../../db/schema.js';

export type RuleSetRow = Selectable<PublicationRuleSetTable>;
export type ReleaseRow = Selectable<StatisticalReleaseTable>;
export type ReleaseWithAuthor = ReleaseRow & { released_by_name: string };

// Rule sets and releases are written once and never updated: there is no update here.
export const publicationRepo = {
  ruleSets: (db: Executor) =>
    db.selectFrom('publication_rule_sets').selectAll().orderBy('name').orderBy('version').execute(),

  ruleSet: (db: Executor, id: string) =>
    db.selectFrom('publication_rule_sets').selectAll().where('id', '=', id).executeTakeFirst(),

  async latestVersion(db: Executor, name: string): Promise<number> {
    const row = await db
      .selectFrom('publication_rule_sets')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(row?.version ?? 0);
  },

  insertRuleSet: (db: Executor, row: Insertable<PublicationRuleSetTable>) =>
    db.insertInto('publication_rule_sets').values(row).execute(),

  insertRelease: (db: Executor, row: Insertable<StatisticalReleaseTable>) =>
    db.insertInto('statistical_releases').values(row).execute(),

  releases: (db: Executor): Promise<ReleaseWithAuthor[]> =>
    db
      .selectFrom('statistical_releases')
      .innerJoin('users', 'users.id', 'statistical_releases.released_by')
      .selectAll('statistical_releases')
      .select('users.name as released_by_name')
      .orderBy('statistical_releases.released_at', 'desc')
      .orderBy('statistical_releases.id', 'desc')
      .execute(),

  /** The public page reads no user column at all. */
  publicReleases: (db: Executor): Promise<ReleaseRow[]> =>
    db
      .selectFrom('statistical_releases')
      .selectAll()
      .orderBy('released_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  spentEpsilons: (db: Executor) =>
    db
      .selectFrom('statistical_releases')
      .select(['id', 'epsilon_numerator', 'epsilon_denominator', 'released_at'])
      .where('epsilon_numerator', 'is not', null)
      .orderBy('released_at')
      .execute(),
};
