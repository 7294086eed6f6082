import type { Placement } from '../../core/assessments/tier-rules.js';

/**
 * The TIP Report placements the Macao profile comes with, by jurisdiction (ISO 3166 alpha-3), from
 * reference/macao.md (Macau) and reference/tip-report.md (Hong Kong's worked case, 2016–2025).
 *
 * The assessments module seeds these as TIP assessments (source `tip`, one per jurisdiction and year,
 * `waiver` as given, no narrative) when the profile is loaded; core/assessments/tier-rules.ts checks them
 * (no violations; Hong Kong's waiver years 2018 and 2022) in its tests.
 */
export const macaoTipHistory: Readonly<Record<'MAC' | 'HKG', readonly Placement[]>> = {
  MAC: [
    { year: 2006, tier: 'T2WL' },
    { year: 2007, tier: 'T2WL' },
    { year: 2008, tier: 'T2' },
    { year: 2009, tier: 'T2' },
    { year: 2010, tier: 'T2' },
    { year: 2011, tier: 'T2' },
    { year: 2012, tier: 'T2WL' },
    { year: 2013, tier: 'T2' },
    { year: 2014, tier: 'T2' },
    { year: 2015, tier: 'T2' },
    { year: 2016, tier: 'T2' },
    { year: 2017, tier: 'T2WL' },
    { year: 2018, tier: 'T2WL' },
    { year: 2019, tier: 'T2' },
    { year: 2020, tier: 'T2WL' },
    { year: 2021, tier: 'T2WL' },
    // Automatic downgrade after two watch-list years; the special rule binds Macau from here on.
    { year: 2022, tier: 'T3' },
    { year: 2023, tier: 'T3' },
    { year: 2024, tier: 'T3' },
    { year: 2025, tier: 'T3' },
  ],
  HKG: [
    { year: 2016, tier: 'T2WL' },
    { year: 2017, tier: 'T2WL' },
    { year: 2018, tier: 'T2WL', waiver: true },
    { year: 2019, tier: 'T2' },
    { year: 2020, tier: 'T2WL' },
    { year: 2021, tier: 'T2WL' },
    { year: 2022, tier: 'T2WL', waiver: true },
    { year: 2023, tier: 'T2' },
    { year: 2024, tier: 'T2WL' },
    { year: 2025, tier: 'T2WL' },
  ],
};
