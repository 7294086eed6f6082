import { describe, expect, it } from 'vitest';
import { forecastAll, tierRuleSettings, validateHistory } from '../../core/assessments/tier-rules.js';
import { macaoTipHistory } from './tip-history.js';

const settings = tierRuleSettings('2026-12-02');

describe("the Macao profile's TIP placements", () => {
  it('are lawful under the tier rules, with Hong Kong kept on the watch list by waivers in 2018 and 2022', () => {
    expect(validateHistory(macaoTipHistory.MAC, settings)).toMatchObject({ violations: [], waiverYears: [] });
    expect(validateHistory(macaoTipHistory.HKG, settings)).toMatchObject({
      violations: [],
      waiverYears: [2018, 2022],
    });
  });

  it('forecast 2026: Macau may have one watch-list year under the special rule; Hong Kong needs a waiver to stay', () => {
    const macau = forecastAll(macaoTipHistory.MAC, settings);
    expect(macau).toMatchObject({ year: 2026, run: 0, specialRuleSince: 2022 });
    expect(macau.outcomes.find((o) => o.assessed === 'T2WL')).toMatchObject({
      tier: 'T2WL',
      actionPlan: true,
    });
    const hongKong = forecastAll(macaoTipHistory.HKG, settings);
    expect(hongKong.outcomes.filter((o) => o.assessed === 'T2WL').map((o) => o.tier)).toEqual(['T3', 'T2WL']);
  });
});
