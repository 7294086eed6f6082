import {
  PostgresDialect,
  PostgresDriver,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { namingStatements, statementNames, type StatementNames } from './statement-cache.js';

/**
 * Statements outside a transaction and transactions take their connections from two pools.
 *
 * Every write ends by appending to the audit trail under one lock (`pg_advisory_xact_lock`),
 * so writers wait for each other inside their transactions. From one pool, writers waiting on
 * that lock held most of its connections, and reads queued behind them: in the soak at 100
 * connections, 8 of 10 connections were waiting on the lock while the dashboard's p99 reached
 * 19 s. Transactions get their own few connections; reads keep theirs.
 */
export function twoPoolDialect(url: string, names: StatementNames = statementNames()): PostgresDialect {
  const reads = new pg.Pool({ connectionString: url, max: READ_CONNECTIONS });
  const transactions = new pg.Pool({ connectionString: url, max: TRANSACTION_CONNECTIONS });
  // Every connection of both pools names its statements (statement-cache.ts).
  for (const pool of [reads, transactions]) pool.on('connect', (client) => namingStatements(client, names));
  return new (class extends PostgresDialect {
    override createDriver(): Driver {
      return new TwoPoolDriver(
        new PostgresDriver({ pool: reads }),
        new PostgresDriver({ pool: transactions }),
      );
    }
  })({ pool: reads });
}

const READ_CONNECTIONS = 10;
/** One holds the writers' lock, the others wait on it or run a transaction that takes none. */
const TRANSACTION_CONNECTIONS = 4;

/**
 * Kysely acquires a connection before it says whether a transaction will run on it, so the
 * connection it gets is a placeholder: `beginTransaction` fills it from the transactions'
 * pool, a first statement outside a transaction from the reads' pool.
 */
class TwoPoolDriver implements Driver {
  constructor(
    private readonly reads: PostgresDriver,
    private readonly transactions: PostgresDriver,
  ) {}

  async init() {
    await this.reads.init();
    await this.transactions.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PendingConnection(this.reads);
  }

  // Statements go through the placeholder, which Kysely wraps to log them (hot-queries.test.ts).
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await (connection as PendingConnection).take(this.transactions);
    await this.transactions.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.transactions.commitTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    const pending = connection as PendingConnection;
    try {
      await pending.executeQuery(CompiledQuery.raw('rollback'));
    } catch {
      // A broken connection: Kysely's own rollback marks it to be discarded, not pooled again.
      await this.transactions.rollbackTransaction(await pending.take(this.transactions));
    }
  }

  async releaseConnection(connection: DatabaseConnection) {
    await (connection as PendingConnection).release();
  }

  async destroy() {
    await this.reads.destroy();
    await this.transactions.destroy();
  }
}

/** Kysely's PostgreSQL connection (its class is not exported). */
type PostgresConnection = Parameters<PostgresDriver['releaseConnection']>[0];

class PendingConnection implements DatabaseConnection {
  #taken: { driver: PostgresDriver; connection: PostgresConnection } | null = null;

  constructor(private readonly reads: PostgresDriver) {}

  /** The connection from `driver`'s pool, taken now unless a first statement already took one. */
  async take(driver: PostgresDriver): Promise<PostgresConnection> {
    if (this.#taken) return this.#taken.connection;
    const connection = (await driver.acquireConnection()) as PostgresConnection;
    this.#taken = { driver, connection };
    return connection;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return (await this.take(this.reads)).executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    yield* (await this.take(this.reads)).streamQuery<R>(query, chunkSize);
  }

  async release() {
    const taken = this.#taken;
    this.#taken = null;
    if (taken) await taken.driver.releaseConnection(taken.connection);
  }
}
