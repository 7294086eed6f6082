import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import Sqlite from 'better-sqlite3';
import { pgClient } from './support.js';

// The machine and the versions a bench ran on, for bench/results.md.

export type Machine = { cpu: string; cores: number; memoryGb: number; os: string; load: string };
export type Versions = { node: string; sqlite: string; postgres: string | null; duckdb: string };

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
}

export async function versions(postgresUrl: string | null): Promise<Versions> {
  const lite = new Sqlite(':memory:');
  const sqlite = (lite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  lite.close();
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  const duckdb = String((await duck.runAndReadAll('select version() as v')).getRowObjectsJS()[0]!.v);
  duck.closeSync();
  instance.closeSync();
  let postgres: string | null = null;
  if (postgresUrl) {
    const client = await pgClient(postgresUrl);
    postgres = String((await client.query('show server_version')).rows[0]?.server_version);
    await client.end();
  }
  return { node: process.version, sqlite, postgres, duckdb };
}
