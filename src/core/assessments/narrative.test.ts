// eslint-disable-next-line no-restricted-imports -- a test reads its fixture files; core's code itself stays pure
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitNarrative, type NarrativeClaim } from './narrative.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/assessments/${name}.txt`, import.meta.url), 'utf8');

/** The numeric claims as `subject value period periodKey` lines, easy to read in a failure. */
const numeric = (claims: NarrativeClaim[]) =>
  claims
    .filter((c) => c.kind === 'numeric')
    .map((c) => `${c.subject} ${c.value} ${c.period} ${c.periodKey ?? '-'}`);

/** The sections of every layout since 2017 (the older one opens with the profile), in order. */
const profileLast = ['summary', 'recommendations', 'prosecution', 'protection', 'prevention', 'profile'];

/** The numeric claims (see `numeric`) of the named sections. */
const numericIn = (claims: NarrativeClaim[], ...sections: string[]) =>
  numeric(claims.filter((c) => sections.includes(c.section)));

describe('the 2019-and-later layout (Macau 2020)', () => {
  const split = splitNarrative(fixture('macau-2020-prioritized'), { year: 2020 });

  it('finds the title, the stated tier and the six sections in order', () => {
    expect(split).toMatchObject({ layout: 'prioritized', country: 'MACAU', tier: 'T2WL', warnings: [] });
    expect(split.sections.map((s) => s.kind)).toEqual(profileLast);
    expect(split.sections[0]!.text).toMatch(
      /^The Government of the Macau .*downgraded to Tier 2 Watch List\.$/,
    );
  });

  it('gives one recommendation per bullet, without the bullet or the final full stop', () => {
    expect(split.recommendations.map((r) => r.text)).toEqual([
      'Increase efforts to proactively identify trafficking victims among vulnerable populations, such as migrant workers and individuals in commercial sex',
      'Increase efforts to investigate, prosecute, and convict sex and labor traffickers, including in casinos and entertainment venues',
      'Refer all identified victims to protective services',
      'Sentence convicted traffickers to significant prison terms',
      'Train prosecutors and judges on the anti-trafficking law',
      'Screen for indicators of labor trafficking among male victims',
      'Establish a minimum wage for foreign domestic workers',
    ]);
  });

  it('reads the counts of the period and of the previous one in parentheses', () => {
    const prosecution = split.claims.filter((c) => c.section === 'prosecution' && c.kind === 'numeric');
    expect(prosecution.map((c) => [c.quote, c.subject, c.value, c.periodKey])).toEqual([
      ['investigating two potential trafficking cases', 'investigations', 2, 'TIP2020'],
      ['(three in 2019)', 'investigations', 3, 'TIP2019'],
      ['prosecuted one defendant', 'prosecutions', 1, 'TIP2020'],
      ['(none in 2019)', 'prosecutions', 0, 'TIP2019'],
      ['did not convict any traffickers', 'convictions', 0, 'TIP2020'],
    ]);
    expect(prosecution[0]!.counts).toBe('potential trafficking cases');
  });

  it('takes "did not identify any victims" as a claim of zero, and a victim referred as identified', () => {
    const protection = numericIn(split.claims, 'protection');
    expect(protection).toEqual([
      'victims_identified 1 current TIP2020',
      'victims_identified 5 previous TIP2019',
      'victims_identified 0 current TIP2020',
      'other 3300000 current TIP2020',
    ]);
  });

  it('leaves out the law number and the penalty years', () => {
    const quotes = split.claims.map((c) => c.quote);
    expect(quotes.some((q) => /6\/2008|12 years|three to|Tier 2/.test(q))).toBe(false);
  });

  it('reads figures in digits and "dozens" as an approximate count with no value', () => {
    const prevention = split.claims.filter((c) => c.section === 'prevention');
    expect(prevention.map((c) => [c.value, c.counts])).toEqual([
      [12, 'meetings'],
      [1426, 'police inspections'],
      [7640, 'inspections'],
      [84, 'calls'],
      [null, 'officials'],
    ]);
  });

  it('lists the unsourced qualitative statements with their marker', () => {
    const qualitative = split.claims.filter((c) => c.kind === 'qualitative');
    expect(qualitative.map((c) => [c.section, c.marker])).toEqual([
      ['prosecution', 'observers noted'],
      ['protection', 'reportedly'],
      ['protection', 'there were reports'],
    ]);
    expect(qualitative[0]!.text).toMatch(/^Observers noted that police may have treated/);
    expect(qualitative.every((c) => c.value === null && c.periodKey === 'TIP2020')).toBe(true);
  });
});

describe('the 2019-and-later layout copied from a PDF (Hong Kong 2023)', () => {
  const split = splitNarrative(fixture('hong-kong-2023-pdf'), { year: 2023 });

  it('finds headings inside lines and recommendations without bullets, one per sentence', () => {
    expect(split).toMatchObject({ layout: 'prioritized', country: 'HONG KONG', tier: 'T2' });
    expect(split.sections.map((s) => s.kind)).toEqual(profileLast);
    expect(split.recommendations.map((r) => r.text)).toEqual([
      'Criminalize all forms of trafficking, including labor trafficking, in line with international law',
      'Proactively screen foreign domestic workers for indicators of trafficking and refer victims to protection services',
      'Increase investigations and prosecutions of employment agencies that charge illegal recruitment fees',
    ]);
  });

  it('pairs each parenthesis with the count just before it, and "the previous reporting period" with the year before', () => {
    expect(numericIn(split.claims, 'prosecution', 'protection')).toEqual([
      'investigations 24 current TIP2023',
      'investigations 11 previous TIP2022',
      'prosecutions 7 current TIP2023',
      'prosecutions 4 previous TIP2022',
      'convictions 6 current TIP2023',
      'convictions 2 previous TIP2022',
      'other 9500 current TIP2023',
      'victims_identified 19 current TIP2023',
      'victims_identified 5 previous TIP2022',
      'victims_referred 0 current TIP2023',
    ]);
  });

  it('ends what is counted before an adverb or a verb', () => {
    const profile = split.claims.filter((c) => c.section === 'profile' && c.kind === 'numeric');
    expect(profile.map((c) => [c.value, c.counts])).toEqual([[null, 'workers']]);
  });
});

describe('the older layout', () => {
  it('splits the opening trafficking profile from the summary and the semicolon list (Macau 2016)', () => {
    const split = splitNarrative(fixture('macau-2016-legacy'), { year: 2016 });
    expect(split).toMatchObject({ layout: 'legacy', country: 'MACAU', tier: 'T2' });
    expect(split.sections.map((s) => [s.kind, s.heading])).toEqual([
      ['profile', ''],
      ['summary', ''],
      ['recommendations', 'RECOMMENDATIONS FOR MACAU'],
      ['prosecution', 'PROSECUTION'],
      ['protection', 'PROTECTION'],
      ['prevention', 'PREVENTION'],
    ]);
    expect(split.sections[0]!.text).toMatch(
      /^Macau is primarily a destination[\s\S]*false advertisements for jobs in casinos\.$/,
    );
    expect(split.recommendations.map((r) => r.text)).toEqual([
      'Vigorously investigate, prosecute, and convict sex and labor traffickers',
      'Continue to improve proactive victim identification methods, especially among vulnerable populations such as migrant workers and children (including those in commercial sex)',
      'Train judges on the anti-trafficking law',
      'Conduct a visible anti-trafficking awareness campaign directed at clients of the commercial sex industry',
    ]);
  });

  it('makes "did not report any investigations, prosecutions, or convictions" three claims of zero', () => {
    const split = splitNarrative(fixture('macau-2016-legacy'), { year: 2016 });
    expect(numericIn(split.claims, 'summary')).toEqual([
      'investigations 0 current TIP2016',
      'prosecutions 0 current TIP2016',
      'convictions 0 current TIP2016',
    ]);
    expect(numericIn(split.claims, 'prosecution')).toEqual([
      'investigations 4 current TIP2016',
      'investigations 5 previous TIP2015',
      'other 2 current TIP2016',
      'prosecutions 1 current TIP2016',
      'convictions 0 current TIP2016',
      'convictions 3 previous TIP2015',
    ]);
  });

  it('reads the 2017–2018 layout with the profile at the end and a waiver in the summary (Hong Kong 2018)', () => {
    const split = splitNarrative(fixture('hong-kong-2018-legacy'), { year: 2018 });
    expect(split).toMatchObject({ layout: 'legacy', country: 'HONG KONG', tier: 'T2WL', warnings: [] });
    expect(split.sections.map((s) => s.kind)).toEqual(profileLast);
    expect(split.recommendations).toHaveLength(4);
    expect(split.recommendations[2]!.text).toBe(
      'Increase investigations (including financial investigations) and prosecutions of trafficking offenses',
    );
    expect(numericIn(split.claims, 'prosecution')).toEqual([
      'investigations 11 current TIP2018',
      'investigations 18 previous TIP2017',
      'prosecutions 2 current TIP2018',
      'prosecutions 3 previous TIP2017',
      'convictions 1 current TIP2018',
    ]);
  });
});

describe('reading numbers and periods', () => {
  const claimsOf = (sentence: string, year?: number) =>
    splitNarrative(`PROSECUTION\n${sentence}`, year === undefined ? {} : { year }).claims;

  it.each<[string, number | null]>([
    ['Police identified twenty-one victims.', 21],
    ['Police identified twenty victims.', 20],
    ['Police identified zero victims.', 0],
    ['Police identified 1,204 potential victims.', 1204],
    ['Police identified hundreds of victims.', null],
  ])('reads %s as %s', (sentence, value) => {
    expect(claimsOf(sentence, 2021).map((c) => c.value)).toEqual([value]);
  });

  it.each([
    'Article 153-A of the Penal Code was amended in 2019.',
    'Penalties ranged from three to 12 years of imprisonment.',
    'No one was convicted under Law No. 6/2008.',
    'The U.S. government funded one of the projects.',
    'Macau remained on Tier 2 Watch List.',
  ])('finds no count in "%s"', (sentence) => {
    expect(claimsOf(sentence, 2021).filter((c) => c.kind === 'numeric')).toEqual([]);
  });

  it('reads "no victims were identified" and "identified no victims" as zero', () => {
    expect(
      numeric(claimsOf('Authorities identified no victims. No prosecutions were initiated.', 2021)),
    ).toEqual(['victims_identified 0 current TIP2021', 'prosecutions 0 current TIP2021']);
  });

  it('keeps sentences whole across abbreviations', () => {
    const [claim] = claimsOf('The U.S. embassy said police investigated three cases (one in 2020).', 2021);
    expect(claim!.text).toBe('The U.S. embassy said police investigated three cases (one in 2020).');
  });

  it('leaves the period key out, with a warning, when the report year is not given', () => {
    const split = splitNarrative('PROSECUTION\nPolice investigated three cases (one in 2020).');
    expect(split.claims.map((c) => [c.period, c.periodKey])).toEqual([
      ['current', undefined],
      ['previous', undefined],
    ]);
    expect(split.warnings).toContain('narrative.period_unknown');
  });
});

describe('a narrative in which nothing can be found', () => {
  it('warns that it is empty', () => {
    expect(splitNarrative('  \n ').warnings).toEqual(['narrative.empty']);
  });

  it('keeps unrecognised text as one section and warns that nothing was found', () => {
    const split = splitNarrative('Lorem ipsum dolor sit amet.');
    expect(split.layout).toBe('unknown');
    expect(split.sections).toEqual([{ kind: 'other', heading: '', text: 'Lorem ipsum dolor sit amet.' }]);
    expect(split.warnings).toEqual([
      'narrative.nothing_found',
      'narrative.no_sections',
      'narrative.no_recommendations',
      'narrative.no_claims',
    ]);
  });

  it('warns of missing recommendations when only the sections are there', () => {
    const split = splitNarrative('PROSECUTION\nPolice investigated three cases.', { year: 2021 });
    expect(split.warnings).toEqual(['narrative.no_recommendations']);
  });
});
