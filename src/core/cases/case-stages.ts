/**
 * The stages of a criminal case under judicial supervision, from the first report to the police to the
 * final decision, and the per-defendant rule for a judgment. Pure: the caller loads the facts and maps a
 * refusal to its own error.
 */

export const caseStages = [
  'reported',
  'under_investigation',
  'referred_to_prosecution',
  'charged',
  'no_charges',
  'archived',
  'at_trial',
  'judgment',
  'appeal',
  'closed',
] as const;
export type CaseStage = (typeof caseStages)[number];

export function isCaseStage(value: unknown): value is CaseStage {
  return typeof value === 'string' && (caseStages as readonly string[]).includes(value);
}

/**
 * The one table of allowed moves. Going back is allowed only where the procedure goes back: the
 * prosecution returns a case for further investigation, and a case without charges or archived may be
 * reopened when new evidence appears.
 */
export const caseTransitions: Readonly<Record<CaseStage, readonly CaseStage[]>> = {
  reported: ['under_investigation', 'archived'],
  under_investigation: ['referred_to_prosecution', 'archived'],
  referred_to_prosecution: ['charged', 'no_charges', 'under_investigation'],
  charged: ['at_trial'],
  no_charges: ['closed', 'under_investigation'],
  archived: ['under_investigation', 'closed'],
  at_trial: ['judgment'],
  judgment: ['appeal', 'closed'],
  appeal: ['judgment', 'closed'],
  closed: [],
};

export type VerdictOutcome = 'convicted' | 'acquitted';

export type CaseFacts = {
  defendants: { charged: boolean; verdict: VerdictOutcome | null }[];
  /** Coercive measures still in force (e.g. pre-trial detention); carried for callers, no rule uses it yet. */
  openJudicialMeasures?: number;
};

export type TransitionRefusal =
  | { code: 'case.transition_not_allowed'; from: CaseStage; to: CaseStage; allowed: CaseStage[] }
  | { code: 'case.no_defendant_charged' }
  | { code: 'case.verdicts_missing'; missing: number }
  | { code: 'case.same_stage' };

export function allowedNextStages(from: CaseStage): CaseStage[] {
  return [...caseTransitions[from]];
}

/** Why a case may not move from `from` to `to`, or null when it may. */
export function checkTransition(from: CaseStage, to: CaseStage, facts: CaseFacts): TransitionRefusal | null {
  if (from === to) return { code: 'case.same_stage' };
  const allowed = caseTransitions[from];
  if (!allowed.includes(to)) return { code: 'case.transition_not_allowed', from, to, allowed: [...allowed] };
  if (to === 'charged' && !facts.defendants.some((defendant) => defendant.charged)) {
    return { code: 'case.no_defendant_charged' };
  }
  // A case leaves the courts only once the court has ruled on everyone it tried; an archived case or one
  // without charges never reached a court, so nobody is owed a verdict there.
  if (to === 'closed' && (from === 'judgment' || from === 'appeal')) {
    const missing = facts.defendants.filter(
      (defendant) => defendant.charged && defendant.verdict === null,
    ).length;
    if (missing > 0) return { code: 'case.verdicts_missing', missing };
  }
  return null;
}

/** Stages in which verdicts and sentences may be recorded; `closed` keeps it open to correct a record. */
export const judgmentStages = ['judgment', 'appeal', 'closed'] as const satisfies readonly CaseStage[];

export function canRecordVerdict(stage: CaseStage): boolean {
  return (judgmentStages as readonly CaseStage[]).includes(stage);
}

export type Verdict = {
  verdict: VerdictOutcome;
  sentenceMonths?: number | null;
  suspended?: boolean | null;
  fineAmount?: number | null;
  confiscation?: string | null;
  compensationAmount?: number | null;
};

/** Shaped like a field error of `core/errors.ts`, so a caller can pass the list on unchanged. */
export type VerdictProblem = { path: string; code: string; params?: Record<string, number> };

/** Prison terms are counted in whole months; 50 years is above any penal code's ceiling. */
export const maxSentenceMonths = 600;

/** Macao Penal Code art. 48: only a prison term of up to 3 years may be suspended. */
export const maxSuspendedSentenceMonths = 36;

// Penalties only: a court may still award civil compensation to the victim and confiscate
// instruments of the crime when it acquits (Macao Code of Criminal Procedure; Penal Code art. 101).
const sanctionFields = ['sentenceMonths', 'suspended', 'fineAmount'] as const;

function present(verdict: Verdict, field: (typeof sanctionFields)[number]): boolean {
  const value = verdict[field];
  // `suspended: false` says "not suspended", which an acquittal may carry.
  return value !== null && value !== undefined && value !== false;
}

/** The problems with one defendant's judgment, in field order; empty when it is consistent. */
export function verdictProblems(verdict: Verdict): VerdictProblem[] {
  if (verdict.verdict === 'acquitted') {
    return sanctionFields
      .filter((field) => present(verdict, field))
      .map((field) => ({ path: field, code: 'not_allowed_for_acquittal' }));
  }

  const problems: VerdictProblem[] = [];
  const { sentenceMonths, fineAmount, compensationAmount } = verdict;
  const hasSentence = sentenceMonths !== null && sentenceMonths !== undefined;
  const hasFine = fineAmount !== null && fineAmount !== undefined;

  if (!hasSentence && !hasFine) {
    problems.push({ path: 'sentenceMonths', code: 'required' });
  } else if (hasSentence) {
    if (!Number.isInteger(sentenceMonths)) {
      problems.push({ path: 'sentenceMonths', code: 'invalid_type' });
    } else if (sentenceMonths < 1) {
      problems.push({ path: 'sentenceMonths', code: 'too_small', params: { minimum: 1 } });
    } else if (sentenceMonths > maxSentenceMonths) {
      problems.push({ path: 'sentenceMonths', code: 'too_big', params: { maximum: maxSentenceMonths } });
    }
  }

  if (verdict.suspended === true) {
    const suspendable = hasSentence && sentenceMonths <= maxSuspendedSentenceMonths;
    if (!suspendable) {
      problems.push({
        path: 'suspended',
        code: 'suspension_not_allowed',
        params: { maximum: maxSuspendedSentenceMonths },
      });
    }
  }

  for (const [path, amount] of [
    ['fineAmount', fineAmount],
    ['compensationAmount', compensationAmount],
  ] as const) {
    if (amount === null || amount === undefined) continue;
    if (!Number.isFinite(amount)) problems.push({ path, code: 'invalid_type' });
    else if (amount < 0) problems.push({ path, code: 'too_small', params: { minimum: 0 } });
  }

  return problems;
}
