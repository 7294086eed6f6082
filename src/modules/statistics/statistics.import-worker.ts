import { parentPort, workerData } from 'node:worker_threads';
import { readRows, type ImportSource } from './statistics.import-rows.js';

// The worker thread of an import (statistics.import.ts starts it): reads the file and posts its
// batches to the import's thread, which counts and stores them while this reads on. It runs at
// most IN_FLIGHT batches ahead of what the import has taken, so a slow database never makes the
// file pile up in memory. An error thrown here ends the worker; the import rethrows it.

/** Batches posted and not yet taken, at most. */
const IN_FLIGHT = 2;

const port = parentPort!;
let credit = IN_FLIGHT;
let wake: (() => void) | null = null;
// The import says "taken" for every batch it takes off its queue.
port.on('message', () => {
  credit += 1;
  wake?.();
  wake = null;
});

for await (const batch of readRows(workerData as ImportSource)) {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit -= 1;
  port.postMessage(batch, [batch.victims.codes.buffer]);
}
// Nothing more to wait for: let the thread end (the import also ends it).
port.removeAllListeners('message');
port.unref();
