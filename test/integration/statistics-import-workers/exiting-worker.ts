import { parentPort, workerData } from 'node:worker_threads';
import { readRows, type ImportSource } from '../../../src/modules/statistics/statistics.import-rows.js';

// A reader that stops without a word (process.exit) after the import has taken its first batch.

const port = parentPort!;
let taken = 0;
port.on('message', () => (taken += 1));
for await (const batch of readRows(workerData as ImportSource)) {
  port.postMessage(batch, [batch.victims.codes.buffer]);
  break;
}
while (taken < 1) await new Promise((resolve) => setTimeout(resolve, 5));
process.exit(3);
