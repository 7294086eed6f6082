import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Code runs from src/ in tests and from dist/src/ when built: find the package root by
// walking up rather than by a relative path that holds in only one of them.
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, 'utf8')).name === 'guia') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the guia package root');
    dir = parent;
  }
}

export const packageRoot = findRoot();
export const packageVersion: string = JSON.parse(
  readFileSync(path.join(packageRoot, 'package.json'), 'utf8'),
).version;
