import { describe, expect, it } from 'vitest';
import {
  forecastAll,
  onSpecialWatchList,
  placeTier,
  runBefore,
  tierRuleSettings,
  validateHistory,
  waiverLimit,
  type Placement,
  type Tier,
} from './tier-rules.js';

const settings = tierRuleSettings('2026-12-02');

/** A history from `{2016: 'T2WL', 2018: 'T2WL+W'}` (`+W`: on the watch list by a waiver). */
function h(years: Partial<Record<number, Tier | 'T2WL+W'>>): Placement[] {
  return Object.entries(years).flatMap(([year, tier]): Placement[] => {
    if (tier === undefined) return [];
    return [
      tier === 'T2WL+W' ? { year: Number(year), tier: 'T2WL', waiver: true } : { year: Number(year), tier },
    ];
  });
}

const span = (from: number, to: number, tier: Tier): Record<number, Tier> =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [from + i, tier]));

// The worked cases of reference/tip-report.md and reference/macao.md.
const macau = h({
  2006: 'T2WL',
  2007: 'T2WL',
  ...span(2008, 2011, 'T2'),
  2012: 'T2WL',
  ...span(2013, 2016, 'T2'),
  2017: 'T2WL',
  2018: 'T2WL',
  2019: 'T2',
  2020: 'T2WL',
  2021: 'T2WL',
  ...span(2022, 2025, 'T3'),
});
const hongKong = h({
  2016: 'T2WL',
  2017: 'T2WL',
  2018: 'T2WL+W',
  2019: 'T2',
  2020: 'T2WL',
  2021: 'T2WL',
  2022: 'T2WL+W',
  2023: 'T2',
  2024: 'T2WL',
  2025: 'T2WL',
});
/** China, Russia and Uzbekistan: 2 watch-list years, 2 waiver years, then Tier 3 in 2013. */
const china = h({ 2009: 'T2WL', 2010: 'T2WL', 2011: 'T2WL', 2012: 'T2WL', 2013: 'T3' });

const decide = (history: readonly Placement[], year: number, assessed: Tier, waiver = false) =>
  placeTier(history, year, assessed, waiver, settings);

describe('the run of watch-list years', () => {
  it('counts only report years from 2009, waiver years included', () => {
    const years = new Map(h({ ...span(2006, 2012, 'T2WL'), 2011: 'T2WL+W' }).map((p) => [p.year, p]));
    expect(runBefore(years, 2009, settings)).toBe(0);
    expect(runBefore(years, 2010, settings)).toBe(1);
    expect(runBefore(years, 2013, settings)).toBe(4);
  });

  it('lets the 2007 and 2008 watch-list years count for nothing in 2010', () => {
    const d = decide(h({ 2007: 'T2WL', 2008: 'T2WL', 2009: 'T2WL' }), 2010, 'T2WL');
    expect(d).toMatchObject({ run: 1, tier: 'T2WL', autoDowngrade: false });
  });

  it.each<[string, Tier | 'missing']>([
    ['Tier 1', 'T1'],
    ['Tier 2', 'T2'],
    ['Tier 3 after a single watch-list year', 'T3'],
    ['a special case', 'SPECIAL'],
    ['a year not in the report', 'NR'],
    ['a year missing from the history', 'missing'],
  ])('is broken by %s', (_, breaker) => {
    const history = h({ 2019: 'T2WL', ...(breaker === 'missing' ? {} : { 2020: breaker }), 2021: 'T2WL' });
    const d = decide(history, 2022, 'T2WL');
    expect(d).toMatchObject({ run: 1, tier: 'T2WL', autoDowngrade: false, waiverAvailable: false });
  });
});

describe('the automatic downgrade and the waiver', () => {
  it('answers the CLI contract example: a third watch-list year is Tier 3 unless waived', () => {
    const history = h({ 2020: 'T2WL', 2021: 'T2WL' });
    expect(decide(history, 2022, 'T2WL')).toMatchObject({
      tier: 'T3',
      autoDowngrade: true,
      waiverApplied: false,
      waiverAvailable: true,
      rule: 'run',
    });
    expect(decide(history, 2022, 'T2WL', true)).toMatchObject({
      tier: 'T2WL',
      autoDowngrade: false,
      waiverApplied: true,
      waiverAvailable: true,
    });
  });

  it('leaves a better assessed tier alone after two watch-list years (Macau 2019: Tier 2)', () => {
    const history = h({ 2017: 'T2WL', 2018: 'T2WL' });
    expect(decide(history, 2019, 'T2')).toMatchObject({
      tier: 'T2',
      autoDowngrade: false,
      waiverAvailable: false,
    });
    expect(decide(history, 2019, 'T2WL')).toMatchObject({
      tier: 'T3',
      autoDowngrade: true,
      waiverAvailable: true,
    });
  });

  it('allowed two waiver years up to the 2018 report (China, Russia, Uzbekistan 2009–2013)', () => {
    const before = h({ 2009: 'T2WL', 2010: 'T2WL', 2011: 'T2WL+W' });
    expect(decide(before, 2012, 'T2WL', true)).toMatchObject({
      tier: 'T2WL',
      waiverApplied: true,
      waiversUsed: 1,
    });
    const after = h({ 2009: 'T2WL', 2010: 'T2WL', 2011: 'T2WL+W', 2012: 'T2WL+W' });
    expect(decide(after, 2013, 'T2WL')).toMatchObject({
      tier: 'T3',
      autoDowngrade: true,
      waiverAvailable: false,
      waiversUsed: 2,
      waiverLimit: 2,
    });
    expect(validateHistory(china, settings)).toMatchObject({ violations: [], waiverYears: [2011, 2012] });
  });

  it('allows one waiver year from the 2019 report: a run of 2 + 1 waiver reaching 2019 is Tier 3', () => {
    const hk = h({ 2016: 'T2WL', 2017: 'T2WL', 2018: 'T2WL+W' });
    expect(decide(hk, 2019, 'T2WL')).toMatchObject({
      tier: 'T3',
      waiverAvailable: false,
      waiversUsed: 1,
      waiverLimit: 1,
    });
    // The same run one year earlier still had its second waiver.
    const earlier = h({ 2015: 'T2WL', 2016: 'T2WL', 2017: 'T2WL+W' });
    expect(decide(earlier, 2018, 'T2WL')).toMatchObject({
      tier: 'T3',
      waiverAvailable: true,
      waiverLimit: 2,
    });
    expect(() => decide(hk, 2019, 'T2WL', true)).toThrow(/^waiver: no waiver is left in 2019/);
  });

  it('reads the waiver limit per report year from the settings', () => {
    expect([2009, 2018, 2019, 2026].map((y) => waiverLimit(y, settings))).toEqual([2, 2, 1, 1]);
    const generous = tierRuleSettings('2026-01-01', { waiverLimits: [{ fromYear: 2009, limit: 3 }] });
    const hk = h({ 2016: 'T2WL', 2017: 'T2WL', 2018: 'T2WL+W' });
    expect(placeTier(hk, 2019, 'T2WL', true, generous)).toMatchObject({ tier: 'T2WL', waiverApplied: true });
  });

  it('gives Hong Kong in 2026 the choice of Tier 2 or better, a waiver, or Tier 3', () => {
    const forecast = forecastAll(hongKong, settings);
    expect(forecast).toMatchObject({
      year: 2026,
      run: 2,
      waiversUsed: 0,
      waiverLimit: 1,
      specialRuleSince: null,
    });
    const outcome = (assessed: Tier, waiver = false) =>
      forecast.outcomes.find((o) => o.assessed === assessed && o.waiverApplied === waiver);
    expect(outcome('T2WL')).toMatchObject({ tier: 'T3', autoDowngrade: true, waiverAvailable: true });
    expect(outcome('T2WL', true)).toMatchObject({
      tier: 'T2WL',
      autoDowngrade: false,
      specialWatchList: true,
    });
    expect(outcome('T2')).toMatchObject({ tier: 'T2', autoDowngrade: false });
    expect(outcome('T1')).toMatchObject({ tier: 'T1', specialWatchList: false });
    expect(forecast.outcomes).toHaveLength(7);
  });
});

describe('the special rule for downgraded countries (reports 2019 on)', () => {
  const macauTo2026 = [...macau, { year: 2026, tier: 'T2WL' as const }];

  it('lets Macau, downgraded in 2022 after 2020–2021, stay on the watch list one year and no more', () => {
    expect(decide(macau, 2026, 'T2WL')).toMatchObject({
      tier: 'T2WL',
      autoDowngrade: false,
      specialRuleSince: 2022,
      actionPlan: true,
      specialWatchList: true,
    });
    expect(decide(macauTo2026, 2027, 'T2WL')).toMatchObject({
      tier: 'T3',
      autoDowngrade: true,
      rule: 'special',
      waiverAvailable: false,
    });
    expect(decide(macauTo2026, 2027, 'T2')).toMatchObject({ tier: 'T2', specialWatchList: false });
  });

  it('allows no waiver in its place', () => {
    expect(() => decide(macauTo2026, 2027, 'T2WL', true)).toThrow(
      /^waiver: .*special rule after the 2022 downgrade/,
    );
  });

  it('did not bind before the 2019 report (China on the watch list 2015 and 2016 after its 2013 downgrade)', () => {
    const chinaLater = [...china, ...h({ 2014: 'T3', 2015: 'T2WL', 2016: 'T2WL', 2017: 'T3' })];
    expect(validateHistory(chinaLater, settings).violations).toEqual([]);
    expect(decide(chinaLater.slice(0, 7), 2016, 'T2WL')).toMatchObject({
      tier: 'T2WL',
      specialRuleSince: null,
    });
  });

  it('is not triggered by Tier 3 after a single watch-list year', () => {
    const d = decide(h({ 2019: 'T2WL', 2020: 'T3', 2021: 'T2WL' }), 2022, 'T2WL');
    expect(d).toMatchObject({ tier: 'T2WL', specialRuleSince: null });
  });

  it('is reported as a violation in a history', () => {
    const check = validateHistory([...macauTo2026, { year: 2027, tier: 'T2WL' }], settings);
    expect(check.violations).toEqual([
      { year: 2027, rule: 'special', reason: expect.stringMatching(/special rule/) as string },
    ]);
  });
});

describe('checking a history', () => {
  it('finds the real placements of Macau, Hong Kong and China lawful, with the waiver years named', () => {
    expect(validateHistory(macau, settings)).toMatchObject({ violations: [], waiverYears: [] });
    expect(validateHistory(hongKong, settings)).toMatchObject({ violations: [], waiverYears: [2018, 2022] });
    expect(validateHistory(china, settings)).toMatchObject({ violations: [], waiverYears: [2011, 2012] });
  });

  it('counts a watch-list year that needed a waiver as waived unless it says otherwise', () => {
    const unmarked = h({ 2009: 'T2WL', 2010: 'T2WL', 2011: 'T2WL', 2012: 'T2WL' });
    expect(validateHistory(unmarked, settings)).toMatchObject({ violations: [], waiverYears: [2011, 2012] });
    const refused = [
      ...h({ 2020: 'T2WL', 2021: 'T2WL' }),
      { year: 2022, tier: 'T2WL' as const, waiver: false },
    ];
    expect(validateHistory(refused, settings).violations).toEqual([
      { year: 2022, rule: 'run', reason: expect.stringMatching(/without a waiver/) as string },
    ]);
  });

  it('names the year a watch-list placement went past the waiver limit', () => {
    const check = validateHistory(h({ ...span(2009, 2014, 'T2WL') }), settings);
    expect(check.violations.map((v) => [v.year, v.rule])).toEqual([
      [2013, 'waiver_limit'],
      [2014, 'waiver_limit'],
    ]);
    expect(check.waiverYears).toEqual([2011, 2012]);
  });

  it('accepts the history in any order', () => {
    expect(validateHistory([...hongKong].reverse(), settings).waiverYears).toEqual([2018, 2022]);
  });
});

describe('the Special Watch List and the action plan', () => {
  it.each<[Tier | undefined, Tier, boolean]>([
    ['T2', 'T2WL', true],
    ['T2', 'T1', true],
    ['T3', 'T2', true],
    ['T3', 'T1', true],
    ['T3', 'T2WL', true],
    ['T1', 'T1', false],
    ['T2', 'T2', false],
    ['T3', 'T3', false],
    ['T2WL', 'T2', false],
    [undefined, 'T1', false],
  ])('from %s to %s: %s', (previous, tier, member) => {
    expect(onSpecialWatchList(previous, tier)).toBe(member);
  });

  it('flags the action plan only for a move from Tier 3 to the watch list', () => {
    const check = validateHistory(macau, settings);
    expect(check.decisions.filter((d) => d.actionPlan)).toEqual([]);
    expect(decide(macau, 2026, 'T2WL').actionPlan).toBe(true);
    expect(decide(macau, 2026, 'T2').actionPlan).toBe(false);
    expect(decide(h({ 2025: 'T2' }), 2026, 'T2WL').actionPlan).toBe(false);
  });
});

describe('bad input', () => {
  it.each<[string, unknown, RegExp]>([
    ['an unknown tier', [{ year: 2020, tier: 'T4' }], /^history\[0\]\.tier: unknown tier "T4"/],
    [
      'a year before the first report',
      [{ year: 2000, tier: 'T2' }],
      /^history\[0\]\.year: 2000 is outside .*2001\.\.2027/,
    ],
    ['a year after next year', [{ year: 2028, tier: 'T2' }], /^history\[0\]\.year: 2028 is outside/],
    ['a year that is not whole', [{ year: 2020.5, tier: 'T2' }], /^history\[0\]\.year: must be a whole/],
    [
      'a year given twice',
      [
        { year: 2020, tier: 'T2' },
        { year: 2020, tier: 'T1' },
      ],
      /^history\[1\]\.year: 2020 is given twice/,
    ],
    [
      'a waiver on Tier 2',
      [{ year: 2020, tier: 'T2', waiver: true }],
      /^history\[0\]\.waiver: a waiver keeps a country on T2WL/,
    ],
    [
      'a waiver with nothing to waive',
      [{ year: 2020, tier: 'T2WL', waiver: true }],
      /^history\[0\]\.waiver: no waiver is allowed in 2020/,
    ],
    [
      'a waiver past the limit',
      h({ 2017: 'T2WL', 2018: 'T2WL', 2019: 'T2WL+W', 2020: 'T2WL+W' }),
      /^history\[3\]\.waiver: no waiver is left in 2020/,
    ],
    [
      'a waiver that is not a boolean',
      [{ year: 2020, tier: 'T2WL', waiver: 'yes' }],
      /^history\[0\]\.waiver: must be true or false/,
    ],
    ['a history that is not a list', { 2020: 'T2' }, /^history: must be a list/],
  ])('refuses %s, naming the field', (_, history, message) => {
    expect(() => validateHistory(history, settings)).toThrow(message);
  });

  it('refuses a forecast for a year already in the history, or outside the range', () => {
    expect(() => decide(h({ 2020: 'T2' }), 2020, 'T2')).toThrow(/^history\[0\]\.year: 2020 is not before/);
    expect(() => decide([], 2030, 'T2')).toThrow(/^year: 2030 is outside/);
    expect(() => placeTier([], 2026, 'Tier 2', false, settings)).toThrow(/^assessed: unknown tier "Tier 2"/);
  });
});
