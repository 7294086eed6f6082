// Closed lists of the records a case file keeps besides its code lists (labels: locales,
// `common:judicialAct.<kind>`, `common:documentKind.<kind>`, `common:caseRole.<role>`).

export const caseRoles = ['victim', 'suspect', 'witness'] as const;
export type CaseRole = (typeof caseRoles)[number];

/** Acts of a judge or prosecutor that authorise what law enforcement does in the case. */
export const judicialActKinds = [
  'search_authorisation',
  'detention_order',
  'coercive_measure',
  'communications_interception',
  'asset_freeze',
  'witness_protection',
  'other',
] as const;
export type JudicialActKind = (typeof judicialActKinds)[number];

export const documentKinds = [
  'report',
  'statement',
  'judicial_order',
  'indictment',
  'judgment',
  'appeal',
  'correspondence',
  'other',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const verdicts = ['convicted', 'acquitted'] as const;
