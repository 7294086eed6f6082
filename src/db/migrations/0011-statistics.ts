import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../schema.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// Statistics (README, "Architecture: statistics"):
// - stat_cells: the cubes of the indicator engine, one row per (kind, cube, source, period,
//   values), changed by delta in the same transaction as the records they count;
// - stat_facts: what each Guia record last contributed, so a change can subtract it;
// - stat_datasets / stat_import_rows: imported HTCDS and CTDC files (no identity), each row
//   kept with its canonical values so it can be exported again without loss;
// - stat_state: the engine version the cells were built with (a new version rebuilds them).
// Analysts and the secretariat read statistics (counts only); the secretariat alone imports
// and exports record-level files (administrators run the system, not its data; the CLI import
// runs as the operator of the machine).
export function statistics(kind: DatabaseKind) {
  const real = kind === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('stat_cells')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('cube', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('sum', real, (c) => c.notNull())
        .addPrimaryKeyConstraint('stat_cells_pk', ['kind', 'cube', 'source', 'period', 'key'])
        .execute();

      await db.schema
        .createTable('stat_facts')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('fact', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stat_facts_pk', ['kind', 'record_id'])
        .execute();
      await db.schema.createIndex('stat_facts_case_idx').on('stat_facts').column('case_id').execute();

      await db.schema
        .createTable('stat_datasets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().unique())
        .addColumn('rows', 'integer', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'text')
        .execute();

      await db.schema
        .createTable('stat_import_rows')
        .addColumn('dataset', 'text', (c) => c.notNull().references('stat_datasets.name'))
        .addColumn('row_no', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stat_import_rows_pk', ['dataset', 'row_no'])
        .execute();

      await db.schema
        .createTable('stat_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      // Version 0: the cells are built from the records on first use (cases may exist already).
      await db.insertInto('stat_state').values({ key: 'engine_version', value: '0' }).execute();

      await db
        .insertInto('role_permissions')
        .values(
          (
            [
              ['analyst', 'statistics.read', 'all'],
              ['secretariat', 'statistics.read', 'all'],
              ['secretariat', 'statistics.import', 'all'],
            ] as const
          ).map(([role_id, permission, scope]) => ({ role_id, permission, scope })),
        )
        .execute();
    },
  };
}
