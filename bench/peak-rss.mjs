// Preloaded (`node --import`) into a process the bench measures: on exit, writes the process's
// peak resident memory in KB to $GUIA_BENCH_RSS_FILE (the kernel's own figure, getrusage).
import { writeFileSync } from 'node:fs';

const file = process.env.GUIA_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
