// The closed list of what the audit trail records. Adding a capability adds its events here.
export const auditActions = [
  'instance.initialised',
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.second_factor_failed',
  'auth.signed_out',
  'auth.signed_out_everywhere',
  'auth.session_rejected',
  'auth.csrf_failed',
  'auth.permission_denied',
  'account.password_changed',
  'account.language_changed',
  'account.two_factor_enrolled',
  'account.two_factor_disabled',
  'account.recovery_code_used',
  'agency.created',
  'agency.updated',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
] as const;

export type AuditAction = (typeof auditActions)[number];
