import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { useInput } from './io.js';
import { runCli } from './main.js';

// The contract in detail is tested on the pure function (core/assessments/tier-cli.test.ts); this checks the wiring.
describe('the tier command', () => {
  async function guia(stdin: string) {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true));
    useInput(Object.assign(Readable.from([stdin]), { isTTY: false }));
    process.exitCode = 0;
    try {
      await runCli(['node', 'guia', 'tier', '--json']);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { code, stdout, stderr };
  }

  it('reads standard input and writes one JSON line, or the refusal and a non-zero exit', async () => {
    const good = await guia('{"history":[{"year":2020,"tier":"T2WL"},{"year":2021,"tier":"T2WL"}]}');
    expect(good).toEqual({ code: 0, stdout: '{"violations":[],"waiverYears":[]}\n', stderr: '' });
    const bad = await guia('{"history":[{"year":2020,"tier":"T4"}]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/history\[0\]\.tier/);
  });
});
