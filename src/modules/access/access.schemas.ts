import { z } from 'zod';
import { agencyKinds } from '../../core/agencies.js';
import { validateReferencePattern } from '../../core/cases/case-reference.js';
import { languages } from '../../core/languages.js';
import { permissions, roles, scopes } from '../../core/permissions.js';
import { SafeName } from '../../core/text.js';

// One schema validates a request, types it and documents it in the OpenAPI document.
// Request bodies are strict: an unknown field is an error, not silently dropped.

export const Id = z.uuid();
export const IdParams = z.strictObject({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

export const Language = z.enum(languages);
// Lenient on purpose: the first administrator is admin@localhost, and intranet mail
// domains often have a single label. Whether mail arrives is not the schema's to decide.
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/, 'email');
export const Version = z.number().int().min(1);

export const LocalisedNames = z.strictObject({
  en: SafeName(200),
  'zh-Hant': SafeName(200),
  pt: SafeName(200),
});

export const AgencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9-]{1,15}$/, 'agency_code');

// References must stay unique across agencies and years, so a pattern names the agency and
// the sequence; without a year the sequence simply never restarts.
export const CaseReferencePattern = z
  .string()
  .trim()
  .superRefine((pattern, ctx) => {
    const problem =
      validateReferencePattern(pattern) ??
      (pattern.includes('{AGENCY}') ? null : 'reference_pattern.missing_agency');
    if (problem) ctx.addIssue({ code: 'custom', message: problem.replace('.', '_') });
  });

export const AgencyView = z.object({
  id: Id,
  code: z.string(),
  names: LocalisedNames,
  kind: z.enum(agencyKinds),
  active: z.boolean(),
  caseReferencePattern: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgencyView = z.infer<typeof AgencyView>;

export const AgencyCreate = z.strictObject({
  code: AgencyCode,
  names: LocalisedNames,
  kind: z.enum(agencyKinds),
  caseReferencePattern: CaseReferencePattern.optional(),
});
export type AgencyCreate = z.infer<typeof AgencyCreate>;

export const AgencyUpdate = z.strictObject({
  version: Version,
  names: LocalisedNames.optional(),
  kind: z.enum(agencyKinds).optional(),
  active: z.boolean().optional(),
  caseReferencePattern: CaseReferencePattern.optional(),
});
export type AgencyUpdate = z.infer<typeof AgencyUpdate>;

export const Role = z.enum(roles);

export const UserView = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  language: Language,
  agency: z.object({ id: Id, code: z.string() }),
  roles: z.array(Role),
  active: z.boolean(),
  twoFactorEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastSignInAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const UserCreate = z.strictObject({
  email: Email,
  name: SafeName(200),
  language: Language.default('en'),
  agencyId: Id,
  roles: z.array(Role).min(1).max(roles.length),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserCreated = z.object({ user: UserView, oneTimePassword: z.string() });

export const UserUpdate = z.strictObject({
  version: Version,
  name: SafeName(200).optional(),
  language: Language.optional(),
  agencyId: Id.optional(),
  roles: z.array(Role).min(1).max(roles.length).optional(),
  active: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const OneTimePassword = z.object({ oneTimePassword: z.string() });

export const UserListQuery = z.strictObject({
  agencyId: Id.optional(),
  role: Role.optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(200).optional(),
});

export const RoleView = z.object({
  id: Role,
  permissions: z.array(z.object({ permission: z.enum(permissions), scope: z.enum(scopes) })),
});

export type RoleView = z.infer<typeof RoleView>;

export const SignIn = z.strictObject({ email: Email, password: z.string().min(1).max(1024) });
export const SecondFactor = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/i, 'second_factor_code'),
});
export const ChangePassword = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
export const ChangeLanguage = z.strictObject({ language: Language });
export const TwoFactorSetup = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeDataUrl: z.string(),
});
export const TwoFactorConfirm = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'totp_code'),
});
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const SessionStage = z.enum(['second_factor', 'password_change', 'two_factor_enrolment', 'active']);
export const SessionView = z.object({
  stage: SessionStage,
  csrfToken: z.string(),
  /** The signed-in user, as the user list shows them. */
  user: UserView.pick({
    id: true,
    email: true,
    name: true,
    language: true,
    agency: true,
    roles: true,
    twoFactorEnabled: true,
  }),
  permissions: z.array(z.enum(permissions)),
  /** Which cases the list holds: every case, the agency's and one's own, or one's own (null: none). */
  caseScope: z.enum(scopes).nullable(),
  expiresAt: z.string(),
  /** The committee's time zone: dates and times are shown as the committee's calendar has them. */
  timeZone: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;
