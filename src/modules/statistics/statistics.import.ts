import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { VictimDecoder } from '../../core/statistics/victim-codes.js';
import type { Executor } from '../../db/schema.js';
import { asCode } from '../audit/audit-values.js';
import { auditService, type AuditActor } from '../audit/audit.service.js';
import { ensureBuilt, importAccumulator } from './indicators.service.js';
import { indicatorsRepo as repo } from './indicators.repo.js';
import { openSource, readRows, type ImportSource, type RowBatch } from './statistics.import-rows.js';
import type { ImportFormat, ImportReport } from './statistics.schemas.js';

// Importing an HTCDS or CTDC file: streamed (a batch of rows at a time, whatever the file's size),
// checked row by row, and written whole in one transaction or not at all. A file is known by its
// SHA-256: the same file again changes nothing. Rows become victim records of the dataset (no
// identity). A large CSV file is read, checked and coded in a worker thread (the machine's
// other core) while this thread counts the cubes and inserts, in the one transaction.

export type ImportInput = {
  format: ImportFormat;
  type: 'csv' | 'xlsx';
  /** The file's bytes, or its path (the CLI streams it). */
  content: Buffer | string;
  dataset?: string | undefined;
  actor: AuditActor;
  /** The committee's date: years and dates after it are refused. */
  today?: string;
  onProgress?: (rows: number, bytes: number) => void;
  /**
   * The worker script that reads a CSV file: by default the compiled one beside this module, for
   * a file of WORKER_FROM_BYTES or more (none beside the TypeScript sources or a bundle: the file
   * is then read in this thread); null reads in this thread. Tests name a bundled one.
   */
  worker?: URL | null;
};

/** A smaller file is read in the import's thread: starting a worker would cost more than it saves. */
const WORKER_FROM_BYTES = 1 << 20;
const compiledWorker = new URL('./statistics.import-worker.js', import.meta.url);
/**
 * The worker's heap: what it holds is a few batches and a record (at most MAX_RECORD_BYTES), but
 * V8 lets an unbounded heap grow with what it allocates: unbounded, the import's peak at
 * 1,000,000 rows was 334 MB (238 MB before the worker), 308 MB with 8 and 48 MB.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 };

async function sha256Of(content: Buffer | string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of openSource(content)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The worker to read the file with, or null to read it here. */
function workerFor(input: ImportInput): URL | null {
  if (input.type !== 'csv') return null; // a spreadsheet is read whole (exceljs): no stream to share
  if (input.worker !== undefined) return input.worker;
  if (!existsSync(compiledWorker)) return null;
  const size = typeof input.content === 'string' ? statSync(input.content).size : input.content.length;
  return size >= WORKER_FROM_BYTES ? compiledWorker : null;
}

/**
 * The file's batches as a worker thread reads them: the same batches as readRows here. The
 * worker's error is thrown as it was thrown; the worker is ended however the import ends.
 */
async function* readInWorker(url: URL, source: ImportSource): AsyncGenerator<RowBatch> {
  const worker = new Worker(url, { workerData: source, resourceLimits: WORKER_HEAP });
  const queue: RowBatch[] = [];
  let failure: unknown = null;
  let exited: number | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  worker.on('message', (batch: RowBatch) => (queue.push(batch), signal()));
  worker.on('error', (error) => ((failure ??= error), signal()));
  worker.on('messageerror', (error) => ((failure ??= error), signal()));
  worker.on('exit', (code) => ((exited = code), signal()));
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        worker.postMessage('taken'); // the worker reads on while this batch is counted and stored
        yield batch;
        if (batch.last) return;
      } else if (failure !== null) throw failure;
      else if (exited !== null)
        throw new Error(`The import's reader stopped (exit code ${exited}) before the file's end`);
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}

class Rejected extends Error {}

/** Imports a file; the report names every problem (row, column, what) and then nothing is written. */
export async function importFile(db: Executor, input: ImportInput): Promise<ImportReport> {
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const sha256 = await sha256Of(input.content);
  const dataset = input.dataset ?? `${input.format}:${sha256.slice(0, 12)}`;
  const report: ImportReport = {
    format: input.format,
    dataset,
    sha256,
    rows: 0,
    imported: 0,
    alreadyImported: false,
    problems: [],
  };
  const previous = await repo.datasetBySha(db, sha256);
  if (previous) return { ...report, dataset: previous.name, rows: previous.rows, alreadyImported: true };
  if (await repo.datasetByName(db, dataset)) {
    report.problems.push({ row: null, column: null, problem: 'dataset_name_taken', value: dataset });
    return report;
  }
  // The cubes are built before the rows arrive, so the import's deltas keep them (else the first
  // question after importing a million rows into a new database would recount them all).
  await ensureBuilt(db);
  try {
    await db.transaction().execute((tx) => importRows(tx, input, report, today));
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    report.imported = 0;
  }
  return report;
}

async function importRows(
  tx: Executor,
  input: ImportInput,
  report: ImportReport,
  today: string,
): Promise<void> {
  const problems = report.problems;
  await repo.insertDataset(tx, {
    name: report.dataset,
    format: input.format,
    sha256: report.sha256,
    rows: 0,
    imported_at: new Date().toISOString(),
    imported_by: input.actor.userId,
  });
  const cubes = importAccumulator();
  const victims = new VictimDecoder();
  const source: ImportSource = { format: input.format, type: input.type, content: input.content, today };
  const worker = workerFor(input);
  let bytes = 0;
  for await (const batch of worker ? readInWorker(worker, source) : readRows(source)) {
    problems.push(...batch.problems); // the reader keeps the file's first MAX_PROBLEMS only
    report.rows = batch.rows;
    bytes = batch.bytes;
    if (problems.length > 0 || batch.stored.length === 0) continue; // keep reading, stop writing
    const read = victims.read(batch.victims);
    for (let i = 0; i < read.length; i++) cubes.add(report.dataset, batch.first + i, read[i]!);
    await repo.insertImportRows(tx, report.dataset, batch.first, batch.stored);
    if (!batch.last) input.onProgress?.(report.rows, bytes);
  }
  if (problems.length > 0) throw new Rejected();
  await cubes.apply(tx);
  await repo.setDatasetRows(tx, report.dataset, report.rows);
  report.imported = report.rows;
  input.onProgress?.(report.rows, bytes);
  await auditService.record(tx, input.actor, 'statistics.dataset_imported', {
    entityType: 'dataset',
    entityId: report.dataset,
    summary: { format: input.format, rows: report.rows, sha256: asCode(report.sha256) },
  });
}
