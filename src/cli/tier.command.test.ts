import { describe, expect, it } from 'vitest';
import { runGuia } from '../../test/support/cli.js';

// The contract in detail is tested on the pure function (core/assessments/tier-cli.test.ts); this checks the wiring.
describe('the tier command', () => {
  const guia = (stdin: string) => runGuia(['tier', '--json'], { stdin });

  it('reads standard input and writes one JSON line, or the refusal and a non-zero exit', async () => {
    const good = await guia('{"history":[{"year":2020,"tier":"T2WL"},{"year":2021,"tier":"T2WL"}]}');
    expect(good).toEqual({ code: 0, stdout: '{"violations":[],"waiverYears":[]}\n', stderr: '' });
    const bad = await guia('{"history":[{"year":2020,"tier":"T4"}]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/history\[0\]\.tier/);
  });
});
