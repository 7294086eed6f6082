import { describe, expect, it } from 'vitest';
import { runTierJson } from './tier-cli.js';
import { tierRuleSettings } from './tier-rules.js';

const settings = tierRuleSettings('2026-12-02');
const run = (input: unknown) =>
  runTierJson(typeof input === 'string' ? input : JSON.stringify(input), settings);

describe('guia tier --json: forecast', () => {
  it('answers the contract example with exactly four keys', () => {
    const outcome = run({
      history: [
        { year: 2020, tier: 'T2WL' },
        { year: 2021, tier: 'T2WL', waiver: false },
      ],
      year: 2022,
      assessed: 'T2WL',
      waiver: false,
    });
    expect(outcome).toEqual({
      exitCode: 0,
      stdout: '{"tier":"T3","autoDowngrade":true,"waiverApplied":false,"waiverAvailable":true}\n',
      stderr: '',
    });
  });

  it('keeps the watch list with a waiver, and takes an absent waiver as none', () => {
    const history = [
      { year: 2024, tier: 'T2WL' },
      { year: 2025, tier: 'T2WL' },
    ];
    expect(JSON.parse(run({ history, year: 2026, assessed: 'T2WL', waiver: true }).stdout)).toEqual({
      tier: 'T2WL',
      autoDowngrade: false,
      waiverApplied: true,
      waiverAvailable: true,
    });
    expect(JSON.parse(run({ history, year: 2026, assessed: 'T2' }).stdout)).toEqual({
      tier: 'T2',
      autoDowngrade: false,
      waiverApplied: false,
      waiverAvailable: false,
    });
  });
});

describe('guia tier --json: validate', () => {
  it('lists violations and waiver years of a history given without a year', () => {
    const history = [2009, 2010, 2011, 2012, 2013, 2014].map((year) => ({ year, tier: 'T2WL' }));
    const out = JSON.parse(run({ history }).stdout) as { violations: object[]; waiverYears: number[] };
    expect(out.waiverYears).toEqual([2011, 2012]);
    expect(out.violations).toEqual([
      { year: 2013, reason: expect.stringContaining('automatic downgrade') as string },
      { year: 2014, reason: expect.stringContaining('automatic downgrade') as string },
    ]);
    expect(Object.keys(out)).toEqual(['violations', 'waiverYears']);
  });

  it('answers an empty history with nothing to report', () => {
    expect(JSON.parse(run({ history: [] }).stdout)).toEqual({ violations: [], waiverYears: [] });
  });
});

describe('guia tier --json: bad input', () => {
  it.each<[string, unknown, RegExp]>([
    ['not JSON', '{history', /^input: not valid JSON/],
    ['not an object', '[1]', /^input: must be a JSON object/],
    ['no history', { year: 2022, assessed: 'T2' }, /^history: is required/],
    ['an unknown field', { history: [], tiers: [] }, /^tiers: unknown field/],
    ['an assessed tier without a year', { history: [], assessed: 'T2' }, /^year: is required with assessed/],
    ['a year without an assessed tier', { history: [], year: 2022 }, /^assessed: is required/],
    ['an unknown tier', { history: [{ year: 2020, tier: 'Tier 2' }] }, /^history\[0\]\.tier: unknown tier/],
    ['a year outside the range', { history: [], year: 2000, assessed: 'T2' }, /^year: 2000 is outside/],
    [
      'a waiver where none is allowed',
      { history: [{ year: 2021, tier: 'T2' }], year: 2022, assessed: 'T2WL', waiver: true },
      /^waiver: no waiver is allowed in 2022/,
    ],
  ])('refuses %s with exit code 2, naming the field', (_, input, message) => {
    const outcome = run(input);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(message);
  });
});
