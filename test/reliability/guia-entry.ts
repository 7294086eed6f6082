import { runCli } from '../../src/cli/main.js';

// What bin/guia.js runs from dist/, as an entry the short reliability runs bundle from the sources.
await runCli(process.argv);
