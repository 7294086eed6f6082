// One error type for the whole system. A code names the problem; one table maps it to
// an HTTP status, and the message catalogue (locales/*.json, key `error.<code>`) to words
// in the caller's language.

export const errorStatus = {
  'validation.failed': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.invalid': 400,
  'request.headers_too_large': 431,
  'request.timeout': 408,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.locked': 423,
  'auth.session_expired': 401,
  'auth.second_factor_required': 401,
  'auth.invalid_second_factor': 401,
  'auth.csrf_failed': 403,
  'auth.step_required': 403,
  'auth.rate_limited': 429,
  'auth.sign_in_throttled': 429,
  'auth.sign_in_attempt_ended': 401,
  'auth.second_factor_locked': 423,
  'permission.denied': 403,
  'password.too_short': 400,
  'password.too_long': 400,
  'password.too_common': 400,
  'password.same_as_old': 400,
  'password.wrong_current': 400,
  'totp.not_pending': 409,
  'totp.already_enabled': 409,
  'resource.not_found': 404,
  'resource.stale': 409,
  'resource.duplicate': 409,
  'agency.in_use': 409,
  'user.cannot_disable_self': 409,
  'user.cannot_change_own_roles': 403,
  'user.exclusive_roles': 409,
  'role.unknown': 400,
  'agency.unknown': 400,
  'case.transition_not_allowed': 409,
  'case.same_stage': 409,
  'case.no_defendant_charged': 409,
  'case.verdicts_missing': 409,
  'case.verdict_not_allowed_yet': 409,
  'case.not_a_defendant': 409,
  'case.member_required': 403,
  'case.self_assignment': 403,
  'case.last_lead_member': 409,
  'person.link_requires_request': 403,
  'link_request.not_pending': 409,
  'link_request.pending': 409,
  'person.already_in_case': 409,
  // Retention and data-subject requests (modules/retention).
  'person.identity_erased': 410,
  'data_request.not_open': 409,
  'referral.own_agency': 400,
  'referral.consent_required': 409,
  'referral.not_pending': 409,
  'referral.not_accepted': 409,
  'referral.not_assignable': 409,
  'consent.already_withdrawn': 409,
  'screening.unknown_indicator': 400,
  'screening.mixed_lists': 400,
  'progress.not_editable': 409,
  'progress.not_submitted': 409,
  'progress.own_report': 403,
  'release.blocked_by_audit': 409,
  // A backup that does not hold what its manifest says, or a copy SQLite finds damaged.
  'backup.incomplete': 422,
  'backup.corrupt': 422,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type FieldError = { path: string; code: string; params?: Record<string, string | number> };

export class GuiaError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly fieldErrors: FieldError[];

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, fieldErrors: FieldError[] = []) {
    super(code);
    this.name = 'GuiaError';
    this.code = code;
    this.params = params;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A value that must be unique is taken already (checked first, or caught as the database refuses it). */
export function duplicate(path: string, params?: Record<string, string | number>): GuiaError {
  return new GuiaError('resource.duplicate', {}, [
    { path, code: 'duplicate', ...(params ? { params } : {}) },
  ]);
}

/** A field-level validation error, e.g. `invalid('email', 'duplicate')`. */
export function invalid(path: string, code: string, params?: Record<string, string | number>): GuiaError {
  return new GuiaError('validation.failed', {}, [{ path, code, ...(params ? { params } : {}) }]);
}
