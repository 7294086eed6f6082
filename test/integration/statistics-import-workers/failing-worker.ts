import { parentPort, workerData } from 'node:worker_threads';
import { readRows, type ImportSource } from '../../../src/modules/statistics/statistics.import-rows.js';

// A reader that fails half-way, as a bug or a failing disk would: it posts the file's first two
// batches, waits until the import has taken both (so the first is written), and then throws.

const port = parentPort!;
let taken = 0;
port.on('message', () => (taken += 1));
let posted = 0;
for await (const batch of readRows(workerData as ImportSource)) {
  port.postMessage(batch, [batch.victims.codes.buffer]);
  posted += 1;
  if (posted === 2) break;
}
while (taken < 2) await new Promise((resolve) => setTimeout(resolve, 5));
throw Object.assign(new Error('the disk is on fire'), { code: 'EFIRE' });
