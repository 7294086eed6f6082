// The closed list of what Guia notifies people of, and the parameters each kind carries.
// Parameters are ids, codes and dates only: a notification row never holds a name, a case
// reference, a pseudonym or free text. What the reader sees is looked up when it is read,
// with the reader's rights at that moment (notifications.presenter.ts).

/** What a parameter may hold: a record id (UUID), a code of a closed list, or a date. */
export type ParamType = 'id' | 'code' | 'date';

export const notificationKinds = {
  /** To the receiving agency's users who may answer referrals. */
  'referral.received': {
    referralId: 'id',
    caseId: 'id',
    casePersonId: 'id',
    fromAgencyId: 'id',
    serviceKind: 'code',
  },
  /** To the user who sent the referral (#12: the sender learns of the answer). */
  'referral.accepted': { referralId: 'id', caseId: 'id', casePersonId: 'id', toAgencyId: 'id' },
  'referral.declined': { referralId: 'id', caseId: 'id', casePersonId: 'id', toAgencyId: 'id' },
  'referral.completed': { referralId: 'id', caseId: 'id', casePersonId: 'id', toAgencyId: 'id' },
  /** To the worker an accepted referral was assigned to. */
  'referral.assigned': { referralId: 'id', caseId: 'id', casePersonId: 'id', fromAgencyId: 'id' },
  /** To the secretariat (progress.validate): an agency submitted progress on a task. */
  'progress.submitted': { taskId: 'id', progressId: 'id', agencyId: 'id' },
  /** To the reporting agency: the secretariat returned its progress with a comment. */
  'progress.returned': { taskId: 'id', progressId: 'id' },
  'progress.validated': { taskId: 'id', progressId: 'id' },
  /** To the users of the agency a task was given to (lead or supporting). */
  'task.assigned': { taskId: 'id', agencyId: 'id' },
  'task.deadline_near': { taskId: 'id', due: 'date' },
  'task.overdue': { taskId: 'id', due: 'date' },
  /** To the person (or agency users) a meeting's decision was assigned to. */
  'decision.assigned': { decisionId: 'id', meetingId: 'id' },
  /**
   * To the user whose way of signing in changed (ASVS 2.2.3, 2.5.5), by themselves or by an
   * administrator: that it changed, never the secret (access/auth-notices.ts).
   */
  'account.password_changed': {},
  'account.password_reset': {},
  'account.two_factor_enrolled': {},
  'account.two_factor_reset': {},
} as const satisfies Record<string, Record<string, ParamType>>;

export type NotificationKind = keyof typeof notificationKinds;
export const notificationKindList = Object.keys(notificationKinds) as NotificationKind[];

/** The parameters of one kind, each a string of its type. */
export type NotificationParams<K extends NotificationKind> = {
  [P in keyof (typeof notificationKinds)[K]]: string;
};

const patterns: Record<ParamType, RegExp> = {
  id: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  code: /^[a-z0-9][a-z0-9_.-]{0,63}$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(notificationKinds, value);
}

/**
 * The parameters checked against their kind: exactly its keys, each an id, a code or a date.
 * A caller passing a name or a sentence gets an error, not a stored notification.
 */
export function checkParams(kind: NotificationKind, params: Record<string, unknown>): Record<string, string> {
  const shape: Record<string, ParamType> = notificationKinds[kind];
  const problems: string[] = [];
  for (const [key, type] of Object.entries(shape)) {
    const value = params[key];
    if (typeof value !== 'string' || !patterns[type].test(value)) problems.push(`${key} is not a ${type}`);
  }
  for (const key of Object.keys(params)) if (!(key in shape)) problems.push(`${key} is not a parameter`);
  if (problems.length > 0) throw new Error(`notification ${kind}: ${problems.join('; ')}`);
  return Object.fromEntries(Object.keys(shape).map((key) => [key, params[key] as string]));
}
