import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  allowedNextStages,
  canRecordVerdict,
  caseStages,
  caseTransitions,
  checkTransition,
  isCaseStage,
  judgmentStages,
  verdictProblems,
  type CaseFacts,
  type CaseStage,
  type Verdict,
} from './case-stages.js';

/** Facts under which no fact-based rule refuses anything: one charged defendant with a verdict. */
const settled: CaseFacts = { defendants: [{ charged: true, verdict: 'convicted' }] };

const allowedPairs: [CaseStage, CaseStage][] = [
  ['reported', 'under_investigation'],
  ['reported', 'archived'],
  ['under_investigation', 'referred_to_prosecution'],
  ['under_investigation', 'archived'],
  ['referred_to_prosecution', 'charged'],
  ['referred_to_prosecution', 'no_charges'],
  ['referred_to_prosecution', 'under_investigation'],
  ['charged', 'at_trial'],
  ['no_charges', 'closed'],
  ['no_charges', 'under_investigation'],
  ['archived', 'under_investigation'],
  ['archived', 'closed'],
  ['at_trial', 'judgment'],
  ['judgment', 'appeal'],
  ['judgment', 'closed'],
  ['appeal', 'judgment'],
  ['appeal', 'closed'],
];

const allPairs = caseStages.flatMap((from) => caseStages.map((to) => [from, to] as [CaseStage, CaseStage]));
const isAllowedPair = ([from, to]: [CaseStage, CaseStage]) =>
  allowedPairs.some(([f, t]) => f === from && t === to);

function reachable(from: CaseStage): Set<CaseStage> {
  const seen = new Set<CaseStage>([from]);
  const queue: CaseStage[] = [from];
  for (let stage = queue.shift(); stage !== undefined; stage = queue.shift()) {
    for (const next of allowedNextStages(stage)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('the transition table', () => {
  it.each(allowedPairs)('allows %s → %s', (from, to) => {
    expect(checkTransition(from, to, settled)).toBeNull();
  });

  it('allows exactly the listed transitions and no others', () => {
    const table = caseStages.flatMap((from) => caseTransitions[from].map((to) => [from, to]));
    expect(table).toHaveLength(allowedPairs.length);
    expect(new Set(table.map(([f, t]) => `${f}>${t}`))).toEqual(
      new Set(allowedPairs.map(([f, t]) => `${f}>${t}`)),
    );
  });

  it.each([
    ['reported', 'charged'],
    ['reported', 'closed'],
    ['under_investigation', 'charged'],
    ['under_investigation', 'reported'],
    ['referred_to_prosecution', 'at_trial'],
    ['referred_to_prosecution', 'archived'],
    ['charged', 'judgment'],
    ['charged', 'no_charges'],
    ['charged', 'closed'],
    ['no_charges', 'charged'],
    ['archived', 'reported'],
    ['at_trial', 'closed'],
    ['at_trial', 'appeal'],
    ['judgment', 'at_trial'],
    ['appeal', 'at_trial'],
    ['closed', 'under_investigation'],
    ['closed', 'reported'],
  ] as [CaseStage, CaseStage][])('refuses %s → %s and lists what is allowed', (from, to) => {
    expect(checkTransition(from, to, settled)).toEqual({
      code: 'case.transition_not_allowed',
      from,
      to,
      allowed: allowedNextStages(from),
    });
  });

  it('refuses every pair outside the table, whatever the facts', () => {
    for (const pair of allPairs.filter((pair) => !isAllowedPair(pair) && pair[0] !== pair[1])) {
      expect(checkTransition(pair[0], pair[1], settled)?.code).toBe('case.transition_not_allowed');
      expect(checkTransition(pair[0], pair[1], { defendants: [] })?.code).toBe('case.transition_not_allowed');
    }
  });

  it.each(caseStages.map((stage) => [stage]))('refuses staying in %s as a transition', (stage) => {
    expect(checkTransition(stage, stage, settled)).toEqual({ code: 'case.same_stage' });
  });

  it('lets nothing out of closed', () => {
    expect(allowedNextStages('closed')).toEqual([]);
  });

  it('hands out a copy of the table, so a caller cannot change it', () => {
    allowedNextStages('reported').push('closed');
    const refusal = checkTransition('reported', 'charged', settled);
    expect(refusal).toMatchObject({ allowed: ['under_investigation', 'archived'] });
    if (refusal?.code === 'case.transition_not_allowed') refusal.allowed.push('closed');
    expect(allowedNextStages('reported')).toEqual(['under_investigation', 'archived']);
  });

  it('knows its stages', () => {
    expect(isCaseStage('charged')).toBe(true);
    expect(isCaseStage('convicted')).toBe(false);
    expect(isCaseStage(3)).toBe(false);
  });
});

describe('facts a transition depends on', () => {
  it('refuses charges when no defendant is charged', () => {
    expect(checkTransition('referred_to_prosecution', 'charged', { defendants: [] })).toEqual({
      code: 'case.no_defendant_charged',
    });
    expect(
      checkTransition('referred_to_prosecution', 'charged', {
        defendants: [
          { charged: false, verdict: null },
          { charged: false, verdict: null },
        ],
      }),
    ).toEqual({ code: 'case.no_defendant_charged' });
  });

  it('allows charges when one defendant of several is charged', () => {
    expect(
      checkTransition('referred_to_prosecution', 'charged', {
        defendants: [
          { charged: false, verdict: null },
          { charged: true, verdict: null },
        ],
      }),
    ).toBeNull();
  });

  it.each([['judgment'], ['appeal']] as [CaseStage][])(
    'refuses closing from %s while charged defendants lack a verdict, counting them',
    (from) => {
      const facts: CaseFacts = {
        defendants: [
          { charged: true, verdict: 'convicted' },
          { charged: true, verdict: null },
          { charged: true, verdict: null },
          { charged: false, verdict: null },
        ],
      };
      expect(checkTransition(from, 'closed', facts)).toEqual({ code: 'case.verdicts_missing', missing: 2 });
    },
  );

  it('closes from judgment once every charged defendant has a verdict, acquittals included', () => {
    const facts: CaseFacts = {
      defendants: [
        { charged: true, verdict: 'convicted' },
        { charged: true, verdict: 'acquitted' },
        { charged: false, verdict: null },
      ],
    };
    expect(checkTransition('judgment', 'closed', facts)).toBeNull();
  });

  it.each([['archived'], ['no_charges']] as [CaseStage][])(
    'closes from %s without verdicts, since no court was reached',
    (from) => {
      expect(checkTransition(from, 'closed', { defendants: [{ charged: true, verdict: null }] })).toBeNull();
    },
  );

  it('asks for verdicts only when leaving the courts', () => {
    const pending: CaseFacts = { defendants: [{ charged: true, verdict: null }] };
    expect(checkTransition('judgment', 'appeal', pending)).toBeNull();
    expect(checkTransition('appeal', 'judgment', pending)).toBeNull();
  });

  it('checks the table before the facts', () => {
    expect(checkTransition('reported', 'charged', { defendants: [] })?.code).toBe(
      'case.transition_not_allowed',
    );
  });
});

describe('reachability', () => {
  it.each(caseStages.map((stage) => [stage]))('from %s, closed can be reached', (stage) => {
    expect(reachable(stage).has('closed')).toBe(true);
  });

  it('every stage is reachable from reported', () => {
    expect(reachable('reported')).toEqual(new Set(caseStages));
  });

  it('any walk along allowed transitions can still end in closed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...caseStages), fc.array(fc.nat(), { maxLength: 40 }), (start, choices) => {
        let stage: CaseStage = start;
        expect(reachable(stage).has('closed')).toBe(true);
        for (const choice of choices) {
          const next = allowedNextStages(stage);
          if (next.length === 0) break;
          const to = next[choice % next.length]!;
          expect(checkTransition(stage, to, settled)).toBeNull();
          stage = to;
          expect(reachable(stage).has('closed')).toBe(true);
        }
      }),
    );
  });

  it('a refusal is null only for pairs in the table', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...caseStages),
        fc.constantFrom(...caseStages),
        fc.array(
          fc.record({
            charged: fc.boolean(),
            verdict: fc.constantFrom('convicted' as const, 'acquitted' as const, null),
          }),
          { maxLength: 4 },
        ),
        (from, to, defendants) => {
          if (checkTransition(from, to, { defendants }) === null) {
            expect(allowedNextStages(from)).toContain(to);
          }
        },
      ),
    );
  });
});

describe('recording verdicts', () => {
  it('is open in judgment, appeal and closed only', () => {
    expect(caseStages.filter(canRecordVerdict)).toEqual(['judgment', 'appeal', 'closed']);
    expect([...judgmentStages]).toEqual(['judgment', 'appeal', 'closed']);
  });
});

describe('a defendant’s verdict', () => {
  it.each<[string, Verdict]>([
    ['prison', { verdict: 'convicted', sentenceMonths: 60 }],
    ['a fine only', { verdict: 'convicted', fineAmount: 10000 }],
    ['prison and a fine', { verdict: 'convicted', sentenceMonths: 6, fineAmount: 5000 }],
    ['1 month', { verdict: 'convicted', sentenceMonths: 1 }],
    ['600 months', { verdict: 'convicted', sentenceMonths: 600 }],
    ['3 years suspended', { verdict: 'convicted', sentenceMonths: 36, suspended: true }],
    [
      'everything a conviction may carry',
      {
        verdict: 'convicted',
        sentenceMonths: 24,
        suspended: true,
        fineAmount: 0,
        confiscation: 'HK$ 40,000 in cash',
        compensationAmount: 50000,
      },
    ],
    ['a bare acquittal', { verdict: 'acquitted' }],
    [
      'an acquittal with empty fields',
      {
        verdict: 'acquitted',
        sentenceMonths: null,
        suspended: false,
        fineAmount: null,
        confiscation: '  ',
        compensationAmount: null,
      },
    ],
  ])('accepts %s', (_name, verdict) => {
    expect(verdictProblems(verdict)).toEqual([]);
  });

  it('refuses every penalty on an acquittal, naming each field, but keeps compensation and confiscation', () => {
    expect(
      verdictProblems({
        verdict: 'acquitted',
        sentenceMonths: 12,
        suspended: true,
        fineAmount: 0,
        confiscation: 'a car',
        compensationAmount: 1000,
      }),
    ).toEqual([
      { path: 'sentenceMonths', code: 'not_allowed_for_acquittal' },
      { path: 'suspended', code: 'not_allowed_for_acquittal' },
      { path: 'fineAmount', code: 'not_allowed_for_acquittal' },
    ]);
  });

  it.each<[string, Verdict]>([
    ['nothing', { verdict: 'convicted' }],
    ['only compensation', { verdict: 'convicted', compensationAmount: 1000 }],
    ['only confiscation', { verdict: 'convicted', confiscation: 'phones' }],
    ['nulls', { verdict: 'convicted', sentenceMonths: null, fineAmount: null }],
  ])('requires prison or a fine on a conviction with %s', (_name, verdict) => {
    expect(verdictProblems(verdict)).toEqual([{ path: 'sentenceMonths', code: 'required' }]);
  });

  it.each([
    [0, { code: 'too_small', params: { minimum: 1 } }],
    [-3, { code: 'too_small', params: { minimum: 1 } }],
    [601, { code: 'too_big', params: { maximum: 600 } }],
    [6.5, { code: 'invalid_type' }],
    [Number.NaN, { code: 'invalid_type' }],
  ])('refuses a sentence of %s months', (sentenceMonths, problem) => {
    expect(verdictProblems({ verdict: 'convicted', sentenceMonths })).toEqual([
      { path: 'sentenceMonths', ...problem },
    ]);
  });

  it.each([
    ['fineAmount', -1, 'too_small'],
    ['compensationAmount', -0.01, 'too_small'],
    ['fineAmount', Number.POSITIVE_INFINITY, 'invalid_type'],
    ['compensationAmount', Number.NaN, 'invalid_type'],
  ] as const)('refuses %s of %s', (path, amount, code) => {
    const problems = verdictProblems({ verdict: 'convicted', sentenceMonths: 12, [path]: amount });
    expect(problems).toEqual([{ path, code, ...(code === 'too_small' ? { params: { minimum: 0 } } : {}) }]);
  });

  it('refuses suspending more than 3 years of prison (Macao Penal Code art. 48)', () => {
    expect(verdictProblems({ verdict: 'convicted', sentenceMonths: 37, suspended: true })).toEqual([
      { path: 'suspended', code: 'suspension_not_allowed', params: { maximum: 36 } },
    ]);
  });

  it('refuses suspending a sentence that is only a fine', () => {
    expect(verdictProblems({ verdict: 'convicted', fineAmount: 500, suspended: true })).toEqual([
      { path: 'suspended', code: 'suspension_not_allowed', params: { maximum: 36 } },
    ]);
  });

  it('allows any unsuspended prison term within range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.boolean(), (sentenceMonths, suspended) => {
        const problems = verdictProblems({ verdict: 'convicted', sentenceMonths, suspended });
        expect(problems.length === 0).toBe(!suspended || sentenceMonths <= 36);
      }),
    );
  });
});
