#!/usr/bin/env node
// The `guia` command. It runs the compiled code in dist/; `npm run build` makes it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Guia is not built yet: run `npm run build` (or `npm start`) first.\n');
  process.exit(2);
}
const { runCli } = await import(entry.href);
await runCli(process.argv);
