/**
 * The TIP Report's tier rules (22 U.S.C. 7107), as reference/tip-report.md states them, as plain functions:
 * what the rules make of an assessed tier, whether a waiver is available, the special rule after a
 * downgrade, Special Watch List membership and the action-plan flag; and which years of a history break
 * the rules or were lawful only by a waiver. No clock: the latest admissible report year is a setting.
 *
 * Decisions where the text leaves room (each has a test):
 * - `SPECIAL` and `NR` break a run like T1, T2 and T3: the run counts years *on the watch list*, and a
 *   year not ranked or not in the report is not one. A year missing from a history breaks it too.
 * - The waiver limit is per run: a run of `n` watch-list years before the report year has used `n - 2`
 *   waivers; a waiver is available while that is below the limit of the report year being decided
 *   (so a run of 2 + 1 waiver reaching 2019 has no waiver left under the 1-year limit).
 * - The special rule is triggered by a Tier 3 placement that ends a run of at least 2 watch-list years
 *   (the downgrade "subsequently" after that run); from then on, in reports from 2019, the watch list
 *   is allowed for one consecutive year, and no waiver extends it.
 */

export const tiers = ['T1', 'T2', 'T2WL', 'T3', 'SPECIAL', 'NR'] as const;
export type Tier = (typeof tiers)[number];

export const isTier = (value: unknown): value is Tier =>
  typeof value === 'string' && (tiers as readonly string[]).includes(value);

/** One report year's placement; `waiver` true when it stayed on T2WL by a waiver of the automatic downgrade. */
export type Placement = { year: number; tier: Tier; waiver?: boolean | undefined };

export type TierRuleSettings = {
  /** The first TIP Report. */
  firstReportYear: number;
  /** The latest report year accepted (next year: a forecast). */
  lastReportYear: number;
  /** Runs count report years from this one (years after 23 December 2008). */
  firstCountedYear: number;
  /** The special rule for downgraded countries binds reports from this year. */
  specialRuleFrom: number;
  /** Waiver years allowed per run, by report year: each entry holds from its year until the next. */
  waiverLimits: readonly { fromYear: number; limit: number }[];
};

export const defaultWaiverLimits = [
  { fromYear: 2009, limit: 2 },
  { fromYear: 2019, limit: 1 },
] as const;

/** The rules as enacted; `today` (ISO date) sets the latest admissible report year to next year. */
export function tierRuleSettings(today: string, overrides: Partial<TierRuleSettings> = {}): TierRuleSettings {
  return {
    firstReportYear: 2001,
    lastReportYear: Number(today.slice(0, 4)) + 1,
    firstCountedYear: 2009,
    specialRuleFrom: 2019,
    waiverLimits: defaultWaiverLimits,
    ...overrides,
  };
}

export function waiverLimit(year: number, settings: TierRuleSettings): number {
  let limit = 0;
  for (const entry of [...settings.waiverLimits].sort((a, b) => a.fromYear - b.fromYear))
    if (entry.fromYear <= year) limit = entry.limit;
  return limit;
}

/** Refused input: `path` names the field as given (`history[2].waiver`), `message` says why in English. */
export class TierRuleError extends Error {
  readonly path: string;
  readonly code: string;

  constructor(path: string, code: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'TierRuleError';
    this.path = path;
    this.code = code;
  }
}

type Years = ReadonlyMap<number, Placement>;

function byYear(history: readonly Placement[]): Years {
  return new Map(history.map((p) => [p.year, p]));
}

/** run(Y): consecutive report years immediately before Y on T2WL, counting only years from 2009. */
export function runBefore(years: Years, year: number, settings: TierRuleSettings): number {
  let run = 0;
  for (let y = year - 1; y >= settings.firstCountedYear && years.get(y)?.tier === 'T2WL'; y--) run++;
  return run;
}

/** The Tier 3 placements that ended a run of two or more watch-list years, before `year`. */
function specialRuleTrigger(years: Years, year: number, settings: TierRuleSettings): number | null {
  for (let y = year - 1; y >= settings.firstCountedYear + 2; y--)
    if (years.get(y)?.tier === 'T3' && runBefore(years, y, settings) >= 2) return y;
  return null;
}

export type TierDecision = {
  year: number;
  assessed: Tier;
  /** The tier the rules give. */
  tier: Tier;
  /** The rules moved an assessed T2WL to Tier 3. */
  autoDowngrade: boolean;
  /** Which rule did: the run of watch-list years, or the special rule for downgraded countries. */
  rule: 'run' | 'special' | null;
  waiverApplied: boolean;
  /** A waiver could keep this T2WL on the watch list this year. */
  waiverAvailable: boolean;
  /** run(Y). */
  run: number;
  waiversUsed: number;
  waiverLimit: number;
  /** The downgrade that subjects this year to the special rule (one watch-list year at most); null if none. */
  specialRuleSince: number | null;
  /** On the Special Watch List (interim assessment due 1 February). */
  specialWatchList: boolean;
  /** From Tier 3 to T2WL: the State Department prepares an action plan within 180 days. */
  actionPlan: boolean;
};

/** The Special Watch List: on T2WL, upgraded from Tier 2 to Tier 1, or upgraded from Tier 3. */
export function onSpecialWatchList(previous: Tier | undefined, tier: Tier): boolean {
  if (tier === 'T2WL') return true;
  if (previous === 'T2' && tier === 'T1') return true;
  return previous === 'T3' && (tier === 'T1' || tier === 'T2');
}

type Constraint =
  | { kind: 'free' }
  | { kind: 'special'; since: number }
  | { kind: 'run'; used: number; limit: number; available: boolean };

/** What binds an assessed T2WL in `year`; `since` is the downgrade that subjects the country to the special rule. */
function constraintOn(
  years: Years,
  year: number,
  settings: TierRuleSettings,
): Constraint & { run: number; since: number | null } {
  const run = runBefore(years, year, settings);
  const since = year >= settings.specialRuleFrom ? specialRuleTrigger(years, year, settings) : null;
  if (since !== null && run >= 1) return { kind: 'special', since, run };
  if (run < 2) return { kind: 'free', run, since };
  const limit = waiverLimit(year, settings);
  return { kind: 'run', used: run - 2, limit, available: run - 2 < limit, run, since };
}

function noWaiverReason(constraint: Constraint, year: number): string {
  if (constraint.kind === 'special')
    return `no waiver is allowed in ${year}: the special rule after the ${constraint.since} downgrade allows one watch-list year and no waiver`;
  if (constraint.kind === 'run')
    return `no waiver is left in ${year}: ${constraint.used} waiver year(s) used of the limit of ${constraint.limit}`;
  return `no waiver is allowed in ${year}: fewer than 2 consecutive watch-list years before it, so there is no downgrade to waive`;
}

function decide(
  years: Years,
  year: number,
  assessed: Tier,
  waiver: boolean,
  waiverPath: string,
  settings: TierRuleSettings,
): TierDecision {
  if (waiver && assessed !== 'T2WL')
    throw new TierRuleError(
      waiverPath,
      'waiver_not_watch_list',
      `a waiver keeps a country on T2WL; the tier is ${assessed}`,
    );
  const constraint = constraintOn(years, year, settings);
  const bound = assessed === 'T2WL' && constraint.kind !== 'free';
  const waiverAvailable = bound && constraint.kind === 'run' && constraint.available;
  if (waiver && !waiverAvailable)
    throw new TierRuleError(waiverPath, 'waiver_not_allowed', noWaiverReason(constraint, year));
  const autoDowngrade = bound && !waiver;
  const tier: Tier = autoDowngrade ? 'T3' : assessed;
  const previous = years.get(year - 1)?.tier;
  return {
    year,
    assessed,
    tier,
    autoDowngrade,
    rule: bound ? (constraint.kind === 'special' ? 'special' : 'run') : null,
    waiverApplied: waiver,
    waiverAvailable,
    run: constraint.run,
    waiversUsed: constraint.kind === 'run' ? constraint.used : 0,
    waiverLimit: waiverLimit(year, settings),
    specialRuleSince: constraint.since,
    specialWatchList: onSpecialWatchList(previous, tier),
    actionPlan: previous === 'T3' && tier === 'T2WL',
  };
}

function checkYear(year: unknown, path: string, settings: TierRuleSettings): number {
  if (typeof year !== 'number' || !Number.isInteger(year))
    throw new TierRuleError(path, 'year_not_integer', 'must be a whole report year');
  if (year < settings.firstReportYear || year > settings.lastReportYear)
    throw new TierRuleError(
      path,
      'year_out_of_range',
      `${year} is outside the report's range ${settings.firstReportYear}..${settings.lastReportYear}`,
    );
  return year;
}

function checkTier(tier: unknown, path: string): Tier {
  if (!isTier(tier))
    throw new TierRuleError(
      path,
      'unknown_tier',
      `unknown tier ${JSON.stringify(tier)} (expected one of ${tiers.join(', ')})`,
    );
  return tier;
}

/** Checks each placement's shape; years sorted, no year twice. */
function checkHistory(history: unknown, settings: TierRuleSettings): (Placement & { index: number })[] {
  if (!Array.isArray(history))
    throw new TierRuleError('history', 'not_a_list', 'must be a list of placements');
  const seen = new Set<number>();
  const placements = history.map((entry: unknown, index) => {
    const path = `history[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new TierRuleError(path, 'not_an_object', 'must be an object with year and tier');
    const { year, tier, waiver } = entry as Record<string, unknown>;
    const checkedYear = checkYear(year, `${path}.year`, settings);
    if (seen.has(checkedYear))
      throw new TierRuleError(`${path}.year`, 'duplicate_year', `${checkedYear} is given twice`);
    seen.add(checkedYear);
    if (waiver !== undefined && typeof waiver !== 'boolean')
      throw new TierRuleError(`${path}.waiver`, 'not_boolean', 'must be true or false');
    return { year: checkedYear, tier: checkTier(tier, `${path}.tier`), waiver, index };
  });
  return placements.sort((a, b) => a.year - b.year);
}

export type Violation = { year: number; reason: string; rule: 'run' | 'waiver_limit' | 'special' };
export type HistoryCheck = { violations: Violation[]; waiverYears: number[]; decisions: TierDecision[] };

function violationOf(decision: TierDecision, waiverGiven: boolean | undefined): Violation | null {
  const { year, run, waiversUsed, waiverLimit: limit } = decision;
  if (decision.rule === 'special')
    return {
      year,
      rule: 'special',
      reason: `T2WL for a second consecutive year after the ${decision.specialRuleSince} downgrade: the special rule requires Tier 2 or better, or Tier 3`,
    };
  if (decision.rule === 'run' && !decision.waiverAvailable)
    return {
      year,
      rule: 'waiver_limit',
      reason: `T2WL after ${run} consecutive watch-list years with ${waiversUsed} waiver year(s) already used (limit ${limit}): automatic downgrade to Tier 3`,
    };
  if (decision.rule === 'run' && waiverGiven === false)
    return {
      year,
      rule: 'run',
      reason: `T2WL after ${run} consecutive watch-list years without a waiver: automatic downgrade to Tier 3`,
    };
  return null;
}

/**
 * The years a history breaks the rules, and the years lawful only by a waiver. A T2WL year that needed a
 * waiver counts as waived unless it says `waiver: false`; one that says `waiver: true` where none was
 * possible is refused as bad input.
 */
export function validateHistory(history: unknown, settings: TierRuleSettings): HistoryCheck {
  const placements = checkHistory(history, settings);
  const years = byYear(placements);
  const result: HistoryCheck = { violations: [], waiverYears: [], decisions: [] };
  for (const p of placements) {
    const decision = decide(years, p.year, p.tier, p.waiver === true, `history[${p.index}].waiver`, settings);
    // As placed, whatever the rules would have made of it: a violation is reported, not corrected.
    const previous = years.get(p.year - 1)?.tier;
    const placed: TierDecision = {
      ...decision,
      tier: p.tier,
      autoDowngrade: false,
      waiverApplied: decision.rule === 'run' && decision.waiverAvailable && p.waiver !== false,
      specialWatchList: onSpecialWatchList(previous, p.tier),
      actionPlan: previous === 'T3' && p.tier === 'T2WL',
    };
    result.decisions.push(placed);
    const violation = p.tier === 'T2WL' ? violationOf(decision, p.waiver) : null;
    if (violation) result.violations.push(violation);
    else if (placed.waiverApplied) result.waiverYears.push(p.year);
  }
  return result;
}

/** What the rules make of `assessed` in report year `year`, after `history` (checked first). */
export function placeTier(
  history: unknown,
  year: unknown,
  assessed: unknown,
  waiver: unknown,
  settings: TierRuleSettings,
): TierDecision {
  const placements = checkHistory(history, settings);
  validateHistory(history, settings);
  const forYear = checkYear(year, 'year', settings);
  const late = placements.find((p) => p.year >= forYear);
  if (late)
    throw new TierRuleError(
      `history[${late.index}].year`,
      'not_before_year',
      `${late.year} is not before the year decided, ${forYear}`,
    );
  if (waiver !== undefined && typeof waiver !== 'boolean')
    throw new TierRuleError('waiver', 'not_boolean', 'must be true or false');
  return decide(
    byYear(placements),
    forYear,
    checkTier(assessed, 'assessed'),
    waiver === true,
    'waiver',
    settings,
  );
}

export type TierOutcome = Pick<
  TierDecision,
  'assessed' | 'tier' | 'autoDowngrade' | 'waiverApplied' | 'waiverAvailable'
> &
  Pick<TierDecision, 'specialWatchList' | 'actionPlan' | 'rule'>;

export type TierForecastAll = {
  year: number;
  run: number;
  waiversUsed: number;
  waiverLimit: number;
  specialRuleSince: number | null;
  /** One per assessed tier; an assessed T2WL that a waiver could keep comes twice, without and with it. */
  outcomes: TierOutcome[];
};

const outcomeOf = (d: TierDecision): TierOutcome => ({
  assessed: d.assessed,
  tier: d.tier,
  autoDowngrade: d.autoDowngrade,
  waiverApplied: d.waiverApplied,
  waiverAvailable: d.waiverAvailable,
  specialWatchList: d.specialWatchList,
  actionPlan: d.actionPlan,
  rule: d.rule,
});

/** For the forecast panel: what each assessed tier would become in `year` (by default the year after the history). */
export function forecastAll(
  history: readonly Placement[],
  settings: TierRuleSettings,
  year = Math.max(settings.firstReportYear - 1, ...history.map((p) => p.year)) + 1,
): TierForecastAll {
  const outcomes: TierOutcome[] = [];
  let base: TierDecision | undefined;
  for (const assessed of tiers) {
    const decision = placeTier(history, year, assessed, false, settings);
    outcomes.push(outcomeOf(decision));
    if (decision.waiverAvailable)
      outcomes.push(outcomeOf(placeTier(history, year, assessed, true, settings)));
    if (assessed === 'T2WL') base = decision;
  }
  const d = base!;
  return {
    year,
    run: d.run,
    waiversUsed: d.waiversUsed,
    waiverLimit: d.waiverLimit,
    specialRuleSince: d.specialRuleSince,
    outcomes,
  };
}
