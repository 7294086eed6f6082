import { parentPort, workerData } from 'node:worker_threads';
import { readRows, type ImportSource } from '../../../src/modules/statistics/statistics.import-rows.js';

// A reader that posts the whole file and then never ends on its own: the import must end it.

for await (const batch of readRows(workerData as ImportSource))
  parentPort!.postMessage(batch, [batch.victims.codes.buffer]);
setInterval(() => {}, 1000);
